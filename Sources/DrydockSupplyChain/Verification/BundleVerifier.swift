import Crypto
import Foundation
import X509

/// Verifies a Sigstore bundle offline against a trusted root: the transparency-log evidence, the signing
/// certificate (chain, identity, SCT) or key, and the signature over the artifact or DSSE envelope.
///
/// Every check that fails throws a ``SupplyChainError`` with code `.verificationFailed` naming the check.
public struct BundleVerifier: Sendable {
    public var trustedRoot: TrustedRoot

    public init(trustedRoot: TrustedRoot) { self.trustedRoot = trustedRoot }

    /// Verifies `bundle` for `artifact` under `policy`.
    public func verify(
        _ bundle: SigstoreBundle, artifact: VerificationArtifact, policy: VerificationPolicy
    ) async throws(SupplyChainError) -> VerificationResult {
        let signer = try signingMaterial(bundle, policy: policy)
        let expectation = RekorEntryBody.Expectation(
            signer: signer.logged, content: bundle.content, artifactDigest: artifactDigestForLog(bundle, artifact))
        var times = try TransparencyLogVerifier(trustedRoot: trustedRoot).verify(bundle, expecting: expectation)
        let timestampVerifier = TimestampVerifier(authorities: trustedRoot.timestampAuthorities)
        for (index, token) in bundle.verificationMaterial.rfc3161Timestamps.enumerated() {
            let time = try await timestampVerifier.verify(
                token, signature: bundle.content.signature,
                at: "bundle.verificationMaterial.timestampVerificationData.rfc3161Timestamps[\(index)]")
            times.append(Int64(time.timeIntervalSince1970.rounded(.down)))
        }
        for entry in bundle.verificationMaterial.tlogEntries where entry.signedEntryTimestamp == nil {
            // A Rekor v2 entry has no time of its own: its log must be valid when the timestamps say.
            if let log = trustedRoot.transparencyLog(id: entry.logID),
                let time = times.first(where: { !log.validFor.contains(Date(timeIntervalSince1970: TimeInterval($0))) })
            {
                throw .failed(
                    "the log \(log.baseURL) was not valid at the timestamped time "
                        + ISO8601.string(Date(timeIntervalSince1970: TimeInterval(time))))
            }
        }
        guard let signingTime = times.first else {
            throw .failed(
                "the bundle has no verified signing time: no transparency-log entry has a signed entry timestamp "
                    + "(inclusion promise) and there is no RFC 3161 timestamp")
        }
        var identity: FulcioIdentity?
        if let certificates = signer.certificates {
            for time in times {
                let chain = try await CertificateChainVerifier.verify(
                    leaf: certificates[0], intermediates: Array(certificates.dropFirst()),
                    authorities: trustedRoot.certificateAuthorities, at: Date(timeIntervalSince1970: TimeInterval(time))
                )
                if time == signingTime {
                    try verifySCT(leaf: certificates[0], chain: chain)
                }
            }
            let found = try FulcioIdentity(certificate: certificates[0])
            if case .identity(let san, let issuer) = policy {
                guard found.subjectAlternativeNames.contains(san) else {
                    throw .failed(
                        "the signing certificate's identity is \(found.subjectAlternativeNames.map { "'\($0)'" }.joined(separator: ", ")), not '\(san)'"
                    )
                }
                guard found.oidcIssuer == issuer else {
                    throw .failed(
                        "the signing certificate's OIDC issuer is '\(found.oidcIssuer ?? "(none)")', not '\(issuer)'")
                }
            }
            identity = found
        }
        let predicateType = try SignatureVerifier.verify(bundle.content, key: signer.key, artifact: artifact)
        return VerificationResult(
            signingTime: signingTime, identity: identity,
            logIndexes: bundle.verificationMaterial.tlogEntries.map(\.logIndex), predicateType: predicateType)
    }

    private struct Signer {
        var key: VerificationKey
        var certificates: [Certificate]?
        var logged: RekorEntryBody.Signer
    }

    private func signingMaterial(_ bundle: SigstoreBundle, policy: VerificationPolicy) throws(SupplyChainError)
        -> Signer
    {
        switch (bundle.verificationMaterial.key, policy) {
        case (.certificates(let ders), _):
            let certificates: [Certificate]
            do {
                certificates = try ders.map { try Certificate(derEncoded: $0) }
            } catch {
                throw .malformed("a certificate cannot be read (\(error))", at: "bundle.verificationMaterial")
            }
            let key = VerificationKey(certificates[0].publicKey)
            if case .key(let expected) = policy {
                guard expected == key else {
                    throw .failed("the bundle's signing certificate holds a different key than the one given")
                }
                return Signer(key: key, certificates: nil, logged: .certificate(ders[0]))
            }
            return Signer(key: key, certificates: certificates, logged: .certificate(ders[0]))
        case (.publicKey, .key(let key)):
            return Signer(key: key, certificates: nil, logged: .key(key))
        case (.publicKey(let hint), .identity), (.publicKey(let hint), .anyCertificate):
            throw .failed(
                "the bundle was signed with a key (hint '\(hint ?? "")'), not a certificate; verify it with --key")
        }
    }

    /// Hashedrekord entries record the artifact's digest; DSSE entries record the payload instead.
    private func artifactDigestForLog(_ bundle: SigstoreBundle, _ artifact: VerificationArtifact) -> [UInt8]? {
        if case .messageSignature = bundle.content { return artifact.sha256 }
        return nil
    }

    private func verifySCT(leaf: Certificate, chain: [Certificate]) throws(SupplyChainError) {
        guard chain.count >= 2 else {
            throw .failed("the signing certificate is its own issuer; no SCT can be checked")
        }
        let issuerKey = VerificationKey(chain[1].publicKey).subjectPublicKeyInfo
        let scts = try EmbeddedSCT.all(in: leaf)
        guard !scts.isEmpty else {
            throw .failed("the signing certificate carries no signed certificate timestamp (SCT)")
        }
        var reasons: [String] = []
        for sct in scts {
            guard let log = trustedRoot.ctLog(id: sct.logID) else {
                reasons.append("SCT from unknown CT log \(Base64.encode(sct.logID))")
                continue
            }
            let key = try VerificationKey(pemOrDER: log.publicKey, source: "trusted root CT log \(log.baseURL)")
            let time = Date(timeIntervalSince1970: TimeInterval(sct.timestamp) / 1000)
            guard log.validFor.contains(time) else {
                reasons.append("CT log \(log.baseURL) was not valid at the SCT's time \(ISO8601.string(time))")
                continue
            }
            if key.isValidSignature(sct.signature, for: try sct.signedData(certificate: leaf, issuerKey: issuerKey)) {
                return
            }
            reasons.append("the SCT's signature by CT log \(log.baseURL) does not verify")
        }
        throw .failed("no valid SCT in the signing certificate: " + reasons.joined(separator: "; "))
    }
}
