import Crypto
import Foundation

/// Checks the bundle's own signature: a message signature over the artifact, or a DSSE envelope's
/// signature over its pre-authentication encoding with an in-toto statement naming the artifact.
enum SignatureVerifier {
    /// Verifies `content` with `key` for `artifact`; returns the in-toto predicate type, if any.
    static func verify(_ content: SigstoreBundle.Content, key: VerificationKey, artifact: VerificationArtifact)
        throws(SupplyChainError) -> String?
    {
        switch content {
        case .messageSignature(let message):
            if let digest = message.digest, message.digestAlgorithm == nil || message.digestAlgorithm == "SHA2_256",
                digest != artifact.sha256
            {
                throw .failed(
                    "the bundle signs artifact sha256:\(hex(digest)), not sha256:\(hex(artifact.sha256))")
            }
            switch artifact {
            case .bytes(let bytes):
                guard key.isValidSignature(message.signature, for: bytes) else {
                    throw .failed("the signature does not verify for this artifact with the signing key (\(key))")
                }
            case .sha256Digest(let digest):
                guard let valid = key.isValidSignature(message.signature, forSHA256Digest: digest) else {
                    throw .failed(
                        "a \(key) signature cannot be checked against a digest alone (Ed25519, and ECDSA P-384/P-521 "
                            + "with SHA-384/512, hash the artifact itself); pass the artifact file instead")
                }
                guard valid else {
                    throw .failed("the signature does not verify for this digest with the signing key (\(key))")
                }
            }
            return nil
        case .dsseEnvelope(let envelope):
            let signed = envelope.preAuthenticationEncoding
            guard envelope.signatures.count == 1 else {
                throw .failed("the DSSE envelope has \(envelope.signatures.count) signatures; exactly one is expected")
            }
            guard key.isValidSignature(envelope.signatures[0].sig, for: signed) else {
                throw .failed("the DSSE envelope's signature does not verify with the signing key (\(key))")
            }
            guard envelope.payloadType == "application/vnd.in-toto+json" else { return nil }
            return try InTotoStatement.checkSubject(envelope.payload, names: artifact.sha256)
        }
    }
}

/// The parts of an in-toto statement (v0.1 or v1) that bind it to an artifact.
enum InTotoStatement {
    /// Checks that one of the statement's subjects has `digest` as its SHA-256; returns the predicate type.
    static func checkSubject(_ payload: [UInt8], names digest: [UInt8]) throws(SupplyChainError) -> String? {
        let statement = try JSONFields.parse(payload, path: "in-toto statement")
        let type = try statement.optionalString("_type") ?? ""
        guard type.hasPrefix("https://in-toto.io/Statement/") else {
            throw .malformed("'_type' is '\(type)', not an in-toto statement", at: "in-toto statement")
        }
        let wanted = hex(digest)
        var seen: [String] = []
        for subject in try statement.objects("subject") {
            guard let sha256 = try subject.optionalObject("digest")?.optionalString("sha256") else { continue }
            if sha256.lowercased() == wanted { return try statement.optionalString("predicateType") }
            seen.append("sha256:\(sha256)")
        }
        throw .failed(
            "the in-toto statement's subjects (\(seen.isEmpty ? "none with a sha256 digest" : seen.joined(separator: ", "))) "
                + "do not include the artifact sha256:\(wanted)")
    }
}
