import DrydockSupplyChain
import DrydockTestSupport
import Foundation
import Testing

/// Bundles, certificates and a trusted root made by Python's `cryptography` (and, when installed, checked by
/// sigstore-python) verified by ``BundleVerifier``: every positive case passes, every negative case fails for
/// the reason it was built to show.
@Suite struct IndependentMaterialTests {
    @Test(arguments: SigstoreMaterial.cases)
    func verifiesLikeTheCaseSays(_ testCase: SigstoreMaterial.Case) async throws {
        let directory = try SigstoreMaterial.made.get().directory
        let read = { (name: String) in Array(try Data(contentsOf: directory.appendingPathComponent(name))) }
        let root = try TrustedRoot.parse(try read("trusted_root.json"))
        let bundleBytes = try read(testCase.bundle)
        if testCase.expect == "error" {
            #expect(throws: SupplyChainError.self) { try SigstoreBundle.parse(bundleBytes) }
            return
        }
        let bundle = try SigstoreBundle.parse(bundleBytes)
        let artifact =
            try VerificationArtifact.digest(fromArgument: testCase.artifact) ?? .bytes(read(testCase.artifact))
        let policy: VerificationPolicy =
            if let key = testCase.key {
                .key(try VerificationKey(pemOrDER: try read(key), source: key))
            } else {
                .identity(subjectAlternativeName: testCase.identity ?? "", oidcIssuer: testCase.issuer ?? "")
            }
        let verifier = BundleVerifier(trustedRoot: root)
        if testCase.expect == "pass" {
            let result = try await verifier.verify(bundle, artifact: artifact, policy: policy)
            if testCase.name.hasPrefix("rekor2") {
                // The RFC 3161 timestamp `openssl ts` issued while the material was made.
                let age = Date().timeIntervalSince1970 - TimeInterval(result.signingTime ?? 0)
                #expect(age >= 0 && age < 3600)
            } else {
                // The log's integrated time, vouched for by its signed entry timestamp.
                #expect(result.signingTime == 1_740_830_460)
            }
            if testCase.key == nil {
                #expect(result.identity?.subjectAlternativeNames == [testCase.identity ?? ""])
                #expect(result.identity?.oidcIssuer == testCase.issuer)
            }
            // The independent verifier agrees (it cannot read version 0.1 bundles without an inclusion proof).
            if let verdict = testCase.sigstorePython, bundle.version != .v0_1 {
                #expect(verdict == "pass")
            }
        } else {
            do {
                _ = try await verifier.verify(bundle, artifact: artifact, policy: policy)
                Issue.record("\(testCase.name) verified, but it must fail (\(testCase.reason ?? ""))")
            } catch {
                #expect(error.code == .verificationFailed)
                #expect(error.description.contains(testCase.reason ?? "?"), "\(testCase.name): \(error)")
            }
            if let verdict = testCase.sigstorePython, testCase.name != "dsse-other-subject" {
                // sigstore-python's verify_dsse leaves the statement's subject to the caller.
                #expect(verdict.hasPrefix("fail"))
            }
        }
    }
}
