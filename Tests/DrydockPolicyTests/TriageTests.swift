import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockPolicy

@Suite("Triage: VEX and baselines applied to decisions")
struct TriageTests {
    static let artifact = ArtifactMetadata(name: "alpine.tar", type: "container_image", repoTags: ["alpine:3.10"])

    static func decided(policy: ScanPolicy = ScanPolicy(failureExitCode: 1)) -> [DecidedTarget] {
        let target = DetectedTarget(
            name: "alpine.tar (alpine 3.10.4)", kind: .osPackages, type: "alpine",
            packages: [ModelFixtures.muslPackage()],
            findings: [
                .vulnerability(ModelFixtures.finding(id: "CVE-2019-14697")),
                .vulnerability(ModelFixtures.finding(id: "CVE-2020-0001", severity: .low)),
            ])
        return Gate(policy: policy).decide([target])
    }

    static func vex(_ status: String, id: String = "CVE-2019-14697") throws -> VEXIndex {
        let extra = status == "not_affected" ? #", "justification": "component_not_present""# : ""
        let json = """
            {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "x", "author": "t", "timestamp": "2024-01-01T00:00:00Z",
             "version": 1, "statements": [{"vulnerability": {"name": "\(id)"}, "status": "\(status)"\(extra),
             "products": [{"@id": "pkg:apk/alpine/musl"}]}]}
            """
        return VEXIndex(documents: [try VEXDocument.parse(Array(json.utf8), path: "team.vex.json")])
    }

    func apply(_ triage: Triage, to targets: [DecidedTarget] = decided()) -> [DecidedTarget] {
        triage.apply(
            to: targets, context: VEXScanContext(artifact: Self.artifact, operatingSystem: nil), scanTime: Date()
        ).targets
    }

    @Test("not_affected sets a failing finding aside with the statement as the rule, the old decision noted")
    func setsAside() throws {
        let result = apply(Triage(vex: try Self.vex("not_affected")))
        let decision = result[0].findings[0].decision
        #expect(decision.action == .ignore)
        #expect(decision.rule.source == .vex)
        #expect(decision.rule.id == "statements[0]")
        #expect(decision.rule.location == SourceLocation(file: "team.vex.json", line: 2))
        #expect(decision.rule.description == "OpenVEX statement: not_affected (component_not_present)")
        #expect(decision.vex?.justification == "component_not_present")
        #expect(decision.notes.count == 1 && decision.notes[0].hasPrefix("without the VEX statement: fail (flag:"))
        #expect(result[0].findings[1].decision.action == .fail, "the other finding is untouched")
        #expect(Gate(policy: ScanPolicy(failureExitCode: 1)).verdict(result).failingCount == 1)
    }

    @Test("affected and under_investigation are facts: the decision stands")
    func affectedIsAFact() throws {
        for status in ["affected", "under_investigation"] {
            let decision = apply(Triage(vex: try Self.vex(status)))[0].findings[0].decision
            #expect(decision.action == .fail)
            #expect(decision.rule.source == .flag)
            #expect(decision.vex?.status == status)
        }
    }

    @Test("a finding already left out by a flag keeps that rule and gains the VEX assessment")
    func flagFirst() throws {
        let targets = Self.decided(policy: ScanPolicy(severities: [.high], failureExitCode: 1))
        let decision = apply(Triage(vex: try Self.vex("not_affected", id: "CVE-2020-0001")), to: targets)[0]
            .findings[1].decision
        #expect(decision.action == .ignore)
        #expect(decision.rule.source == .flag)
        #expect(decision.vex?.status == "not_affected")
    }

    @Test("baseline states land on every decision, set aside or not")
    func baselineStates() {
        let baseline = Baseline(
            path: "old.json", createdAt: Date(timeIntervalSince1970: 1_700_000_000),
            entries: [
                .init(
                    targetName: "old (alpine 3.10.3)", targetKind: .osPackages,
                    finding: .vulnerability(ModelFixtures.finding(id: "CVE-2020-0001")))
            ])
        let targets = Self.decided(policy: ScanPolicy(severities: [.critical], failureExitCode: 1))
        let result = Triage(baseline: baseline).apply(
            to: targets, context: VEXScanContext(artifact: Self.artifact, operatingSystem: nil), scanTime: Date())
        #expect(result.targets[0].findings.map { $0.decision.baseline?.status } == [.new, .existing])
        #expect(result.targets[0].findings[1].decision.action == .ignore)
        #expect(result.baseline?.fixed.isEmpty == true)
    }

    @Test("the gate's hooks answer per finding context: the VEX assessment and the baseline state")
    func hooks() throws {
        let baseline = Baseline(
            path: "old.json", createdAt: Date(timeIntervalSince1970: 1_700_000_000),
            entries: [
                .init(
                    targetName: "old", targetKind: .osPackages,
                    finding: .vulnerability(ModelFixtures.finding(id: "CVE-2020-0001")))
            ])
        let targets = Self.decided().map(\.detected)
        let prepared = Triage(vex: try Self.vex("not_affected"), baseline: baseline).prepare(
            targets, context: VEXScanContext(artifact: Self.artifact, operatingSystem: nil),
            scanTime: Date(timeIntervalSince1970: 1_800_000_000))
        let contexts = targets[0].findings.map { FindingContext($0, in: targets[0], artifact: Self.artifact) }
        let vex: any VEXAssessor = try #require(prepared.vex)
        let index: any BaselineIndex = try #require(prepared.baseline)
        #expect(contexts.map { vex.assessment(for: $0)?.status } == ["not_affected", nil])
        #expect(contexts.map { index.state(for: $0)?.status } == [.new, .existing])
        #expect(index.state(for: contexts[0])?.firstSeen == "2027-01-15T08:00:00Z")
        #expect(index.state(for: contexts[1])?.firstSeen == "2023-11-14T22:13:20Z")
        // A context the scan did not have: no answer.
        let stranger = FindingContext(
            finding: contexts[0].finding, targetName: "elsewhere", targetKind: .osPackages, targetType: "alpine")
        #expect(vex.assessment(for: stranger) == nil)
        #expect(index.state(for: stranger) == nil)
    }
}
