import Crypto
import Foundation
import SwiftASN1
import X509

/// Signed certificate timestamps embedded in a signing certificate (RFC 6962 §3.3, extension
/// 1.3.6.1.4.1.11129.2.4.2): the CT log's promise that it logged the precertificate.
public struct EmbeddedSCT: Sendable, Hashable {
    /// The extension's OID.
    public static let extensionOID: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 11129, 2, 4, 2]

    public var logID: [UInt8]
    /// Milliseconds since 1970.
    public var timestamp: UInt64
    public var extensions: [UInt8]
    public var signature: [UInt8]

    /// Reads the SCT list from `certificate`; empty when the certificate has none.
    public static func all(in certificate: Certificate) throws(SupplyChainError) -> [EmbeddedSCT] {
        guard let value = certificate.extensions[oid: extensionOID]?.value else { return [] }
        guard let list = try? ASN1OctetString(derEncoded: Array(value)) else {
            throw .failed("the certificate's SCT extension is not an OCTET STRING")
        }
        var reader = TLSReader(Array(list.bytes))
        guard let listBytes = reader.vector(lengthBytes: 2), reader.isAtEnd else {
            throw .failed("the certificate's SCT list is truncated")
        }
        var items = TLSReader(listBytes)
        var result: [EmbeddedSCT] = []
        while !items.isAtEnd {
            guard let bytes = items.vector(lengthBytes: 2) else { throw .failed("an embedded SCT is truncated") }
            var sct = TLSReader(bytes)
            guard sct.byte() == 0, let logID = sct.bytes(32), let time = sct.integer(8),
                let extensions = sct.vector(lengthBytes: 2), sct.byte() != nil, sct.byte() != nil,
                let signature = sct.vector(lengthBytes: 2), sct.isAtEnd
            else { throw .failed("an embedded SCT is not a version 1 SCT") }
            result.append(EmbeddedSCT(logID: logID, timestamp: time, extensions: extensions, signature: signature))
        }
        return result
    }

    /// The bytes the CT log signed: the precertificate entry for `certificate` issued by the key whose DER
    /// SubjectPublicKeyInfo is `issuerKey`.
    public func signedData(certificate: Certificate, issuerKey: [UInt8]) throws(SupplyChainError) -> [UInt8] {
        let tbs = try Self.precertificateTBS(certificate)
        var data: [UInt8] = [0, 0]
        data += (0..<8).reversed().map { UInt8(truncatingIfNeeded: timestamp >> (8 * UInt64($0))) }
        data += [0, 1]
        data += Array(SHA256.hash(data: issuerKey))
        data += [
            UInt8(truncatingIfNeeded: tbs.count >> 16), UInt8(truncatingIfNeeded: tbs.count >> 8),
            UInt8(truncatingIfNeeded: tbs.count),
        ]
        data += tbs
        data += [UInt8(truncatingIfNeeded: extensions.count >> 8), UInt8(truncatingIfNeeded: extensions.count)]
        return data + extensions
    }

    /// The certificate's TBSCertificate with the SCT extension removed, re-encoded in DER.
    static func precertificateTBS(_ certificate: Certificate) throws(SupplyChainError) -> [UInt8] {
        do {
            let tbs = try DER.parse(Array(certificate.tbsCertificateBytes))
            guard case .constructed(let fields) = tbs.content else { throw SupplyChainError.failed("TBS") }
            var content: [UInt8] = []
            for field in fields {
                guard field.identifier == ASN1Identifier(tagWithNumber: 3, tagClass: .contextSpecific),
                    case .constructed(let wrapped) = field.content, let list = wrapped.first(where: { _ in true }),
                    case .constructed(let extensions) = list.content
                else {
                    content += field.encodedBytes
                    continue
                }
                var kept: [UInt8] = []
                for element in extensions {
                    let parsed = try Certificate.Extension(derEncoded: element)
                    if parsed.oid != extensionOID { kept += element.encodedBytes }
                }
                content += DERBytes.tlv(0xA3, DERBytes.tlv(0x30, kept))
            }
            return DERBytes.tlv(0x30, content)
        } catch {
            throw .failed("the signing certificate cannot be re-encoded as its precertificate (\(error))")
        }
    }
}

/// A reader of TLS presentation-language structures.
struct TLSReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func byte() -> UInt8? { bytes(1)?.first }

    mutating func bytes(_ count: Int) -> [UInt8]? {
        guard count >= 0, bytes.count - offset >= count else { return nil }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func integer(_ width: Int) -> UInt64? {
        bytes(width)?.reduce(0) { $0 << 8 | UInt64($1) }
    }

    mutating func vector(lengthBytes: Int) -> [UInt8]? {
        guard let length = integer(lengthBytes) else { return nil }
        return bytes(Int(length))
    }
}

/// DER tag-length-value encoding for the one structure rebuilt here.
enum DERBytes {
    static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        var length: [UInt8] = []
        if content.count < 0x80 {
            length = [UInt8(content.count)]
        } else {
            var remaining = content.count
            while remaining > 0 {
                length.insert(UInt8(truncatingIfNeeded: remaining), at: 0)
                remaining >>= 8
            }
            length.insert(0x80 | UInt8(length.count), at: 0)
        }
        return [tag] + length + content
    }
}
