import Foundation

/// The predicate type an attestation must have, given as cosign's `verify-attestation --type` takes it: one of
/// cosign's names or a predicate-type URI.
///
/// cosign's names stand for these URIs: `custom` `https://cosign.sigstore.dev/attestation/v1`,
/// `slsaprovenance` and `slsaprovenance02` `https://slsa.dev/provenance/v0.2`, `slsaprovenance1`
/// `https://slsa.dev/provenance/v1`, `link` `https://in-toto.io/Link/v1`, `spdx` and `spdxjson`
/// `https://spdx.dev/Document`, `cyclonedx` `https://cyclonedx.org/bom`, `vuln`
/// `https://cosign.sigstore.dev/attestation/vuln/v1`, `openvex` `https://openvex.dev/ns`. Where cosign compares
/// the URI exactly, `cyclonedx`, `spdx`/`spdxjson` and `openvex` also accept the versioned spellings other tools
/// write (`https://cyclonedx.org/bom/v1.5`, `https://spdx.dev/Document/v2.3`, `https://openvex.dev/ns/v0.2.0`),
/// as ``AttestationPredicate`` reads them. A URI is compared exactly (a trailing `/` aside).
public struct AttestationTypeFilter: Sendable, Hashable, CustomStringConvertible {
    /// The value as given.
    public let name: String
    /// The predicate-type URI it stands for.
    public let predicateType: String
    /// The family the versioned spellings of which are accepted too (`nil`: the URI exactly).
    private let family: AttestationPredicate?

    /// cosign's names and the URIs they stand for.
    public static let cosignTypes: [(name: String, uri: String)] = [
        ("custom", "https://cosign.sigstore.dev/attestation/v1"),
        ("slsaprovenance", SLSAProvenance.v02),
        ("slsaprovenance02", SLSAProvenance.v02),
        ("slsaprovenance1", SLSAProvenance.v1),
        ("link", "https://in-toto.io/Link/v1"),
        ("spdx", AttestationPredicate.spdxType),
        ("spdxjson", AttestationPredicate.spdxType),
        ("cyclonedx", AttestationPredicate.cycloneDXType),
        ("vuln", AttestationPredicate.vulnerabilityType),
        ("openvex", "https://openvex.dev/ns"),
    ]

    /// Reads `value`: a cosign name (case as cosign spells it) or an absolute URI with a scheme and a host.
    public init(_ value: String) throws(SupplyChainError) {
        name = value
        if let uri = Self.cosignTypes.first(where: { $0.name == value })?.uri {
            predicateType = uri
            switch value {
            case "spdx", "spdxjson", "cyclonedx", "openvex": family = AttestationPredicate(uri)
            default: family = nil
            }
            return
        }
        guard let url = URL(string: value), let scheme = url.scheme, !scheme.isEmpty, url.host != nil else {
            let names = Self.cosignTypes.map(\.name).joined(separator: ", ")
            throw .malformed("'\(value)' is neither one of cosign's predicate types (\(names)) nor a URI", at: "--type")
        }
        predicateType = value
        family = nil
    }

    /// Whether an attestation of `predicateType` (its verified statement's) is of this type.
    public func matches(_ predicateType: String?) -> Bool {
        guard let predicateType else { return false }
        if let family { return AttestationPredicate(predicateType) == family }
        func trimmed(_ text: String) -> String { text.hasSuffix("/") ? String(text.dropLast()) : text }
        return trimmed(predicateType) == trimmed(self.predicateType)
    }

    public var description: String { name == predicateType ? name : "\(name) (\(predicateType))" }
}
