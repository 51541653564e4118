import DrydockMatch
import DrydockModel
import DrydockPolicy
import DrydockTestSupport
import Foundation

/// A decided scan report of one Alpine target, built from model fixtures.
enum ReportFixtures {
    static func report(
        findings: [VulnerabilityFinding] = [ModelFixtures.finding()],
        coverage: TargetCoverage = TargetCoverage(namespaces: ["Alpine:v3.10"]),
        failureExitCode: Int32 = 0, createdAt: Date = Date(timeIntervalSince1970: 1_700_000_000)
    ) -> ScanReport {
        let target = InventoryTarget(
            kind: .osPackages, name: "alpine-310.tar.gz (alpine 3.10.4)", type: "alpine",
            packages: [ModelFixtures.muslPackage()])
        let gate = Gate(policy: ScanPolicy(failureExitCode: failureExitCode))
        let decided = gate.decide(
            MatchResult(targets: [TargetMatch(target: target, findings: findings, coverage: coverage)]))
        return ScanReport(
            createdAt: createdAt,
            artifact: ArtifactMetadata(
                name: "alpine-310.tar.gz", type: "container_image", imageID: "sha256:af341ccd",
                diffIDs: ["sha256:531743b7"], repoTags: ["alpine:3.10"],
                layers: [LayerReference(digest: nil, diffID: "sha256:531743b7")],
                imageConfigJSON: Array(#"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers"}}"#.utf8)),
            operatingSystem: OperatingSystem(family: .alpine, version: "3.10.4"),
            targets: decided, verdict: gate.verdict(decided),
            database: DatabaseSummary(
                path: "/tmp/db", schemaVersion: 1, builtAt: Date(timeIntervalSince1970: 1_690_000_000)),
            warnings: [])
    }
}
