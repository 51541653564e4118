import DrydockModel
import DrydockPolicy
import DrydockScan
import DrydockTestSupport
import DrydockVulnDB
import Foundation
import Testing

@Suite("ScanEngine")
struct ScanEngineTests {
    /// A real DB built from the standard small feeds.
    static func database() throws -> VulnerabilityDatabase {
        let directory = try VulnDBTestSupport.makeScratchDirectory("scan-engine")
        let sources = try AdvisoryFeedFixtures.writeStandardFeeds(to: directory)
        let path = (directory as NSString).appendingPathComponent("drydock.db")
        _ = try DatabaseBuilder.build(output: path, sources: sources, builtAt: Date(timeIntervalSince1970: 1.7e9))
        return try VulnerabilityDatabase.open(path: path)
    }

    static let artifact = ArtifactMetadata(name: "app:1", type: "container_image")

    @Test("one call matches, decides and reports every vulnerable package, in report order")
    func reportsFindings() throws {
        let engine = ScanEngine(source: try Self.database())
        let gate = Gate(policy: ScanPolicy(failureExitCode: 1))
        let report = try engine.report(
            inventory: AdvisoryFeedFixtures.alpineInventory(), artifact: Self.artifact, gate: gate, database: nil,
            leadingWarnings: ["first"])
        let ids = report.targets.map { target in target.findings.map { $0.finding.id } }
        #expect(ids == [["CVE-2019-14697", "CVE-2019-1547", "CVE-2020-1967"], ["PYSEC-2023-100", "CVE-2023-32681"]])
        #expect(report.verdict.failingCount == 5)
        #expect(report.verdict.exitCode == 1)
        #expect(report.warnings.first == "first")
        #expect(report.inventory == AdvisoryFeedFixtures.alpineInventory())
    }

    @Test("a fixed package has no finding and the gate passes")
    func fixedPackages() throws {
        let engine = ScanEngine(source: try Self.database())
        var inventory = AdvisoryFeedFixtures.alpineInventory(musl: "1.1.22-r3", openssl: "1.1.1g-r0")
        inventory.targets.removeLast()
        let report = try engine.report(
            inventory: inventory, artifact: Self.artifact, gate: Gate(policy: ScanPolicy(failureExitCode: 1)),
            database: nil)
        #expect(report.targets.flatMap(\.findings).isEmpty)
        #expect(report.verdict.passed)
    }

    @Test("nothing to check is an error naming the target, never a clean report")
    func nothingToCheck() throws {
        let engine = ScanEngine(source: try Self.database())
        #expect(throws: ScanEngineError.self) {
            try engine.report(
                inventory: Inventory(operatingSystem: nil, targets: []), artifact: Self.artifact,
                gate: Gate(policy: ScanPolicy()), database: nil)
        }
        do {
            try ScanEngine.requireSomethingToCheck(
                Inventory(operatingSystem: nil, targets: []), artifact: Self.artifact)
            Issue.record("an empty image was accepted")
        } catch {
            #expect(error.code == .nothingToCheck)
            #expect(error.reason.contains("app:1"))
        }
    }

    @Test("an uncovered release is reported as a warning")
    func uncoveredRelease() throws {
        let engine = ScanEngine(source: try Self.database())
        let inventory = Inventory(
            operatingSystem: OperatingSystem(family: .alpine, version: "3.19.1"),
            targets: [
                InventoryTarget(
                    kind: .osPackages, name: "app (alpine 3.19.1)", type: "alpine",
                    packages: [Package(name: "musl", version: "1.2.4-r2", ecosystem: .alpine, sourceName: "musl")])
            ])
        let report = try engine.report(
            inventory: inventory, artifact: Self.artifact, gate: Gate(policy: ScanPolicy()), database: nil)
        #expect(report.warnings.contains { $0.description.contains("no advisories for Alpine:v3.19") })
    }
}
