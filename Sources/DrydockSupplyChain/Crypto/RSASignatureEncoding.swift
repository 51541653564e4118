import Crypto

/// The hash functions RSA signatures in Sigstore are made with.
public enum RSAHash: String, Sendable, Hashable {
    case sha256 = "SHA-256"
    case sha384 = "SHA-384"
    case sha512 = "SHA-512"

    var length: Int {
        switch self {
        case .sha256: return 32
        case .sha384: return 48
        case .sha512: return 64
        }
    }

    func hash(_ bytes: [UInt8]) -> [UInt8] {
        switch self {
        case .sha256: return Array(SHA256.hash(data: bytes))
        case .sha384: return Array(SHA384.hash(data: bytes))
        case .sha512: return Array(SHA512.hash(data: bytes))
        }
    }

    /// The DER `DigestInfo` prefix of an EMSA-PKCS1-v1_5 encoding (RFC 8017 §9.2, note 1).
    var digestInfoPrefix: [UInt8] {
        let tail: UInt8
        switch self {
        case .sha256: tail = 0x01
        case .sha384: tail = 0x02
        case .sha512: tail = 0x03
        }
        return [
            0x30, UInt8(0x11 + length), 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, tail,
            0x05, 0x00, 0x04, UInt8(length),
        ]
    }
}

/// Checks the encoded message an RSA signature carries (RFC 8017): EMSA-PSS with MGF1 and any salt length at
/// least `minimumSaltLength` (Go's `PSSSaltLengthAuto`), and EMSA-PKCS1-v1_5. Both take the message's digest, so
/// a signature can be checked against a digest alone.
enum RSASignatureEncoding {
    /// Whether `signature` is an RSASSA-PSS signature of the message whose `hash` digest is `digest`.
    static func isValidPSS(
        _ signature: [UInt8], digest: [UInt8], hash: RSAHash, minimumSaltLength: Int, with operation: RSAPublicOperation
    ) -> Bool {
        guard digest.count == hash.length, var encoded = operation.apply(signature) else { return false }
        let emBits = operation.modulusBits - 1
        let emLength = (emBits + 7) / 8
        if emLength < encoded.count {
            guard encoded.first == 0 else { return false }
            encoded.removeFirst()
        }
        let hLen = hash.length
        guard emLength >= hLen + minimumSaltLength + 2, encoded.last == 0xBC else { return false }
        let maskedDB = Array(encoded[0..<(emLength - hLen - 1)])
        let h = Array(encoded[(emLength - hLen - 1)..<(emLength - 1)])
        let unusedBits = 8 * emLength - emBits
        let topMask: UInt8 = unusedBits == 0 ? 0xFF : 0xFF >> unusedBits
        guard maskedDB[0] & ~topMask == 0 else { return false }
        let mask = mgf1(h, length: maskedDB.count, hash: hash)
        var db = zip(maskedDB, mask).map { $0 ^ $1 }
        db[0] &= topMask
        guard let one = db.firstIndex(where: { $0 != 0 }), db[one] == 0x01 else { return false }
        let salt = Array(db[(one + 1)...])
        guard salt.count >= minimumSaltLength else { return false }
        return hash.hash([UInt8](repeating: 0, count: 8) + digest + salt) == h
    }

    /// Whether `signature` is an RSASSA-PKCS1-v1_5 signature of the message whose `hash` digest is `digest`.
    static func isValidPKCS1(_ signature: [UInt8], digest: [UInt8], hash: RSAHash, with operation: RSAPublicOperation)
        -> Bool
    {
        guard digest.count == hash.length, let encoded = operation.apply(signature) else { return false }
        let suffix = [0x00] + hash.digestInfoPrefix + digest
        let padding = encoded.count - suffix.count - 2
        guard padding >= 8 else { return false }
        return encoded == [0x00, 0x01] + [UInt8](repeating: 0xFF, count: padding) + suffix
    }

    /// MGF1 (RFC 8017 §B.2.1).
    static func mgf1(_ seed: [UInt8], length: Int, hash: RSAHash) -> [UInt8] {
        var output: [UInt8] = []
        var counter: UInt32 = 0
        while output.count < length {
            let bytes = (0..<4).map { UInt8(truncatingIfNeeded: counter >> (24 - 8 * UInt32($0))) }
            output += hash.hash(seed + bytes)
            counter += 1
        }
        return Array(output.prefix(length))
    }
}
