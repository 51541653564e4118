import SwiftASN1
import X509

/// The identity facts Fulcio writes into a signing certificate: the subject alternative name (the OIDC
/// identity: email, URI or Fulcio username) and the OIDC issuer extension.
public struct FulcioIdentity: Sendable, Hashable {
    /// Every SAN value (email addresses, URIs, Fulcio usernames), in certificate order.
    public var subjectAlternativeNames: [String]
    /// The OIDC issuer: extension 1.3.6.1.4.1.57264.1.8 (DER UTF8String) or, on certificates before it
    /// existed, 1.3.6.1.4.1.57264.1.1 (raw string).
    public var oidcIssuer: String?

    /// Fulcio's OIDC issuer extension (v2, DER-encoded).
    public static let issuerV2OID: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 57264, 1, 8]
    /// Fulcio's deprecated OIDC issuer extension (raw bytes).
    public static let issuerV1OID: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 57264, 1, 1]
    /// The otherName type Fulcio uses for usernames in the SAN.
    public static let usernameOID: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 57264, 1, 7]

    /// Reads the identity from a certificate.
    public init(certificate: Certificate) throws(SupplyChainError) {
        var names: [String] = []
        do {
            for name in try certificate.extensions.subjectAlternativeNames ?? SubjectAlternativeNames([]) {
                switch name {
                case .rfc822Name(let email): names.append(email)
                case .uniformResourceIdentifier(let uri): names.append(uri)
                case .dnsName(let dns): names.append(dns)
                case .otherName(let other) where other.typeID == Self.usernameOID:
                    if let value = other.value, let text = try? ASN1UTF8String(asn1Any: value) {
                        names.append(String(text))
                    }
                default: continue
                }
            }
        } catch {
            throw .failed("the signing certificate's subject alternative name cannot be read (\(error))")
        }
        subjectAlternativeNames = names
        if let extensionValue = certificate.extensions[oid: Self.issuerV2OID] {
            guard let text = try? ASN1UTF8String(derEncoded: Array(extensionValue.value)) else {
                throw .failed(
                    "the signing certificate's OIDC issuer extension (1.3.6.1.4.1.57264.1.8) is not a UTF8String")
            }
            oidcIssuer = String(text)
        } else if let extensionValue = certificate.extensions[oid: Self.issuerV1OID] {
            oidcIssuer = String(decoding: extensionValue.value, as: UTF8.self)
        } else {
            oidcIssuer = nil
        }
    }
}
