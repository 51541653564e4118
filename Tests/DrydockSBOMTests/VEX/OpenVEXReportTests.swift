import DrydockMatch
import DrydockModel
import DrydockPolicy
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockReport
@testable import DrydockSBOM

@Suite("OpenVEX report (--format openvex)")
struct OpenVEXReportTests {
    static let createdAt = Date(timeIntervalSince1970: 1_700_000_000)

    static func package(_ name: String) -> Package {
        Package(
            name: name, version: "1.0-r0", ecosystem: .alpine, architecture: "x86_64",
            purl: "pkg:apk/alpine/\(name)@1.0-r0?arch=x86_64&distro=3.10.4")
    }

    static func finding(_ id: String, _ package: String, severity: Severity = .critical) -> Finding {
        var finding = ModelFixtures.finding(id: id, severity: severity, package: Self.package(package))
        finding.allIDs = [id, "GHSA-\(package)"]
        return .vulnerability(finding)
    }

    /// Five findings: set aside by an exception, by a CycloneDX VEX statement, reported with an affected VEX
    /// statement, left out by --severity (its in_triage statement is never asked), and reported untriaged.
    static func report(repoDigests: [String] = []) throws -> ScanReport {
        let target = DetectedTarget(
            name: "app.tar (alpine 3.10.4)", kind: .osPackages, type: "alpine",
            packages: ["excepted", "vexed", "affected", "low", "plain"].map(package),
            findings: [
                finding("CVE-1", "excepted"), finding("CVE-2", "vexed"), finding("CVE-3", "affected"),
                finding("CVE-4", "low", severity: .low), finding("CVE-5", "plain"),
            ])
        let cyclone = """
            {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1, "vulnerabilities": [
              {"id": "CVE-2", "analysis": {"state": "not_affected", "justification": "code_not_reachable",
               "detail": "the parser is not linked"}, "affects": [{"ref": "pkg:apk/alpine/vexed"}]},
              {"id": "CVE-3", "analysis": {"state": "exploitable"}, "affects": [{"ref": "pkg:apk/alpine/affected"}]},
              {"id": "CVE-4", "analysis": {"state": "in_triage"}, "affects": [{"ref": "pkg:apk/alpine/low"}]}]}
            """
        let index = VEXIndex(documents: [try VEXReader.read(Array(cyclone.utf8), path: "vendor.cdx.json")])
        let artifact = ArtifactMetadata(
            name: "app.tar", type: "container_image", repoTags: ["example.com/app:1"], repoDigests: repoDigests,
            imageConfigJSON: Array(#"{"architecture":"amd64"}"#.utf8))
        var decided = decide([target], vex: index, artifact: artifact)
        decided[0].findings[0].decision = Decision(
            action: .ignore,
            rule: DecisionRule(
                source: .exception, id: "EXC-7", description: "owner alice, until 2026-03-01: not reachable",
                location: SourceLocation(file: "policy.yaml", line: 12)))
        return ScanReport(
            createdAt: createdAt, artifact: artifact,
            operatingSystem: OperatingSystem(family: .alpine, version: "3.10.4"),
            targets: decided, verdict: Gate(policy: ScanPolicy()).verdict(decided), database: nil, warnings: [])
    }

    /// `targets` decided under `--severity CRITICAL --exit-code 1` with `vex`'s statements as the gate's hook.
    static func decide(_ targets: [DetectedTarget], vex: VEXIndex, artifact: ArtifactMetadata) -> [DecidedTarget] {
        let prepared = Triage(vex: vex).prepare(
            targets, context: VEXScanContext(artifact: artifact, operatingSystem: nil), scanTime: createdAt)
        return Gate(
            policy: ScanPolicy(severities: [.critical], failureExitCode: 1), artifact: artifact,
            vex: prepared.assessor
        ).decide(targets)
    }

    static func statements(_ document: JSONValue) -> [JSONValue] {
        if case .array(let values) = document["statements"] { return values }
        return []
    }

    @Test("triaged findings become statements; filtered and untriaged ones do not")
    func statements() throws {
        let document = OpenVEXReport(tooling: "Drydock test").document(try Self.report())
        #expect(document["@context"] == .string("https://openvex.dev/ns/v0.2.0"))
        #expect(document["timestamp"] == .string("2023-11-14T22:13:20Z"))
        #expect(document["author"] == .string("Drydock"))
        #expect(document["@id"]?.stringValue?.hasPrefix("urn:uuid:") == true)
        let statements = Self.statements(document)
        #expect(statements.map { $0["vulnerability"]?["name"]?.stringValue } == ["CVE-1", "CVE-2", "CVE-3"])
        let exception = statements[0]
        #expect(exception["status"] == .string("not_affected"))
        #expect(exception["impact_statement"] == .string("owner alice, until 2026-03-01: not reachable"))
        #expect(exception["status_notes"] == .string("Drydock: set aside by exception EXC-7 at policy.yaml:12"))
        #expect(exception["vulnerability"]?["aliases"] == .array([.string("GHSA-excepted")]))
        #expect(
            exception["products"]
                == .array([.object([("@id", .string("pkg:apk/alpine/excepted@1.0-r0?arch=x86_64&distro=3.10.4"))])]))
        let vexed = statements[1]
        #expect(vexed["justification"] == .string("vulnerable_code_not_in_execute_path"), "CycloneDX's word mapped")
        #expect(vexed["impact_statement"] == .string("the parser is not linked"))
        #expect(vexed["status_notes"] == .string("Drydock: VEX statement at vendor.cdx.json:2"))
        #expect(statements[2]["status"] == .string("affected"))
        #expect(statements[2]["action_statement"] == .string("Update affected to 1.1.22-r3 or later."))
    }

    @Test("an image with a repository digest is the product, the package its subcomponent")
    func imageProduct() throws {
        let digest = "sha256:" + String(repeating: "ab", count: 32)
        let document = OpenVEXReport(tooling: "t").document(try Self.report(repoDigests: ["example.com/app@\(digest)"]))
        let product = Self.statements(document).first?["products"]
        #expect(
            product
                == .array([
                    .object([
                        (
                            "@id",
                            .string(
                                "pkg:oci/app@sha256%3A\(String(repeating: "ab", count: 32))?arch=amd64&repository_url=example.com%2Fapp"
                            )
                        ),
                        (
                            "subcomponents",
                            .array([
                                .object([("@id", .string("pkg:apk/alpine/excepted@1.0-r0?arch=x86_64&distro=3.10.4"))])
                            ])
                        ),
                    ])
                ]))
    }

    @Test("the document is valid against the OpenVEX 0.2.0 schema (Python jsonschema); a broken one is not")
    func schema() throws {
        var documents: [[UInt8]] = []
        for digests in [[], ["example.com/app@sha256:" + String(repeating: "cd", count: 32)]] {
            documents.append(OpenVEXReport(tooling: "t").render(try Self.report(repoDigests: digests)))
        }
        // The check can fail: no @id, a bad timestamp and version, a product without @id, a not_affected
        // statement without justification or impact statement.
        let broken =
            #"{"@context": "https://openvex.dev/ns/v0.2.0", "author": "x", "timestamp": "now", "version": 0,"#
            + #" "statements": [{"vulnerability": {"name": "CVE-1"}, "status": "not_affected", "products": [{}]}]}"#
        documents.append(Array(broken.utf8))
        let errors = try OpenVEXSchema.errors(in: documents)
        #expect(errors[0] == [])
        #expect(errors[1] == [])
        #expect(errors[2].contains { $0.contains("'@id' is a required property") })
        #expect(errors[2].contains { $0.hasPrefix("timestamp:") })
        #expect(errors[2].contains { $0.hasPrefix("version:") })
        #expect(errors[2].contains { $0.hasPrefix("statements/0:") })
        #expect(errors[2].contains { $0.hasPrefix("statements/0/products/0:") })
    }

    @Test("read back as VEX, the document sets aside the same findings (round trip)")
    func roundTrip() throws {
        let report = try Self.report()
        let bytes = OpenVEXReport(tooling: "t").render(report)
        let document = try VEXReader.read(bytes, path: "out.vex.json")
        let again = Self.decide(
            report.targets.map(\.detected), vex: VEXIndex(documents: [document]), artifact: report.artifact)
        #expect(again[0].findings.map(\.decision.action) == report.targets[0].findings.map(\.decision.action))
        #expect(
            again[0].findings.map { $0.decision.vex?.status } == [
                "not_affected", "not_affected", "affected", nil, nil,
            ])
        #expect(again[0].findings[1].decision.vex?.justification == "vulnerable_code_not_in_execute_path")
    }

    @Test("nothing triaged: a document with no statements")
    func empty() throws {
        let target = DetectedTarget(
            name: "app.tar (alpine 3.10.4)", kind: .osPackages, type: "alpine", packages: [Self.package("plain")],
            findings: [Self.finding("CVE-5", "plain")])
        let gate = Gate(policy: ScanPolicy(failureExitCode: 1))
        let decided = gate.decide([target])
        let report = ScanReport(
            createdAt: Self.createdAt, artifact: ArtifactMetadata(name: "app.tar", type: "container_image"),
            operatingSystem: nil, targets: decided, verdict: gate.verdict(decided), database: nil, warnings: [])
        let document = OpenVEXReport(tooling: "t").document(report)
        #expect(Self.statements(document).isEmpty)
    }
}
