import SwiftASN1

/// The restrictions an RSASSA-PSS public key (SubjectPublicKeyInfo algorithm `id-RSASSA-PSS`,
/// 1.2.840.113549.1.1.10, as `openssl genpkey -algorithm RSA-PSS` writes it) places on its signatures
/// (RFC 4055 §3.1): PSS only, with this hash for the message and MGF1, and a salt at least this long. A key
/// without parameters allows any hash; Sigstore signs with SHA-256.
public struct RSAPSSKeyParameters: Sendable, Hashable, CustomStringConvertible {
    /// The hash of the message and of MGF1.
    public var hash: RSAHash
    /// The shortest salt a signature may have (RFC 4055: the key's `saltLength` is a minimum).
    public var minimumSaltLength: Int

    static let rsaPSS: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 10]
    static let mgf1: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 8]
    static let hashes: [ASN1ObjectIdentifier: RSAHash] = [
        [2, 16, 840, 1, 101, 3, 4, 2, 1]: .sha256, [2, 16, 840, 1, 101, 3, 4, 2, 2]: .sha384,
        [2, 16, 840, 1, 101, 3, 4, 2, 3]: .sha512,
    ]
    static let sha1: ASN1ObjectIdentifier = [1, 3, 14, 3, 2, 26]

    public var description: String { "RSASSA-PSS with \(hash.rawValue), salt of at least \(minimumSaltLength) bytes" }

    /// The parameters of a DER SubjectPublicKeyInfo whose algorithm is `id-RSASSA-PSS`; `nil` for any other
    /// key. Throws for a PSS key whose parameters are malformed or name what Sigstore does not sign with
    /// (SHA-1, another mask generation function, another trailer).
    static func of(subjectPublicKeyInfo der: [UInt8]) throws(SupplyChainError) -> RSAPSSKeyParameters? {
        let algorithm: (ASN1ObjectIdentifier, ASN1Node?)
        do {
            algorithm = try DER.sequence(try DER.parse(der), identifier: .sequence) { nodes in
                guard let identifier = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "no algorithm") }
                _ = nodes.next()
                return try DER.sequence(identifier, identifier: .sequence) { inner in
                    guard let oid = inner.next() else { throw ASN1Error.invalidASN1Object(reason: "no OID") }
                    return (try ASN1ObjectIdentifier(derEncoded: oid), inner.next())
                }
            }
        } catch {
            return nil
        }
        guard algorithm.0 == rsaPSS else { return nil }
        guard let parameters = algorithm.1 else {
            return RSAPSSKeyParameters(hash: .sha256, minimumSaltLength: 0)
        }
        do {
            return try parse(parameters)
        } catch let error as SupplyChainError {
            throw error
        } catch {
            throw .malformed("the RSASSA-PSS key's parameters cannot be read (\(error))", at: "public key")
        }
    }

    /// `RSASSA-PSS-params` (RFC 4055 §3.1), each field with its default when absent.
    private static func parse(_ node: ASN1Node) throws -> RSAPSSKeyParameters {
        try DER.sequence(node, identifier: .sequence) { nodes in
            let hashOID =
                try DER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) {
                    try algorithmIdentifier($0).0
                } ?? sha1
            let mask = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 1, tagClass: .contextSpecific) {
                try algorithmIdentifier($0)
            }
            let salt =
                try DER.optionalExplicitlyTagged(&nodes, tagNumber: 2, tagClass: .contextSpecific) {
                    try Int(derEncoded: $0)
                } ?? 20
            let trailer =
                try DER.optionalExplicitlyTagged(&nodes, tagNumber: 3, tagClass: .contextSpecific) {
                    try Int(derEncoded: $0)
                } ?? 1
            guard let hash = hashes[hashOID] else {
                throw SupplyChainError.malformed(
                    "the RSASSA-PSS key names hash \(hashOID); only SHA-256, SHA-384 and SHA-512 are supported",
                    at: "public key")
            }
            let maskHash = try mask.map { mask in
                guard mask.0 == mgf1, let parameters = mask.1 else {
                    throw SupplyChainError.malformed(
                        "the RSASSA-PSS key's mask generation function is not MGF1", at: "public key")
                }
                return try algorithmIdentifier(parameters).0
            }
            guard (maskHash ?? sha1) == hashOID else {
                throw SupplyChainError.malformed(
                    "the RSASSA-PSS key's MGF1 hash differs from its message hash; Drydock supports only the same one",
                    at: "public key")
            }
            guard trailer == 1, (0...1024).contains(salt) else {
                throw SupplyChainError.malformed(
                    "the RSASSA-PSS key's trailer field (\(trailer)) or salt length (\(salt)) is invalid",
                    at: "public key")
            }
            return RSAPSSKeyParameters(hash: hash, minimumSaltLength: salt)
        }
    }

    /// An `AlgorithmIdentifier`: its OID and parameters.
    private static func algorithmIdentifier(_ node: ASN1Node) throws -> (ASN1ObjectIdentifier, ASN1Node?) {
        try DER.sequence(node, identifier: .sequence) { nodes in
            guard let oid = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "no algorithm OID") }
            return (try ASN1ObjectIdentifier(derEncoded: oid), nodes.next())
        }
    }
}
