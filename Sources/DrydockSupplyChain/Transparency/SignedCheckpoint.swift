import Crypto
import Foundation
import X509

/// A transparency log's signed checkpoint: a signed note (`origin`, tree size, base64 root hash, optional
/// extension lines, a blank line, then `— name base64(keyhint ‖ signature)` lines).
public struct SignedCheckpoint: Sendable, Hashable {
    /// The log's origin line.
    public var origin: String
    public var treeSize: Int64
    public var rootHash: [UInt8]
    /// The signed text: every line up to and including the newline before the blank line.
    public var signedText: [UInt8]
    /// The signatures: signer name and the bytes after the 4-byte key hint.
    public var signatures: [(name: String, keyHint: [UInt8], signature: [UInt8])]

    public static func == (lhs: SignedCheckpoint, rhs: SignedCheckpoint) -> Bool {
        lhs.signedText == rhs.signedText
            && lhs.signatures.map { $0.signature } == rhs.signatures.map { $0.signature }
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(signedText) }

    /// Parses a signed note (pure).
    public static func parse(_ text: String) throws(SupplyChainError) -> SignedCheckpoint {
        guard let split = text.range(of: "\n\n") else {
            throw .failed("checkpoint: no blank line between the note and its signatures")
        }
        let body = String(text[..<split.lowerBound]) + "\n"
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        guard lines.count >= 3, let size = Int64(lines[lines.startIndex + 1]),
            let root = Base64.decode(String(lines[lines.startIndex + 2]))
        else {
            throw .failed("checkpoint: the note does not start with origin, tree size and root hash lines")
        }
        var signatures: [(name: String, keyHint: [UInt8], signature: [UInt8])] = []
        for line in text[split.upperBound...].split(separator: "\n") where line.hasPrefix("\u{2014} ") {
            let fields = line.dropFirst(2).split(separator: " ")
            guard fields.count == 2, let bytes = Base64.decode(String(fields[1])), bytes.count > 4 else {
                throw .failed("checkpoint: malformed signature line '\(line)'")
            }
            signatures.append((String(fields[0]), Array(bytes.prefix(4)), Array(bytes.dropFirst(4))))
        }
        guard !signatures.isEmpty else { throw .failed("checkpoint: the note carries no signature") }
        return SignedCheckpoint(
            origin: String(lines[lines.startIndex]), treeSize: size, rootHash: root, signedText: Array(body.utf8),
            signatures: signatures)
    }

    /// Whether one of the note's signatures is the log's: its key hint names the log's key and the signature
    /// verifies with it.
    ///
    /// Key hints are the first four bytes of the log ID (SHA-256 of the DER public key, Rekor v1's convention)
    /// or, for Ed25519 note keys, of SHA-256 over `name`, a newline, 0x01 and the raw key (the signed-note
    /// convention). Signatures with another hint are other parties' cosignatures and are not tried.
    public func isSigned(by key: VerificationKey, logID: [UInt8]) -> Bool {
        signatures.contains { line in
            var hints = [Array(logID.prefix(4))]
            if let ed25519 = Curve25519.Signing.PublicKey(key.key) {
                let keyName = Array(line.name.utf8) + [0x0A, 0x01] + Array(ed25519.rawRepresentation)
                hints.append(Array(SHA256.hash(data: keyName).prefix(4)))
            }
            return hints.contains(line.keyHint) && key.isValidSignature(line.signature, for: signedText)
        }
    }
}
