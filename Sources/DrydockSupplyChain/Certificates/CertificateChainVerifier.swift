import Foundation
import SwiftASN1
@_spi(FixedExpiryValidationTime) import X509

/// Builds and checks the signing certificate's chain to one of the trusted root's certificate authorities,
/// judging every certificate's validity at the signing time (never now).
enum CertificateChainVerifier {
    /// Verifies `leaf` (with the bundle's own `intermediates`, if any) against the authorities valid at
    /// `signingTime`; returns the validated chain, leaf first.
    static func verify(
        leaf: Certificate, intermediates: [Certificate], authorities: [TrustedRoot.Authority], at signingTime: Date
    ) async throws(SupplyChainError) -> [Certificate] {
        let time = ISO8601.string(signingTime)
        guard leaf.notValidBefore <= signingTime, signingTime <= leaf.notValidAfter else {
            throw .failed(
                "the signing certificate is valid from \(ISO8601.string(leaf.notValidBefore)) to "
                    + "\(ISO8601.string(leaf.notValidAfter)), but the signature was logged at \(time) "
                    + (signingTime < leaf.notValidBefore ? "(before it was issued)" : "(after it expired)"))
        }
        let current = authorities.filter { $0.validFor.contains(signingTime) }
        guard !current.isEmpty else {
            throw .failed("no certificate authority in the trusted root is valid at the signing time \(time)")
        }
        var roots: [Certificate] = []
        var chainIntermediates = intermediates
        for authority in current {
            do {
                let certificates = try authority.certificates.map { try Certificate(derEncoded: $0) }
                if let root = certificates.last { roots.append(root) }
                chainIntermediates += certificates.dropLast()
            } catch {
                throw .malformed("a certificate of \(authority.uri) cannot be read (\(error))", at: "trusted root")
            }
        }
        var verifier = Verifier(rootCertificates: CertificateStore(roots)) {
            RFC5280Policy(fixedExpiryValidationTime: signingTime)
            SigningCertificatePolicy()
        }
        switch await verifier.validate(leaf: leaf, intermediates: CertificateStore(chainIntermediates)) {
        case .validCertificate(let chain):
            return Array(chain)
        case .couldNotValidate(let failures):
            let reasons = Set(failures.map { String(describing: $0.policyFailureReason) }).sorted()
            let detail = reasons.isEmpty ? "no path to a trusted Fulcio root" : reasons.joined(separator: "; ")
            throw .failed(
                "the signing certificate does not chain to a trusted certificate authority at \(time): \(detail)")
        }
    }
}

/// The signing certificate's own constraints: Fulcio leaves carry a critical subject alternative name (their
/// subject is empty) and must allow code signing.
struct SigningCertificatePolicy: VerifierPolicy {
    let verifyingCriticalExtensions: [ASN1ObjectIdentifier] = [
        .X509ExtensionID.subjectAlternativeName, .X509ExtensionID.extendedKeyUsage,
    ]

    func chainMeetsPolicyRequirements(chain: UnverifiedCertificateChain) async -> PolicyEvaluationResult {
        let leaf = chain.leaf
        if let usage = try? leaf.extensions.extendedKeyUsage, !usage.contains(.codeSigning) {
            return .failsToMeetPolicy(
                reason: "the signing certificate is not allowed to sign code (extended key usage)")
        }
        if let usage = try? leaf.extensions.keyUsage, !usage.digitalSignature {
            return .failsToMeetPolicy(reason: "the signing certificate's key usage does not allow digital signatures")
        }
        return .meetsPolicy
    }
}
