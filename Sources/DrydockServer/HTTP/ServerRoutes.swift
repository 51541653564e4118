import DrydockModel
import DrydockRepository
import Foundation
import Hummingbird

/// Every endpoint of `drydock server` (documented in `docs/server.md`, described in `docs/openapi.yaml`).
struct ServerRoutes: Sendable {
    let server: DrydockServer

    var store: any RepositoryStore { server.store }
    var limit: Int { server.configuration.maxBodySize }

    func register(_ routes: inout RouteRegistrar) {
        registerOperations(&routes)
        registerScans(&routes)
        registerQueries(&routes)
        registerWebhooks(&routes)
        TriageRoutes(server: server).register(&routes)
        registerAdmission(&routes)
    }

    private func registerWebhooks(_ routes: inout RouteRegistrar) {
        let store = store
        let limit = limit
        routes.add(.post, "/api/v1/webhooks", scope: .admin, "Add a webhook (url, secret)") { request, context in
            let body = try await request.decodeJSON(WebhookRequest.self, limit: limit)
            return JSONResponse.make(
                try await repository {
                    try await store.addWebhook(url: body.url, secret: body.secret, by: context.actor)
                })
        }
        routes.add(.get, "/api/v1/webhooks", scope: .admin, "The configured webhooks") { _, _ in
            JSONResponse.make(try await repository { try await store.webhooks() })
        }
        routes.add(.delete, "/api/v1/webhooks/{id}", scope: .admin, "Remove a webhook") { _, context in
            guard let id = Int64(try context.parameters.require("id")) else {
                throw APIError(.badRequest, "invalid", "webhook id must be a number")
            }
            try await repository { try await store.removeWebhook(id: id, by: context.actor) }
            return JSONResponse.make(["removed": id])
        }
        routes.add(.get, "/api/v1/rescans", scope: .read, "Recent rescans, newest first, with their duration") {
            request, _ in
            let limit = try request.intParameter("limit", fallback: 20)
            return JSONResponse.make(try await repository { try await store.rescans(limit: limit) })
        }
        routes.add(.get, "/api/v1/webhooks/deliveries", scope: .admin, "Recent webhook deliveries and their state") {
            request, _ in
            let limit = try request.intParameter("limit", fallback: 100)
            return JSONResponse.make(try await repository { try await store.deliveries(limit: limit) })
        }
    }

    private func registerOperations(_ routes: inout RouteRegistrar) {
        routes.add(.get, "/healthz", scope: nil, "Liveness: the process answers") { _, _ in
            JSONResponse.make(["status": "ok"])
        }
        let server = server
        routes.add(.get, "/readyz", scope: nil, "Readiness: the vulnerability DB is loaded and the store answers") {
            _, _ in
            var problems: [String] = []
            do throws(DatabaseUnavailable) { _ = try server.database.current() } catch { problems.append(error.reason) }
            do { try await server.store.ping() } catch {
                problems.append("store \(server.store.displayName): \(error)")
            }
            var response = JSONResponse.make([
                "status": problems.isEmpty ? "ready" : "not-ready", "problems": problems.joined(separator: "; "),
            ])
            if !problems.isEmpty { response.status = .serviceUnavailable }
            return response
        }
        routes.add(.get, "/metrics", scope: nil, "Prometheus metrics") { _, _ in
            JSONResponse.bytesResponse(server.metrics.exposition(), contentType: "text/plain; version=0.0.4")
        }
    }

    private func registerScans(_ routes: inout RouteRegistrar) {
        let service = ScanService(store: store, database: server.database, toolVersion: server.toolVersion)
        let limit = limit
        let metrics = server.metrics
        routes.add(.post, "/api/v1/layers/missing", scope: .write, "Which of these layers the server lacks") {
            request, _ in
            let query = try await request.decodeJSON(LayerQuery.self, limit: limit)
            return JSONResponse.make(
                LayerQueryAnswer(
                    missing: try await repository {
                        try await service.store.missingLayers(query.diffIDs, analyzerKey: query.analyzerKey)
                    }))
        }
        routes.add(.post, "/api/v1/scans", scope: .write, "Scan an inventory (or layer analyses); answers Trivy JSON") {
            request, _ in
            let submission = try await request.decodeJSON(ScanSubmission.self, limit: limit)
            let result = try await repository { try await service.scan(submission) }
            metrics.scansStored.increment()
            return JSONResponse.bytesResponse(result.json)
        }
        routes.add(.post, "/api/v1/sboms", scope: .write, "Store a CycloneDX or SPDX SBOM for an image") { request, _ in
            let bytes = try await request.collectBody(limit: limit)
            let query = request.uri.queryParameters
            let answer = try await repository {
                try await service.pushSBOM(
                    bytes, reference: query.get("image"), digest: query.get("digest"), labels: request.labelParameters)
            }
            metrics.scansStored.increment()
            return JSONResponse.make(answer)
        }
    }

    private func registerQueries(_ routes: inout RouteRegistrar) {
        let store = store
        let sla = server.configuration.sla
        routes.add(.get, "/api/v1/images", scope: .read, "Stored images, newest scan first") { request, _ in
            let page = try await repository {
                try await store.listImages(
                    labels: request.labelParameters, limit: try request.intParameter("limit", fallback: 100),
                    offset: try request.intParameter("offset", fallback: 0, range: 0...Int(Int32.max)))
            }
            return JSONResponse.make(page)
        }
        routes.add(.get, "/api/v1/images/{digest}", scope: .read, "One stored image") { _, context in
            let digest = try context.parameters.require("digest")
            guard let image = try await repository({ try await store.image(digest: digest) }) else {
                throw APIError(.notFound, "not-found", "no image \(digest) in the repository")
            }
            return JSONResponse.make(image)
        }
        routes.add(
            .get, "/api/v1/images/{digest}/findings", scope: .read,
            "An image's open findings (resolved=true: all; kev=true: only known exploited)"
        ) {
            request, context in
            let digest = try context.parameters.require("digest")
            let all = request.uri.queryParameters.get("resolved") == "true"
            let kev = request.uri.queryParameters.get("kev") == "true"
            return JSONResponse.make(
                try await repository {
                    try await store.findings(ofImage: digest, includeResolved: all, knownExploitedOnly: kev)
                })
        }
        routes.add(.get, "/api/v1/images/{digest}/history", scope: .read, "What happened to an image's findings") {
            _, context in
            let digest = try context.parameters.require("digest")
            return JSONResponse.make(try await repository { try await store.history(ofImage: digest) })
        }
        routes.add(
            .get, "/api/v1/packages", scope: .read, "Images containing a package (purl or name, version constraint)"
        ) {
            request, _ in
            let query = request.uri.queryParameters
            var ecosystem: Ecosystem?
            if let name = query.get("ecosystem") {
                guard let known = Ecosystem.allCases.first(where: { $0.rawValue.lowercased() == name.lowercased() })
                else {
                    throw APIError(.badRequest, "invalid", "ecosystem=\(name) is not one Drydock knows")
                }
                ecosystem = known
            }
            let packageQuery = PackageQuery(
                purl: query.get("purl"), name: query.get("name"), ecosystem: ecosystem,
                versionConstraint: query.get("version"),
                labels: request.labelParameters, limit: try request.intParameter("limit", fallback: 100),
                cursor: query.get("cursor"))
            return JSONResponse.make(try await repository { try await store.images(containing: packageQuery) })
        }
        routes.add(
            .get, "/api/v1/vulnerabilities/{id}/images", scope: .read, "Images affected by a vulnerability or any alias"
        ) {
            request, context in
            let id = try context.parameters.require("id")
            let limit = try request.intParameter("limit", fallback: 100)
            return JSONResponse.make(
                try await repository {
                    try await store.images(
                        affectedBy: id, labels: request.labelParameters, limit: limit,
                        cursor: request.uri.queryParameters.get("cursor"))
                })
        }
        routes.add(.get, "/api/v1/findings/overdue", scope: .read, "Open findings past their severity's SLA") {
            request, _ in
            var policy = sla
            for severity in Severity.allCases {
                if let days = request.uri.queryParameters.get(severity.rawValue.lowercased()) {
                    guard let value = Int(days), value >= 0 else {
                        throw APIError(
                            .badRequest, "invalid", "\(severity.rawValue.lowercased())=\(days): expected days")
                    }
                    policy.days[severity] = value
                }
            }
            let limit = try request.intParameter("limit", fallback: 100)
            let kev = request.uri.queryParameters.get("kev") == "true"
            return JSONResponse.make(
                try await repository {
                    try await store.overdueFindings(sla: policy, limit: limit, knownExploitedOnly: kev)
                })
        }
    }
}

/// Runs `body`, turning repository errors into API answers.
func repository<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as RepositoryError {
        throw APIError.from(error)
    }
}
