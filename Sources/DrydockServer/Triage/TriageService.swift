import DrydockModel
import DrydockPolicy
import DrydockRepository
import Foundation

/// Applies triage decisions to the store.
public struct TriageService: Sendable {
    public let store: any RepositoryStore

    public init(store: any RepositoryStore) {
        self.store = store
    }

    /// Records `request` by `actor` (the token's name), at `now`.
    public func triage(_ request: TriageRequest, by actor: String, now: Date = Date()) async throws -> TriageOutcome {
        guard let artifact = try await store.inventory(ofImage: request.image)?.0 else {
            throw RepositoryError(.notFound, "no image \(request.image) in the repository")
        }
        let findings = try await store.findings(ofImage: request.image)
        guard
            let record = findings.first(where: {
                $0.finding.vulnerabilityID == request.vulnerabilityID
                    && (request.purl == nil || $0.finding.purl == request.purl)
            })
        else {
            throw RepositoryError(
                .notFound,
                "image \(request.image) has no open finding \(request.vulnerabilityID)"
                    + (request.purl.map { " in \($0)" } ?? ""))
        }
        let detail = AuditDetail(triage: request.choice.rawValue, image: request.image)
        if request.choice == .fixNow {
            var removed: [ExceptionRecord] = []
            // Only an exception naming one of the finding's IDs can decide it.
            let ids = Set([record.finding.vulnerabilityID] + record.finding.allIDs)
            for current in try await store.liveExceptionRecords(naming: ids, now: now) {
                guard let exception = try current.policyException(),
                    StoredTriage.decision(
                        for: record.finding, artifact: artifact, exceptions: [exception], now: now) != nil
                else { continue }
                removed.append(try await store.removeException(id: current.id, by: actor, detail: detail))
            }
            if removed.isEmpty {
                try await store.auditTriage(
                    actor: actor, object: "\(request.image) \(request.vulnerabilityID)", detail: detail)
            }
            return TriageOutcome(choice: request.choice, written: nil, removed: removed)
        }
        let exception = try exception(for: request, record: record, artifact: artifact, owner: actor, now: now)
        let written = try await store.saveException(exception, by: actor, detail: detail)
        return TriageOutcome(choice: request.choice, written: written, removed: [])
    }

    /// The exception `request` records, written as policy-file text and read by the policy parser, so it is
    /// checked exactly as a policy file's exception would be.
    func exception(
        for request: TriageRequest, record: FindingRecord, artifact: ArtifactMetadata, owner: String, now: Date
    ) throws -> PolicyException {
        let reason = (request.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw RepositoryError(.invalid, "a triage needs a reason") }
        let defaultDays = request.choice == .nextSprint ? 14 : 90
        let expires =
            request.expires.flatMap { $0.isEmpty ? nil : $0 }
            ?? PolicyDate.expiryString(Self.midnight(now.addingTimeInterval(Double(defaultDays) * 86_400)))
        guard let expiry = PolicyDate.parse(expires) else {
            throw RepositoryError(.invalid, "expires \(expires): expected YYYY-MM-DD or an RFC 3339 time")
        }
        guard expiry > now else { throw RepositoryError(.invalid, "expires \(expires) has already passed") }
        var body: [String: Any] = [
            "id": [record.finding.vulnerabilityID], "owner": owner, "reason": "\(request.choice.label): \(reason)",
            "expires": expires, "action": request.choice == .falsePositive ? "ignore" : "warn",
        ]
        if let purl = record.finding.purl.flatMap(PackageURL.init) {
            body["purl"] = [purl.versionless.description]
        } else {
            body["path"] = [record.finding.target]
        }
        if request.allImages != true { body["image"] = [Self.literalPattern(artifact.name)] }
        let bytes = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        do {
            return try PolicyParser.parseException(Array(bytes), path: "triage")
        } catch {
            throw RepositoryError(.invalid, "triage: \(error.reason)")
        }
    }

    /// A pattern that matches exactly `text` (glob characters escaped).
    static func literalPattern(_ text: String) -> String {
        var pattern = ""
        for character in text {
            if "*?[]{}\\".contains(character) { pattern.append("\\") }
            pattern.append(character)
        }
        return pattern
    }

    static func midnight(_ date: Date) -> Date {
        PolicyDate.parse(String(PolicyDate.timestamp(date).prefix(10))) ?? date
    }
}
