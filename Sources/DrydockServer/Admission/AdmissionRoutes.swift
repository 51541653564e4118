import DrydockAdmission
import DrydockNetwork
import DrydockRepository
import Foundation
import Hummingbird

/// The cluster boundary's endpoints (`docs/admission.md`): the validating admission webhook, its decision log,
/// and the cluster inventory `drydock k8s --server` reports.
extension ServerRoutes {
    func registerAdmission(_ routes: inout RouteRegistrar) {
        let configuration = server.configuration.admission
        let store = store
        let decider = AdmissionDecider(
            configuration: configuration,
            assessor: StoreImageAssessor(store: store, database: server.database, configuration: configuration))
        let audit = server.admissionAudit
        let limit = limit
        routes.add(
            .post, "/admission/v1/validate", scope: configuration.requireToken ? .read : nil,
            "Kubernetes ValidatingAdmissionWebhook: decide an AdmissionReview"
        ) { request, _ in
            let bytes = try await request.collectBody(limit: limit)
            let review: AdmissionReviewRequest
            do throws(AdmissionInputError) {
                review = try AdmissionReviewRequest.decode(bytes)
            } catch {
                throw APIError(.badRequest, "invalid-admission-review", error.reason)
            }
            let decision = await decider.decide(review)
            audit.record(decision.record)
            return JSONResponse.make(decision.response)
        }
        routes.add(
            .get, "/api/v1/admission/decisions", scope: .read,
            "Recent admission decisions (action=allow|deny|warn|skip, namespace)"
        ) { request, _ in
            let query = request.uri.queryParameters
            let action = query.get("action").map { "admission." + $0 } ?? "admission."
            let namespace = query.get("namespace")
            // Objects are `Kind/namespace/name`; Kubernetes names hold no '/'.
            let entries = try await repository {
                try await store.auditEntries(
                    actionPrefix: action, objectContaining: namespace.map { "/\($0)/" },
                    limit: try request.intParameter("limit", fallback: 100))
            }
            let records = entries.compactMap { entry in
                try? JSONResponse.decoder.decode(AdmissionAuditRecord.self, from: Data(entry.detail))
            }
            return JSONResponse.make(records)
        }
        routes.add(
            .post, "/api/v1/clusters/{cluster}/workloads", scope: .write,
            "Report what a cluster runs (drydock k8s --server); answers what the repository knows of each image"
        ) { request, context in
            let cluster = try context.parameters.require("cluster")
            let submission = try await request.decodeJSON(ClusterInventorySubmission.self, limit: limit)
            return JSONResponse.make(
                try await repository {
                    try await ClusterInventoryService(store: store).report(cluster: cluster, submission)
                })
        }
    }
}

/// Stores a cluster's workloads and answers, per distinct image, the stored image it resolves to.
struct ClusterInventoryService: Sendable {
    let store: any RepositoryStore

    func report(cluster: String, _ submission: ClusterInventorySubmission) async throws -> ClusterInventoryAnswer {
        try await store.replaceClusterWorkloads(cluster: cluster, workloads: submission.workloads) { image in
            guard let reference = try? ImageReference.parse(image) else { return ("", image, "") }
            return (reference.registry, reference.repository, reference.digest ?? reference.tag ?? "latest")
        }
        var statuses: [ClusterImageStatus] = []
        for image in Set(submission.workloads.map(\.image)).sorted() {
            guard let reference = try? ImageReference.parse(image),
                let match = try await store.storedImage(
                    registry: reference.registry, repository: reference.repository,
                    reference: reference.digest ?? reference.tag ?? "latest")
            else {
                statuses.append(ClusterImageStatus(image: image, digest: nil, lastScanned: nil, openFindings: [:]))
                continue
            }
            statuses.append(
                ClusterImageStatus(
                    image: image, digest: match.digest, lastScanned: match.lastScanned,
                    openFindings: try await store.openFindingCounts(digest: match.digest)))
        }
        return ClusterInventoryAnswer(cluster: cluster, workloads: submission.workloads.count, images: statuses)
    }
}
