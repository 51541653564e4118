import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockPolicy

/// VEX statements and baseline states reach decisions through the gate's hooks (``Triage/prepare``).
@Suite("Triage: VEX and baselines as the gate's hooks")
struct TriageTests {
    static let artifact = ArtifactMetadata(name: "alpine.tar", type: "container_image", repoTags: ["alpine:3.10"])
    static let context = VEXScanContext(artifact: artifact, operatingSystem: nil)

    static let target = DetectedTarget(
        name: "alpine.tar (alpine 3.10.4)", kind: .osPackages, type: "alpine",
        packages: [ModelFixtures.muslPackage()],
        findings: [
            .vulnerability(ModelFixtures.finding(id: "CVE-2019-14697")),
            .vulnerability(ModelFixtures.finding(id: "CVE-2020-0001", severity: .low)),
        ])

    /// A document with one statement about musl, as `VEXReader` reads it from `team.vex.json` (line 2).
    static func vex(_ status: VEXStatus, id: String = "CVE-2019-14697") throws -> VEXIndex {
        let statement = VEXStatement(
            vulnerabilityIDs: [id],
            products: [VEXProduct(identifiers: [.purl(try #require(PackageURL("pkg:apk/alpine/musl")))])],
            status: status, justification: status == .notAffected ? "component_not_present" : nil,
            impactStatement: status == .notAffected ? "musl is never loaded" : nil, path: "statements[0]", line: 2)
        return VEXIndex(documents: [VEXDocument(format: .openVEX, path: "team.vex.json", statements: [statement])])
    }

    /// The targets decided by a gate with `triage`'s hooks.
    static func decide(_ triage: Triage, policy: ScanPolicy = ScanPolicy(failureExitCode: 1)) -> [DecidedTarget] {
        let prepared = triage.prepare([target], context: context, scanTime: Date())
        return Gate(policy: policy, artifact: artifact, vex: prepared.assessor, baseline: prepared.baselineIndex)
            .decide([target])
    }

    @Test("not_affected sets a failing finding aside; the statement, its file and line are the rule")
    func setsAside() throws {
        let result = Self.decide(Triage(vex: try Self.vex(.notAffected)))
        let decision = result[0].findings[0].decision
        #expect(decision.action == .ignore)
        #expect(decision.rule.source == .vex)
        #expect(decision.rule.location == SourceLocation(file: "team.vex.json", line: 2))
        #expect(decision.rule.description == "VEX: not_affected (component_not_present): musl is never loaded")
        #expect(decision.vex?.justification == "component_not_present")
        #expect(result[0].findings[1].decision.action == .fail, "the other finding is untouched")
        #expect(Gate(policy: ScanPolicy(failureExitCode: 1)).verdict(result).failingCount == 1)
    }

    @Test("with a policy file too, VEX sets the finding aside before the rules")
    func beforePolicy() throws {
        var policy = ScanPolicy(failureExitCode: 1)
        policy.document = BuiltInPolicy.document
        let decision = Self.decide(Triage(vex: try Self.vex(.fixed)), policy: policy)[0].findings[0].decision
        #expect(decision.action == .ignore)
        #expect(decision.rule.source == .vex)
        #expect(decision.vex?.status == "fixed")
    }

    @Test("affected and under_investigation are facts: the decision stands")
    func affectedIsAFact() throws {
        for status in [VEXStatus.affected, .underInvestigation] {
            let decision = Self.decide(Triage(vex: try Self.vex(status)))[0].findings[0].decision
            #expect(decision.action == .fail)
            #expect(decision.rule.source == .flag)
            #expect(decision.vex?.status == status.rawValue)
        }
    }

    @Test("a finding left out by a flag keeps that rule")
    func flagFirst() throws {
        let decision = Self.decide(
            Triage(vex: try Self.vex(.notAffected, id: "CVE-2020-0001")),
            policy: ScanPolicy(severities: [.high], failureExitCode: 1))[0].findings[1].decision
        #expect(decision.action == .ignore)
        #expect(decision.rule.source == .flag)
    }

    @Test("baseline states land on every decision, set aside or not, and the fixed findings are listed")
    func baselineStates() {
        let baseline = Baseline(
            path: "old.json", createdAt: Date(timeIntervalSince1970: 1_700_000_000),
            entries: [
                .init(
                    targetName: "old (alpine 3.10.3)", targetKind: .osPackages,
                    finding: .vulnerability(ModelFixtures.finding(id: "CVE-2020-0001"))),
                .init(
                    targetName: "old (alpine 3.10.3)", targetKind: .osPackages,
                    finding: .vulnerability(ModelFixtures.finding(id: "CVE-2018-0002"))),
            ])
        let prepared = Triage(baseline: baseline).prepare([Self.target], context: Self.context, scanTime: Date())
        let decided = Gate(
            policy: ScanPolicy(severities: [.critical], failureExitCode: 1), baseline: prepared.baselineIndex
        ).decide([Self.target])
        #expect(decided[0].findings.map { $0.decision.baseline?.status } == [.new, nil])
        #expect(decided[0].findings[1].decision.action == .ignore, "left out by --severity: no state recorded")
        #expect(prepared.baseline?.states[0].map { $0?.status } == [.new, .existing])
        #expect(prepared.baseline?.comparison.fixed.map(\.id) == ["CVE-2018-0002"])
    }

    @Test("the hooks answer per finding context: the VEX assessment and the baseline state")
    func hooks() throws {
        let baseline = Baseline(
            path: "old.json", createdAt: Date(timeIntervalSince1970: 1_700_000_000),
            entries: [
                .init(
                    targetName: "old", targetKind: .osPackages,
                    finding: .vulnerability(ModelFixtures.finding(id: "CVE-2020-0001")))
            ])
        let targets = [Self.target]
        let prepared = Triage(vex: try Self.vex(.notAffected), baseline: baseline).prepare(
            targets, context: Self.context, scanTime: Date(timeIntervalSince1970: 1_800_000_000))
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
