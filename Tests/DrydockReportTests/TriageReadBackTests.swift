import DrydockMatch
import DrydockModel
import DrydockPolicy
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockReport

/// The JSON report's triage facts written and read back: what a report must carry to be the next scan's
/// baseline.
@Suite("Triage facts in the JSON report, read back")
struct TriageReadBackTests {
    static let firstSeen = Date(timeIntervalSince1970: 1_690_000_000)

    /// One reported finding with a baseline state, one set aside by VEX, and a fixed one in the baseline.
    static func report() throws -> ScanReport {
        let kept = ModelFixtures.finding(id: "CVE-2019-14697")
        var vexed = ModelFixtures.finding(id: "CVE-2020-28928", package: ModelFixtures.muslPackage())
        vexed.allIDs = ["CVE-2020-28928", "GHSA-musl"]
        let target = DetectedTarget(
            name: "alpine.tar (alpine 3.10.4)", kind: .osPackages, type: "alpine",
            packages: [ModelFixtures.muslPackage()], findings: [.vulnerability(kept), .vulnerability(vexed)])
        let vex = """
            {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "x", "author": "t", "timestamp": "2024-01-01T00:00:00Z",
             "version": 1, "statements": [{"vulnerability": {"name": "GHSA-musl"}, "status": "not_affected",
             "justification": "vulnerable_code_not_present", "products": [{"@id": "pkg:apk/alpine/musl"}]}]}
            """
        let gone = ModelFixtures.finding(id: "CVE-2018-0001", package: ModelFixtures.muslPackage(version: "1.1.20-r0"))
        let baseline = Baseline(
            path: "old.json", createdAt: firstSeen,
            entries: [
                .init(targetName: "old", targetKind: .osPackages, finding: .vulnerability(kept), firstSeen: firstSeen),
                .init(targetName: "old", targetKind: .osPackages, finding: .vulnerability(gone)),
            ])
        let gate = Gate(policy: ScanPolicy(failureExitCode: 1))
        let createdAt = Date(timeIntervalSince1970: 1_700_000_000)
        let applied = Triage(
            vex: VEXIndex(documents: [try VEXDocument.parse(Array(vex.utf8), path: "musl.vex.json")]),
            baseline: baseline
        ).apply(
            to: gate.decide([target]),
            context: VEXScanContext(
                artifact: ArtifactMetadata(name: "alpine.tar", type: "container_image"), operatingSystem: nil),
            scanTime: createdAt)
        return ScanReport(
            createdAt: createdAt, artifact: ArtifactMetadata(name: "alpine.tar", type: "container_image"),
            operatingSystem: OperatingSystem(family: .alpine, version: "3.10.4"), targets: applied.targets,
            verdict: gate.verdict(applied.targets), database: nil, warnings: [], baseline: applied.baseline)
    }

    @Test("FirstSeen, BaselineStatus, ExperimentalModifiedFindings and Drydock.Baseline are written")
    func written() throws {
        let document = TrivyJSONReport().document(try Self.report())
        guard case .array(let results) = document["Results"],
            case .array(let vulnerabilities) = results[0]["Vulnerabilities"],
            case .array(let modified) = results[0]["ExperimentalModifiedFindings"]
        else {
            Issue.record("missing results")
            return
        }
        #expect(vulnerabilities.count == 1)
        #expect(vulnerabilities[0]["FirstSeen"] == .string("2023-07-22T04:26:40Z"))
        #expect(vulnerabilities[0]["BaselineStatus"] == .string("existing"))
        #expect(modified.count == 1)
        #expect(modified[0]["Type"] == .string("vulnerability"))
        #expect(modified[0]["Status"] == .string("not_affected"))
        #expect(modified[0]["Statement"] == .string("vulnerable_code_not_present"))
        #expect(modified[0]["Source"] == .string("musl.vex.json"))
        #expect(modified[0]["Finding"]?["FirstSeen"] == .string("2023-11-14T22:13:20Z"))
        #expect(modified[0]["Finding"]?["VEX"]?["Source"] == .string("musl.vex.json:2"))
        let baseline = document["Drydock"]?["Baseline"]
        #expect(baseline?["New"] == .int(0))
        #expect(baseline?["Existing"] == .int(1))
        #expect(baseline?["Fixed"] == .int(1))
        #expect(
            baseline?["FixedFindings"]
                == .array([
                    .object([
                        ("Target", .string("old")), ("Class", .string("os-pkgs")),
                        ("VulnerabilityID", .string("CVE-2018-0001")),
                        ("PkgName", .string("musl")),
                        (
                            "PkgIdentifier",
                            .object([("PURL", .string("pkg:apk/alpine/musl@1.1.20-r0?arch=x86_64&distro=3.10.4"))])
                        ),
                        ("InstalledVersion", .string("1.1.20-r0")), ("Severity", .string("CRITICAL")),
                        ("FirstSeen", .string("2023-07-22T04:26:40Z")),
                    ])
                ]))
    }

    @Test("read back, the report is a baseline with every finding, set aside ones included, and their dates")
    func readBack() throws {
        let bytes = TrivyJSONReport().render(try Self.report())
        let saved = try TrivyJSONReportReader.read(bytes, path: "scan.json")
        #expect(saved.firstSeen == [SavedReport.Position(target: 0, finding: 0): Self.firstSeen])
        #expect(saved.setAside.count == 1)
        #expect(saved.setAside.first?.status == "not_affected")
        #expect(saved.setAside.first?.finding.allIDs == ["CVE-2020-28928", "GHSA-musl"])
        let baseline = Baseline(saved)
        #expect(baseline.entries.map(\.finding.id) == ["CVE-2019-14697", "CVE-2020-28928"])
        #expect(baseline.entries.map(\.firstSeen) == [Self.firstSeen, Date(timeIntervalSince1970: 1_700_000_000)])
        #expect(baseline.createdAt != nil)
    }
}
