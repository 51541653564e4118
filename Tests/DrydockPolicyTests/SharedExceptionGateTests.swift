import DrydockModel
import DrydockPolicy
import DrydockTestSupport
import Foundation
import Testing

/// Exceptions shared by a drydock server (`ScanPolicy.sharedExceptions`): applied by the gate with or without a
/// policy file, under the policy's rules, and only those naming a finding of the scan are kept.
@Suite("Gate with shared (server) exceptions")
struct SharedExceptionGateTests {
    static let now = GatePolicyTests.now

    static func shared(_ text: String, version: Int = 3) throws -> PolicyException {
        var exception = try PolicyParser.parseException(Array(text.utf8), path: "server")
        exception.location = SourceLocation(file: "https://drydock.internal/api/v1/exceptions/x-1/versions/\(version)")
        return exception
    }

    @Test("without a policy file a shared exception decides after the ignore file, as Trivy's flags would")
    func trivyMode() throws {
        let exception = try Self.shared(
            #"{"id": "CVE-2019-14697", "owner": "team-a", "reason": "accepted", "expires": "2025-06-01", "action": "warn", "image": "registry.example.com/payments/*"}"#
        )
        var policy = ScanPolicy(failureExitCode: 1)
        policy.sharedExceptions = [exception]
        let gate = Gate(policy: policy, artifact: GatePolicyTests.image, now: Self.now)
        let decided = gate.decide([
            GatePolicyTests.target([ModelFixtures.finding(), ModelFixtures.finding(id: "CVE-2")])
        ])
        let decisions = decided[0].findings.map(\.decision)
        #expect(decisions.map(\.action) == [.warn, .fail])
        #expect(decisions[0].rule.source == .exception && decisions[0].rule.owner == "team-a")
        #expect(decisions[0].rule.location?.file.hasSuffix("/exceptions/x-1/versions/3") == true)
        #expect(gate.verdict(decided).exceptions.first?.status == .applied)
        // Another image: not named, so not applied.
        let other = Gate(
            policy: policy, artifact: ArtifactMetadata(name: "other/app:1", type: "container_image"), now: Self.now)
        #expect(other.decide(.vulnerability(ModelFixtures.finding())).action == .fail)
        // Expired: no longer applies.
        #expect(
            Gate(policy: policy, artifact: GatePolicyTests.image, now: Self.now.addingTimeInterval(365 * 86_400))
                .decide([GatePolicyTests.target([ModelFixtures.finding()])])[0].findings[0].decision.action == .fail)
    }

    @Test("with a policy file shared exceptions follow its rules: a broad one never overrides a fail")
    func policyMode() throws {
        let broad = try Self.shared(
            #"{"id": "CVE-2019-14697", "owner": "o", "reason": "r", "expires": "2025-06-01"}"#, version: 1)
        let scoped = try Self.shared(
            #"{"id": "CVE-2019-14697", "owner": "o", "reason": "scoped", "expires": "2025-06-01", "purl": "pkg:apk/alpine/musl"}"#,
            version: 2)
        var policy = ScanPolicy(document: try GatePolicyTests.document(GatePolicyTests.rules))
        policy.sharedExceptions = [broad]
        let refused = Gate(policy: policy, artifact: GatePolicyTests.image, now: Self.now).decide(
            .vulnerability(ModelFixtures.finding()))
        #expect(refused.action == .fail)
        #expect(refused.notes.contains { $0.contains("broad exception") })
        policy.sharedExceptions = [broad, scoped]
        let applied = Gate(policy: policy, artifact: GatePolicyTests.image, now: Self.now).decide(
            .vulnerability(ModelFixtures.finding()))
        #expect(applied.action == .ignore && applied.rule.description == "scoped")
    }

    @Test("a client keeps only the server's exceptions that name a finding of its scan")
    func relevant() throws {
        let named = try Self.shared(
            #"{"id": "CVE-2019-14697", "owner": "o", "reason": "r", "expires": "2025-06-01", "purl": "pkg:apk/alpine/musl"}"#
        )
        let otherID = try Self.shared(
            #"{"id": "CVE-9", "owner": "o", "reason": "r", "expires": "2025-06-01", "purl": "pkg:apk/alpine/musl"}"#)
        let otherImage = try Self.shared(
            #"{"id": "CVE-2019-14697", "owner": "o", "reason": "r", "expires": "2025-06-01", "image": "elsewhere/*"}"#)
        let kept = Gate.exceptions(
            [named, otherID, otherImage], naming: [GatePolicyTests.target([ModelFixtures.finding()])],
            artifact: GatePolicyTests.image)
        #expect(kept == [named])
    }
}
