import Crypto
import Foundation
import SwiftASN1
import X509

/// An RFC 3161 time-stamp token: the TSA's signed statement that it saw a hash at `genTime`.
///
/// Parsed from a `TimeStampResp` or a bare `TimeStampToken` (CMS SignedData whose content is a `TSTInfo`).
public struct RFC3161Timestamp: Sendable {
    /// When the TSA saw the hash.
    public var genTime: Date
    /// The hash algorithm of the message imprint and the hashed message.
    var imprintAlgorithm: ASN1ObjectIdentifier
    var imprint: [UInt8]
    /// The DER `TSTInfo` (the signed content).
    var content: [UInt8]
    /// The signer's digest algorithm, the signed attributes re-tagged as a SET (what was signed), their
    /// `messageDigest` value, and the signature.
    var digestAlgorithm: ASN1ObjectIdentifier
    var signedAttributes: [UInt8]
    var messageDigest: [UInt8]
    var signature: [UInt8]
    /// Certificates the token carries.
    var certificates: [Certificate]

    static let signedDataOID: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 7, 2]
    static let tstInfoOID: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 16, 1, 4]
    static let messageDigestOID: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 4]

    /// Parses a `TimeStampResp` (status must be granted) or a `TimeStampToken`.
    public static func parse(_ bytes: [UInt8]) throws(SupplyChainError) -> RFC3161Timestamp {
        do {
            let root = try DER.parse(bytes)
            var token = root
            let top = children(root)
            if let first = top.first, first.identifier == .sequence {
                // TimeStampResp: PKIStatusInfo, then the token.
                let status = try Int(derEncoded: children(first).first ?? first)
                guard status == 0 || status == 1 else {
                    throw SupplyChainError.failed("the RFC 3161 response's status is \(status), not granted")
                }
                guard top.count > 1 else { throw SupplyChainError.failed("the RFC 3161 response has no token") }
                token = top[1]
            }
            return try parseToken(token)
        } catch let error as SupplyChainError {
            throw error
        } catch {
            throw .failed("the RFC 3161 timestamp cannot be read (\(error))")
        }
    }

    private static func parseToken(_ token: ASN1Node) throws -> RFC3161Timestamp {
        let info = children(token)
        guard info.count == 2, try ASN1ObjectIdentifier(derEncoded: info[0]) == signedDataOID,
            let signedData = children(info[1]).first
        else { throw SupplyChainError.failed("the RFC 3161 token is not CMS SignedData") }
        let fields = children(signedData)
        guard fields.count >= 4 else { throw SupplyChainError.failed("the RFC 3161 SignedData is truncated") }
        let encapsulated = children(fields[2])
        guard encapsulated.count == 2, try ASN1ObjectIdentifier(derEncoded: encapsulated[0]) == tstInfoOID,
            let octets = children(encapsulated[1]).first
        else { throw SupplyChainError.failed("the RFC 3161 token does not hold a TSTInfo") }
        let content = Array(try ASN1OctetString(derEncoded: octets).bytes)
        var certificates: [Certificate] = []
        for field in fields[3..<(fields.count - 1)]
        where field.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) {
            certificates = try children(field).map { try Certificate(derEncoded: $0) }
        }
        let signerInfos = children(fields[fields.count - 1])
        guard signerInfos.count == 1 else {
            throw SupplyChainError.failed("the RFC 3161 token has \(signerInfos.count) signers; one is expected")
        }
        let signer = children(signerInfos[0])
        guard signer.count >= 6,
            signer[3].identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
        else { throw SupplyChainError.failed("the RFC 3161 signer has no signed attributes") }
        let attributes = signer[3]
        var messageDigest: [UInt8] = []
        for attribute in children(attributes) {
            let parts = children(attribute)
            if parts.count == 2, try ASN1ObjectIdentifier(derEncoded: parts[0]) == messageDigestOID,
                let value = children(parts[1]).first
            {
                messageDigest = Array(try ASN1OctetString(derEncoded: value).bytes)
            }
        }
        // The signature covers the attributes DER-encoded as a SET, not with their [0] tag.
        var signedAttributes = Array(attributes.encodedBytes)
        signedAttributes[0] = 0x31
        let tst = children(try DER.parse(content))
        guard tst.count >= 5 else { throw SupplyChainError.failed("the TSTInfo is truncated") }
        let imprint = children(tst[2])
        guard imprint.count == 2, let imprintAlgorithm = children(imprint[0]).first else {
            throw SupplyChainError.failed("the TSTInfo's message imprint is malformed")
        }
        return RFC3161Timestamp(
            genTime: try date(GeneralizedTime(derEncoded: tst[4])),
            imprintAlgorithm: try ASN1ObjectIdentifier(derEncoded: imprintAlgorithm),
            imprint: Array(try ASN1OctetString(derEncoded: imprint[1]).bytes), content: content,
            digestAlgorithm: try ASN1ObjectIdentifier(derEncoded: children(signer[2]).first ?? signer[2]),
            signedAttributes: signedAttributes, messageDigest: messageDigest,
            signature: Array(try ASN1OctetString(derEncoded: signer[5]).bytes), certificates: certificates)
    }

    private static func date(_ time: GeneralizedTime) throws -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let components = DateComponents(
            year: time.year, month: time.month, day: time.day, hour: time.hours, minute: time.minutes,
            second: time.seconds)
        guard let date = calendar.date(from: components) else {
            throw SupplyChainError.failed("the TSTInfo's time is not a calendar date")
        }
        return date.addingTimeInterval(time.fractionalSeconds)
    }

    private static func children(_ node: ASN1Node) -> [ASN1Node] {
        guard case .constructed(let nodes) = node.content else { return [] }
        return Array(nodes)
    }

    /// `bytes` hashed with the algorithm `oid` names (SHA-256, SHA-384, SHA-512).
    static func hash(_ bytes: [UInt8], with oid: ASN1ObjectIdentifier) -> [UInt8]? {
        switch oid {
        case [2, 16, 840, 1, 101, 3, 4, 2, 1]: return Array(SHA256.hash(data: bytes))
        case [2, 16, 840, 1, 101, 3, 4, 2, 2]: return Array(SHA384.hash(data: bytes))
        case [2, 16, 840, 1, 101, 3, 4, 2, 3]: return Array(SHA512.hash(data: bytes))
        default: return nil
        }
    }

    /// The signature algorithms a signer with this digest algorithm may have used.
    var signatureAlgorithms: [Certificate.SignatureAlgorithm] {
        switch digestAlgorithm {
        case [2, 16, 840, 1, 101, 3, 4, 2, 2]: return [.ecdsaWithSHA384, .sha384WithRSAEncryption]
        case [2, 16, 840, 1, 101, 3, 4, 2, 3]: return [.ecdsaWithSHA512, .sha512WithRSAEncryption]
        default: return [.ecdsaWithSHA256, .sha256WithRSAEncryption]
        }
    }
}
