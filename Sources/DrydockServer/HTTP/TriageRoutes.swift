import DrydockPolicy
import DrydockReport
import DrydockRepository
import Foundation
import Hummingbird

/// Triage endpoints: the server's exceptions (versioned, in the policy file's format), triage of one finding,
/// the audit log, the exceptions as OpenVEX, and the OpenAPI description itself.
struct TriageRoutes: Sendable {
    let server: DrydockServer

    func register(_ routes: inout RouteRegistrar) {
        let store = server.store
        let limit = server.configuration.maxBodySize
        routes.add(.get, "/openapi.yaml", scope: nil, "This API's OpenAPI description") { _, _ in
            JSONResponse.bytesResponse(Array(OpenAPIDocument.yaml.utf8), contentType: "application/yaml")
        }
        routes.add(.get, "/api/v1/exceptions", scope: .read, "The current exceptions (removed=true: removed ones too)")
        {
            request, _ in
            let all = request.uri.queryParameters.get("removed") == "true"
            return JSONResponse.make(try await repository { try await store.exceptions(includeRemoved: all) })
        }
        routes.add(.post, "/api/v1/exceptions", scope: .write, "Add an exception (policy-file format)") {
            request, context in
            let exception = try await Self.exception(request, limit: limit)
            return JSONResponse.make(
                try await repository { try await store.saveException(exception, by: context.actor) })
        }
        routes.add(.get, "/api/v1/exceptions/{id}", scope: .read, "Every version of one exception, oldest first") {
            _, context in
            let id = try context.parameters.require("id")
            return JSONResponse.make(try await repository { try await store.exceptionHistory(id: id) })
        }
        routes.add(.put, "/api/v1/exceptions/{id}", scope: .write, "Change an exception (a new version)") {
            request, context in
            let id = try context.parameters.require("id")
            let exception = try await Self.exception(request, limit: limit)
            return JSONResponse.make(
                try await repository { try await store.saveException(exception, id: id, by: context.actor) })
        }
        routes.add(.delete, "/api/v1/exceptions/{id}", scope: .write, "Remove an exception (a new version)") {
            _, context in
            let id = try context.parameters.require("id")
            return JSONResponse.make(
                try await repository { try await store.removeException(id: id, by: context.actor) })
        }
        routes.add(.get, "/api/v1/exceptions/{id}/versions/{version}", scope: .read, "One version of an exception") {
            _, context in
            let id = try context.parameters.require("id")
            guard let version = Int(try context.parameters.require("version")) else {
                throw APIError(.badRequest, "invalid", "version must be a number")
            }
            return JSONResponse.make(
                try await repository { try await store.exceptionVersion(id: id, version: version) })
        }
        let triage = TriageService(store: store)
        routes.add(.post, "/api/v1/triage", scope: .write, "Triage one stored finding (records or removes exceptions)")
        {
            request, context in
            let body = try await request.decodeJSON(TriageRequest.self, limit: limit)
            return JSONResponse.make(try await repository { try await triage.triage(body, by: context.actor) })
        }
        let toolVersion = server.toolVersion
        routes.add(.get, "/api/v1/vex", scope: .read, "The live exceptions as an OpenVEX document") { _, _ in
            let bytes = try await repository { try await Self.openVEX(store: store, toolVersion: toolVersion) }
            return JSONResponse.bytesResponse(bytes)
        }
        routes.add(.get, "/api/v1/audit-log", scope: .admin, "Who changed what, newest first") { request, _ in
            var since: Date?
            if let text = request.uri.queryParameters.get("since") {
                guard let date = PolicyDate.parse(text) else {
                    throw APIError(.badRequest, "invalid", "since=\(text): expected YYYY-MM-DD or an RFC 3339 time")
                }
                since = date
            }
            let limit = try request.intParameter("limit", fallback: 100)
            return JSONResponse.make(try await repository { try await store.auditLog(limit: limit, since: since) })
        }
    }

    /// The request body read as one policy-file exception (JSON or YAML), or 400 naming what is wrong.
    static func exception(_ request: Request, limit: Int) async throws -> PolicyException {
        let bytes = try await request.collectBody(limit: limit)
        do {
            return try PolicyParser.parseException(bytes, path: "request body")
        } catch {
            throw APIError(.badRequest, "invalid-exception", error.description)
        }
    }

    /// The OpenVEX document of the store's live exceptions.
    static func openVEX(store: any RepositoryStore, toolVersion: String, now: Date = Date()) async throws -> [UInt8] {
        var exceptions: [(exception: PolicyException, changedAt: Date)] = []
        for record in try await store.exceptions(now: now) {
            if let exception = try record.policyException() { exceptions.append((exception, record.changedAt)) }
        }
        let report = OpenVEXReport(author: "Drydock server", tooling: "drydock \(toolVersion)")
        return JSONWriter.write(report.document(exceptions: exceptions, createdAt: now).document)
    }
}
