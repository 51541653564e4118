import Crypto
import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// A public key that verifies Sigstore signatures: ECDSA P-256 (SHA-256), P-384 (SHA-384), P-521 (SHA-512),
/// Ed25519, RSA (PKCS #1 v1.5 or PSS with SHA-256, as sigstore's algorithm registry allows) and RSASSA-PSS keys
/// (`id-RSASSA-PSS`, PSS with the key's own hash and minimum salt), read from PEM or DER SubjectPublicKeyInfo or
/// taken from a certificate.
public struct VerificationKey: Sendable, Hashable, CustomStringConvertible {
    /// The key as swift-certificates holds it (an RSASSA-PSS key as a plain RSA key: same modulus and exponent).
    public let key: Certificate.PublicKey
    /// For an RSASSA-PSS key, what its parameters allow: PSS only, with this hash and at least this salt.
    public let pss: RSAPSSKeyParameters?

    public init(_ key: Certificate.PublicKey) {
        self.key = key
        self.pss = nil
    }

    /// Reads a PEM `PUBLIC KEY` block (or, failing that, a certificate's key), or DER SubjectPublicKeyInfo.
    public init(pemOrDER bytes: [UInt8], source: String) throws(SupplyChainError) {
        if let text = String(bytes: bytes, encoding: .utf8), text.contains("-----BEGIN") {
            if let block = PEMBlock(text) {
                if block.label == "CERTIFICATE", let certificate = try? Certificate(derEncoded: block.der) {
                    self = VerificationKey(certificate.publicKey)
                    return
                }
                if let parsed = try Self.parse(subjectPublicKeyInfo: block.der, source: source) {
                    self = parsed
                    return
                }
            }
            throw .malformed(
                "not a PEM public key of a supported type (ECDSA P-256/P-384/P-521, Ed25519, RSA, RSASSA-PSS)",
                at: source)
        }
        guard let parsed = try Self.parse(subjectPublicKeyInfo: bytes, source: source) else {
            throw .malformed("not a DER SubjectPublicKeyInfo of a supported key type", at: source)
        }
        self = parsed
    }

    private init(key: Certificate.PublicKey, pss: RSAPSSKeyParameters?) {
        self.key = key
        self.pss = pss
    }

    /// A SubjectPublicKeyInfo: an RSASSA-PSS key (its parameters kept, its modulus and exponent read as an RSA
    /// key), else any key swift-certificates reads; `nil` when it is neither.
    private static func parse(subjectPublicKeyInfo der: [UInt8], source: String) throws(SupplyChainError)
        -> VerificationKey?
    {
        let parameters: RSAPSSKeyParameters?
        do {
            parameters = try RSAPSSKeyParameters.of(subjectPublicKeyInfo: der)
        } catch {
            throw SupplyChainError(error.code, error.reason, at: source)
        }
        if let parameters {
            // swift-crypto reads an RSASSA-PSS key as RSA, dropping its parameters (kept above).
            guard let rsa = try? _RSA.Signing.PublicKey(derRepresentation: der) else {
                throw .malformed("the RSASSA-PSS key cannot be read (a modulus of at least 2048 bits)", at: source)
            }
            return VerificationKey(key: Certificate.PublicKey(rsa), pss: parameters)
        }
        return (try? Certificate.PublicKey(derEncoded: der)).map { VerificationKey(key: $0, pss: nil) }
    }

    /// DER SubjectPublicKeyInfo.
    public var subjectPublicKeyInfo: [UInt8] {
        var serializer = DER.Serializer()
        do {
            try serializer.serialize(key)
        } catch {
            return []
        }
        return serializer.serializedBytes
    }

    /// The signature algorithms tried for this key type, the key's own pairing first: ECDSA P-384 and P-521
    /// keys sign with SHA-384 and SHA-512 in cosign and sigstore-go but with SHA-256 in sigstore-python, so
    /// both are accepted. RSA keys are checked here with PKCS #1 v1.5 and then with PSS (``rsaOperation``).
    var signatureAlgorithms: [Certificate.SignatureAlgorithm] {
        if P384.Signing.PublicKey(key) != nil { return [.ecdsaWithSHA384, .ecdsaWithSHA256] }
        if P521.Signing.PublicKey(key) != nil { return [.ecdsaWithSHA512, .ecdsaWithSHA256] }
        if P256.Signing.PublicKey(key) != nil { return [.ecdsaWithSHA256] }
        if Curve25519.Signing.PublicKey(key) != nil { return [.ed25519] }
        return pss == nil ? [.sha256WithRSAEncryption] : []
    }

    /// The RSA public operation of an RSA or RSASSA-PSS key; `nil` for other keys.
    var rsaOperation: RSAPublicOperation? {
        guard let rsa = _RSA.Signing.PublicKey(key), let primitives = try? rsa.getKeyPrimitives() else { return nil }
        return RSAPublicOperation(modulus: Array(primitives.modulus), exponent: Array(primitives.publicExponent))
    }

    /// Whether `signature` (DER ECDSA, raw Ed25519, RSA PKCS #1 v1.5 or PSS) signs `message`.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        if signatureAlgorithms.contains(where: {
            key.isValidSignature(signature, for: message, signatureAlgorithm: $0)
        }) {
            return true
        }
        guard let operation = rsaOperation else { return false }
        let hash = pss?.hash ?? .sha256
        return RSASignatureEncoding.isValidPSS(
            signature, digest: hash.hash(message), hash: hash, minimumSaltLength: pss?.minimumSaltLength ?? 0,
            with: operation)
    }

    /// Whether `signature` signs a message whose SHA-256 digest is `digest`, without the message: possible for
    /// ECDSA and RSA (PKCS #1 v1.5 and PSS) keys signing with SHA-256. Ed25519 hashes the message itself with
    /// SHA-512, together with the signature's `R` and the key, so no digest of the message can stand in for it;
    /// neither can a SHA-256 digest for an ECDSA P-384/P-521 signature made with SHA-384/512.
    ///
    /// - Returns: `nil` when this signature cannot be checked against a digest alone.
    public func isValidSignature(_ signature: [UInt8], forSHA256Digest digest: [UInt8]) -> Bool? {
        guard digest.count == SHA256.byteCount else { return nil }
        let prehashed = PrecomputedSHA256Digest(bytes: digest)
        if let p256 = P256.Signing.PublicKey(key) {
            guard let parsed = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return p256.isValidSignature(parsed, for: prehashed)
        }
        // P-384 and P-521 keys sign with SHA-256 in sigstore-python but with SHA-384/512 in cosign and sigstore-go:
        // a signature that does not verify against the SHA-256 digest may be one of those, which needs the file.
        if let p384 = P384.Signing.PublicKey(key) {
            guard let parsed = try? P384.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return p384.isValidSignature(parsed, for: prehashed) ? true : nil
        }
        if let p521 = P521.Signing.PublicKey(key) {
            guard let parsed = try? P521.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return p521.isValidSignature(parsed, for: prehashed) ? true : nil
        }
        if let operation = rsaOperation {
            if let pss {
                guard pss.hash == .sha256 else { return nil }
                return RSASignatureEncoding.isValidPSS(
                    signature, digest: digest, hash: .sha256, minimumSaltLength: pss.minimumSaltLength,
                    with: operation)
            }
            return RSASignatureEncoding.isValidPKCS1(signature, digest: digest, hash: .sha256, with: operation)
                || RSASignatureEncoding.isValidPSS(
                    signature, digest: digest, hash: .sha256, minimumSaltLength: 0, with: operation)
        }
        return nil
    }

    public var description: String {
        guard let pss else { return key.description }
        return "\(key.description), \(pss)"
    }
}

/// A SHA-256 digest computed elsewhere (the artifact given as `sha256:HEX`), so that an ECDSA signature can be
/// checked against it.
struct PrecomputedSHA256Digest: Digest {
    static let byteCount = 32
    let bytes: [UInt8]

    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes(body)
    }

    func makeIterator() -> IndexingIterator<[UInt8]> { bytes.makeIterator() }

    var description: String { bytes.map { String(format: "%02x", $0) }.joined() }
}
