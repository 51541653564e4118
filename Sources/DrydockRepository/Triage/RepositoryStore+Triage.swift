import DrydockModel
import DrydockPolicy
import Foundation

extension RepositoryStore {
    /// `records` (each with its image's row ID) with the decisions the server's live exceptions give them, as
    /// a client's gate would: the first live exception that names the finding in its image decides it.
    func triaged(_ records: [(image: Int64, record: FindingRecord)], now: Date = Date()) async throws
        -> [FindingRecord]
    {
        guard !records.isEmpty else { return [] }
        let ids = Set(records.flatMap { [$0.record.finding.vulnerabilityID] + $0.record.finding.allIDs })
        let exceptions = try await liveExceptions(naming: ids, now: now)
        guard !exceptions.isEmpty else { return records.map(\.record) }
        let artifacts = try await artifacts(Array(Set(records.map(\.image))))
        return records.map { image, record in
            var record = record
            record.decision = StoredTriage.decision(
                for: record.finding, artifact: artifacts[image], exceptions: exceptions, now: now)
            return record
        }
    }

    /// The stored artifacts (name, tags, digests, image ID) of images by row ID.
    func artifacts(_ ids: [Int64]) async throws -> [Int64: ArtifactMetadata] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await read { session in
            try await session.query(
                "SELECT id, artifact FROM images WHERE id IN (\(SQL.placeholders(ids.count)))",
                ids.map(SQLValue.integer))
        }
        var artifacts: [Int64: ArtifactMetadata] = [:]
        for row in rows {
            guard let id = row[0].int64, let blob = row[1].bytes else { continue }
            artifacts[id] = try? CompressedJSON.decode(ArtifactMetadata.self, from: blob)
        }
        return artifacts
    }
}

/// How the server's exceptions decide a stored finding: the same matching (`PolicyException.matches` over the
/// gate's `FindingFacts`) a client's gate uses, over the stored finding and the image's stored artifact.
public enum StoredTriage {
    /// The decision of the first live exception of `exceptions` that names `finding` in `artifact`, or `nil`.
    public static func decision(
        for finding: StoredFinding, artifact: ArtifactMetadata?, exceptions: [PolicyException], now: Date = Date()
    ) -> Decision? {
        let gate = Gate(policy: ScanPolicy(), artifact: artifact, now: now)
        let facts = gate.facts(context(finding, artifact: artifact), baseline: nil)
        guard let exception = exceptions.first(where: { !$0.isExpired(at: now) && $0.matches(facts) }) else {
            return nil
        }
        return Decision(action: exception.action, rule: GateException.policy(exception).decisionRule)
    }

    /// The stored finding as the gate sees one: its IDs, package (name, version, purl), target and status.
    /// Facts the store does not keep (CVSS, EPSS) are absent, which exceptions never test; KEV is kept.
    static func context(_ finding: StoredFinding, artifact: ArtifactMetadata?) -> FindingContext {
        // The ecosystem is not a fact exceptions test (their purl scope compares the purl itself).
        let package = Package(
            name: finding.packageName, version: finding.installedVersion, ecosystem: .alpine, purl: finding.purl)
        var advisory = Advisory(id: finding.vulnerabilityID, title: finding.title, source: "repository")
        advisory.knownExploited = finding.knownExploited
        let vulnerability = VulnerabilityFinding(
            vulnerabilityID: finding.vulnerabilityID, allIDs: finding.allIDs, package: package,
            fixedVersion: finding.fixedVersion, status: finding.status,
            advisory: advisory, severity: finding.severity, severitySource: nil, namespace: "")
        return FindingContext(
            finding: .vulnerability(vulnerability), targetName: finding.target, targetKind: .osPackages,
            targetType: "", artifact: artifact)
    }
}
