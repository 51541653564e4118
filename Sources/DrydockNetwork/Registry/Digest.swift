import Crypto

/// Content digests (`sha256:<hex>`): validation and computation.
public enum Digest {
    /// Whether `text` is `algorithm:hex` with a known algorithm and the right length
    /// (`sha256` 64, `sha512` 128 lowercase hex digits).
    public static func isValid(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let algorithm = text[..<colon]
        let hex = text[text.index(after: colon)...]
        let length: Int
        switch algorithm {
        case "sha256": length = 64
        case "sha512": length = 128
        default: return false
        }
        return hex.count == length && hex.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    /// `sha256:<hex>` of `bytes`.
    public static func sha256(_ bytes: some Sequence<UInt8>) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(bytes))
        return "sha256:" + hex(hasher.finalize())
    }

    /// Lowercase hex of a digest.
    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var result: [UInt8] = []
        for byte in digest {
            result.append(digits[Int(byte >> 4)])
            result.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: result, as: UTF8.self)
    }
}

/// A running hash of one digest algorithm, for streamed blobs.
// @unchecked Sendable: swift-crypto's SHA256/SHA512 are plain value types (a copied context, no shared
// references); they are only not annotated. Each copy is used behind a lock by one download.
struct StreamingDigest: @unchecked Sendable {
    private var sha256: SHA256?
    private var sha512: SHA512?
    let algorithm: String

    /// A hasher for `digest`'s algorithm; `nil` for an algorithm Drydock does not know.
    init?(for digest: String) {
        if digest.hasPrefix("sha256:") {
            sha256 = SHA256()
            algorithm = "sha256"
        } else if digest.hasPrefix("sha512:") {
            sha512 = SHA512()
            algorithm = "sha512"
        } else {
            return nil
        }
    }

    mutating func update(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { raw in
            sha256?.update(bufferPointer: raw)
            sha512?.update(bufferPointer: raw)
        }
    }

    func finalize() -> String {
        if let sha256 { return "sha256:" + Digest.hex(sha256.finalize()) }
        if let sha512 { return "sha512:" + Digest.hex(sha512.finalize()) }
        return ""
    }
}
