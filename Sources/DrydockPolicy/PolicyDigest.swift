import Crypto

/// The digest that identifies a policy or ignore file in the evidence log.
public enum PolicyDigest {
    /// `sha256:` and the hex SHA-256 of `bytes`.
    public static func sha256(_ bytes: some Collection<UInt8>) -> String {
        let digits = Array("0123456789abcdef")
        var text = "sha256:"
        for byte in SHA256.hash(data: Array(bytes)) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return text
    }
}
