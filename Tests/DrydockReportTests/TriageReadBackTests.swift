import DrydockMatch
import DrydockModel
import DrydockPolicy
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockReport

/// The JSON report's triage facts written and read back: what a report must carry to be the next scan's
/// baseline, and to render back to the same bytes.
@Suite("Triage facts in the JSON report, read back")
struct TriageReadBackTests {
    static let firstSeen = Date(timeIntervalSince1970: 1_690_000_000)
    static let createdAt = Date(timeIntervalSince1970: 1_700_000_000)

    /// One reported finding with a baseline state, one set aside by VEX, and a fixed one in the baseline.
    static func report() throws -> ScanReport {
        let kept = ModelFixtures.finding(id: "CVE-2019-14697")
        var vexed = ModelFixtures.finding(id: "CVE-2020-28928", package: ModelFixtures.muslPackage())
        vexed.allIDs = ["CVE-2020-28928", "GHSA-musl"]
        let target = DetectedTarget(
            name: "alpine.tar (alpine 3.10.4)", kind: .osPackages, type: "alpine",
            packages: [ModelFixtures.muslPackage()], findings: [.vulnerability(kept), .vulnerability(vexed)])
        let statement = VEXStatement(
            vulnerabilityIDs: ["GHSA-musl"],
            products: [VEXProduct(identifiers: [.purl(try #require(PackageURL("pkg:apk/alpine/musl")))])],
            status: .notAffected, justification: "vulnerable_code_not_present", path: "statements[0]", line: 2)
        let gone = ModelFixtures.finding(id: "CVE-2018-0001", package: ModelFixtures.muslPackage(version: "1.1.20-r0"))
        let baseline = Baseline(
            path: "old.json", createdAt: firstSeen,
            entries: [
                .init(targetName: "old", targetKind: .osPackages, finding: .vulnerability(kept), firstSeen: firstSeen),
                .init(targetName: "old", targetKind: .osPackages, finding: .vulnerability(gone)),
            ])
        let artifact = ArtifactMetadata(name: "alpine.tar", type: "container_image")
        let prepared = Triage(
            vex: VEXIndex(documents: [VEXDocument(format: .openVEX, path: "musl.vex.json", statements: [statement])]),
            baseline: baseline
        ).prepare([target], context: VEXScanContext(artifact: artifact, operatingSystem: nil), scanTime: createdAt)
        let gate = Gate(
            policy: ScanPolicy(failureExitCode: 1), artifact: artifact, vex: prepared.assessor,
            baseline: prepared.baselineIndex, now: createdAt)
        let decided = gate.decide([target])
        return ScanReport(
            createdAt: createdAt, artifact: artifact,
            operatingSystem: OperatingSystem(family: .alpine, version: "3.10.4"), targets: decided,
            verdict: gate.verdict(decided), database: nil, warnings: [], baseline: prepared.baseline?.comparison)
    }

    @Test("Decision.Baseline, Decision.VEX, ExperimentalModifiedFindings and Drydock.Baseline are written")
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
        let decision = vulnerabilities[0]["Decision"]
        #expect(decision?["Baseline"]?["Status"] == .string("existing"))
        #expect(decision?["Baseline"]?["FirstSeen"] == .string("2023-07-22T04:26:40Z"))
        #expect(modified.count == 1)
        #expect(modified[0]["Type"] == .string("vulnerability"))
        #expect(modified[0]["Status"] == .string("not_affected"))
        #expect(modified[0]["Statement"] == .string("vulnerable_code_not_present"))
        #expect(modified[0]["Source"] == .string("musl.vex.json"))
        let vexed = modified[0]["Finding"]?["Decision"]
        #expect(vexed?["Source"] == .string("vex"))
        #expect(vexed?["Location"] == .string("musl.vex.json:2"))
        #expect(vexed?["VEX"]?["Location"] == .string("musl.vex.json:2"))
        #expect(vexed?["Baseline"]?["Status"] == .string("new"))
        #expect(vexed?["Baseline"]?["FirstSeen"] == .string("2023-11-14T22:13:20Z"))
        let baseline = document["Drydock"]?["Baseline"]
        #expect(baseline?["New"] == .int(0))
        #expect(baseline?["Existing"] == .int(1))
        #expect(baseline?["Fixed"] == .int(1))
        #expect(
            baseline?["FixedFindings"]
                == .array([
                    .object([
                        ("Target", .string("old")), ("Class", .string("os-pkgs")), ("Type", .string("vulnerability")),
                        ("ID", .string("CVE-2018-0001")), ("PkgName", .string("musl")),
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
        let report = try Self.report()
        let bytes = TrivyJSONReport().render(report)
        let saved = try TrivyJSONReportReader.read(bytes, path: "scan.json")
        #expect(saved.baseline == report.baseline)
        #expect(TrivyJSONReport().render(saved.scanReport()) == bytes, "renders back to the same bytes")
        let baseline = Baseline(saved)
        #expect(baseline.entries.map(\.finding.id) == ["CVE-2019-14697", "CVE-2020-28928"])
        #expect(baseline.entries.map(\.firstSeen) == [Self.firstSeen, Self.createdAt])
        #expect(baseline.createdAt == Self.createdAt)
    }

    @Test("a Trivy report is a baseline too: every finding dates from its CreatedAt (nanoseconds read)")
    func trivyBaseline() throws {
        let json = """
            {"SchemaVersion": 2, "CreatedAt": "2021-08-25T12:20:30.123456789Z", "ArtifactName": "alpine:3.10",
             "ArtifactType": "container_image", "Results": [{"Target": "alpine:3.10 (alpine 3.10.9)",
             "Class": "os-pkgs", "Type": "alpine", "Vulnerabilities": [{"VulnerabilityID": "CVE-2021-36159",
             "PkgName": "apk-tools", "InstalledVersion": "2.10.6-r0", "Severity": "CRITICAL"}]}]}
            """
        let baseline = Baseline(try TrivyJSONReportReader.read(Array(json.utf8), path: "trivy.json"))
        #expect(baseline.entries.map(\.finding.id) == ["CVE-2021-36159"])
        #expect(baseline.entries.first?.firstSeen == nil)
        #expect(abs((baseline.createdAt?.timeIntervalSince1970 ?? 0) - 1_629_894_030.123) < 0.001)
    }
}
