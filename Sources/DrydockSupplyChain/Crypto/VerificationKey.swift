import Crypto
import Foundation
import SwiftASN1
import X509

/// A public key that verifies Sigstore signatures: ECDSA P-256 (SHA-256), P-384 (SHA-384), P-521 (SHA-512),
/// Ed25519 and RSA (PKCS #1 v1.5 with SHA-256), read from PEM or DER SubjectPublicKeyInfo or taken from a
/// certificate.
public struct VerificationKey: Sendable, Hashable, CustomStringConvertible {
    /// The key as swift-certificates holds it.
    public let key: Certificate.PublicKey

    public init(_ key: Certificate.PublicKey) { self.key = key }

    /// Reads a PEM `PUBLIC KEY` block (or, failing that, a certificate's key), or DER SubjectPublicKeyInfo.
    public init(pemOrDER bytes: [UInt8], source: String) throws(SupplyChainError) {
        if let text = String(bytes: bytes, encoding: .utf8), text.contains("-----BEGIN") {
            if let block = PEMBlock(text) {
                if block.label == "CERTIFICATE", let certificate = try? Certificate(derEncoded: block.der) {
                    self.key = certificate.publicKey
                    return
                }
                if let key = try? Certificate.PublicKey(derEncoded: block.der) {
                    self.key = key
                    return
                }
            }
            throw .malformed(
                "not a PEM public key of a supported type (ECDSA P-256/P-384/P-521, Ed25519, RSA)", at: source)
        }
        do {
            self.key = try Certificate.PublicKey(derEncoded: bytes)
        } catch {
            throw .malformed("not a DER SubjectPublicKeyInfo of a supported key type (\(error))", at: source)
        }
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
    /// both are accepted.
    var signatureAlgorithms: [Certificate.SignatureAlgorithm] {
        if P384.Signing.PublicKey(key) != nil { return [.ecdsaWithSHA384, .ecdsaWithSHA256] }
        if P521.Signing.PublicKey(key) != nil { return [.ecdsaWithSHA512, .ecdsaWithSHA256] }
        if P256.Signing.PublicKey(key) != nil { return [.ecdsaWithSHA256] }
        if Curve25519.Signing.PublicKey(key) != nil { return [.ed25519] }
        return [.sha256WithRSAEncryption]
    }

    /// Whether `signature` (DER ECDSA, raw Ed25519, or RSA PKCS #1 v1.5) signs `message`.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        signatureAlgorithms.contains { key.isValidSignature(signature, for: message, signatureAlgorithm: $0) }
    }

    /// Whether `signature` signs a message whose SHA-256 digest is `digest`, without the message: possible
    /// for ECDSA keys signing with SHA-256 (Ed25519 and RSA PKCS #1 sign the message itself).
    ///
    /// - Returns: `nil` when this key type cannot be checked against a digest alone.
    public func isValidSignature(_ signature: [UInt8], forSHA256Digest digest: [UInt8]) -> Bool? {
        guard digest.count == SHA256.byteCount else { return nil }
        let prehashed = PrecomputedSHA256Digest(bytes: digest)
        if let p256 = P256.Signing.PublicKey(key) {
            guard let parsed = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return p256.isValidSignature(parsed, for: prehashed)
        }
        if let p384 = P384.Signing.PublicKey(key) {
            guard let parsed = try? P384.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return p384.isValidSignature(parsed, for: prehashed)
        }
        if let p521 = P521.Signing.PublicKey(key) {
            guard let parsed = try? P521.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return p521.isValidSignature(parsed, for: prehashed)
        }
        return nil
    }

    public var description: String { key.description }
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
