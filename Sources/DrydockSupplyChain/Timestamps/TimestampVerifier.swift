import Foundation
import SwiftASN1
@_spi(FixedExpiryValidationTime) import X509

/// Verifies a bundle's RFC 3161 timestamps against the trusted root's timestamp authorities: the token's
/// signature, its message imprint (the hash of the bundle's signature), and the TSA's certificate chain and
/// validity window at the token's time.
struct TimestampVerifier {
    var authorities: [TrustedRoot.Authority]

    /// Verifies `token` for `signature`; returns the time it vouches for.
    func verify(_ token: [UInt8], signature: [UInt8], at location: String) async throws(SupplyChainError) -> Date {
        let timestamp: RFC3161Timestamp
        do {
            timestamp = try RFC3161Timestamp.parse(token)
        } catch {
            throw SupplyChainError(error.code, error.reason, at: location)
        }
        guard let imprint = RFC3161Timestamp.hash(signature, with: timestamp.imprintAlgorithm),
            imprint == timestamp.imprint
        else { throw .failed("the timestamp is for another signature (its message imprint differs)", at: location) }
        guard let contentDigest = RFC3161Timestamp.hash(timestamp.content, with: timestamp.digestAlgorithm),
            contentDigest == timestamp.messageDigest
        else { throw .failed("the timestamp's signed attributes do not match its TSTInfo", at: location) }
        let time = ISO8601.string(timestamp.genTime)
        var reasons: [String] = []
        for authority in authorities {
            guard authority.validFor.contains(timestamp.genTime) else {
                reasons.append("\(authority.uri) is not valid at \(time)")
                continue
            }
            let chain: [Certificate]
            do {
                chain = try authority.certificates.map { try Certificate(derEncoded: $0) }
            } catch {
                throw .malformed("a certificate of \(authority.uri) cannot be read (\(error))", at: "trusted root")
            }
            guard let root = chain.last else { continue }
            let candidates = timestamp.certificates + chain.dropLast()
            guard
                let signer = (candidates + [root]).first(where: { certificate in
                    timestamp.signatureAlgorithms.contains {
                        certificate.publicKey.isValidSignature(
                            timestamp.signature, for: timestamp.signedAttributes, signatureAlgorithm: $0)
                    }
                })
            else {
                reasons.append("its signature does not verify with \(authority.uri)'s certificates")
                continue
            }
            var verifier = Verifier(rootCertificates: CertificateStore([root])) {
                RFC5280Policy(fixedExpiryValidationTime: timestamp.genTime)
                TimestampingPolicy()
            }
            let result = await verifier.validate(
                leaf: signer, intermediates: CertificateStore(Array(chain.dropLast()) + timestamp.certificates))
            if case .validCertificate = result { return timestamp.genTime }
            reasons.append("the signing certificate does not chain to \(authority.uri) at \(time)")
        }
        if authorities.isEmpty { reasons.append("the trusted root has no timestamp authority") }
        throw .failed(
            "the RFC 3161 timestamp is not from a trusted authority: " + reasons.joined(separator: "; "), at: location)
    }
}

/// A timestamping certificate must say so (extended key usage `timeStamping`, critical by RFC 3161).
struct TimestampingPolicy: VerifierPolicy {
    let verifyingCriticalExtensions: [ASN1ObjectIdentifier] = [.X509ExtensionID.extendedKeyUsage]

    func chainMeetsPolicyRequirements(chain: UnverifiedCertificateChain) async -> PolicyEvaluationResult {
        guard let usage = try? chain.leaf.extensions.extendedKeyUsage, usage.contains(.timeStamping) else {
            return .failsToMeetPolicy(reason: "the timestamp signer is not a timestamping certificate")
        }
        return .meetsPolicy
    }
}
