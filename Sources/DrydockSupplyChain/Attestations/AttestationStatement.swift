import Foundation

/// An in-toto statement (v0.1 or v1) as read from a DSSE envelope: its subjects, predicate type and predicate,
/// and what kind of predicate Drydock knows it to be.
///
/// Pure: bytes in, values out. The statement is trusted only as far as the envelope that carried it was
/// verified; ``SupplyChainEvaluator/verifiedAttestations(_:signers:)`` reads statements only from verified
/// envelopes.
public struct AttestationStatement: Sendable, Hashable {
    /// One subject: a name and its digests by algorithm (`sha256` → hex).
    public struct Subject: Sendable, Hashable {
        public var name: String?
        public var digests: [String: String]
    }

    /// `_type`: `https://in-toto.io/Statement/v1` or `…/v0.1`.
    public var type: String
    public var subjects: [Subject]
    public var predicateType: String
    /// The predicate as JSON text (an object, or a JSON string for cosign's `--type spdx` predicates).
    public var predicate: [UInt8]

    /// What ``predicateType`` names.
    public var kind: AttestationPredicate { AttestationPredicate(predicateType) }

    /// Reads a statement from its JSON text; `source` names it in errors.
    public static func parse(_ bytes: [UInt8], source: String) throws(SupplyChainError) -> AttestationStatement {
        let fields = try JSONFields.parse(bytes, path: source)
        let type = try fields.optionalString("_type") ?? ""
        guard type.hasPrefix("https://in-toto.io/Statement/") else {
            throw .malformed("'_type' is '\(type)', not an in-toto statement", at: source)
        }
        var subjects: [Subject] = []
        for subject in try fields.objects("subject") {
            var digests: [String: String] = [:]
            if let digest = subject.object["digest"] as? [String: Any] {
                for (algorithm, value) in digest {
                    if let text = value as? String { digests[algorithm] = text }
                }
            }
            subjects.append(Subject(name: try subject.optionalString("name"), digests: digests))
        }
        let predicateType = try fields.string("predicateType")
        guard let predicate = fields.object["predicate"], !(predicate is NSNull) else {
            throw .malformed("missing", at: "\(source).predicate")
        }
        // Written inside an array, then unwrapped: a predicate may be a JSON string, which is not a document.
        let text: Data
        do {
            text = try JSONSerialization.data(withJSONObject: [predicate])
        } catch {
            throw .malformed(
                "cannot be written back as JSON (\(error.localizedDescription))", at: "\(source).predicate")
        }
        return AttestationStatement(
            type: type, subjects: subjects, predicateType: predicateType, predicate: Array(text.dropFirst().dropLast()))
    }

    /// The statement inside a DSSE envelope (`payloadType` `application/vnd.in-toto+json`).
    public static func parse(envelope: [UInt8], source: String) throws(SupplyChainError) -> AttestationStatement {
        let fields = try JSONFields.parse(envelope, path: source)
        let payloadType = try fields.optionalString("payloadType") ?? ""
        guard payloadType == "application/vnd.in-toto+json" else {
            throw .malformed("the DSSE payload type is '\(payloadType)', not application/vnd.in-toto+json", at: source)
        }
        return try parse(try fields.bytes("payload"), source: "\(source) statement")
    }

    /// The SBOM document the predicate holds, as JSON text, for an SBOM predicate; `nil` for other kinds.
    ///
    /// Every spelling cosign and Trivy write is read: the document itself as the predicate (`cosign attest
    /// --type cyclonedx|spdxjson`, Trivy's `attest-*` formats), the document as a JSON string (`cosign attest
    /// --type spdx`), and cosign 1.x's `{"Data": …, "Timestamp": …}` wrapper around either.
    public func sbomDocument() throws(SupplyChainError) -> [UInt8]? {
        guard kind.isSBOM else { return nil }
        return try document(markers: ["bomFormat", "spdxVersion"])
    }

    /// The OpenVEX document the predicate holds, as JSON text, for an OpenVEX predicate (`cosign attest --type
    /// openvex`, `vexctl attest`); `nil` for other kinds. Read in the same spellings as ``sbomDocument()``.
    public func vexDocument() throws(SupplyChainError) -> [UInt8]? {
        guard kind == .openVEX else { return nil }
        return try document(markers: ["@context", "statements"])
    }

    /// The predicate as a document: itself, the JSON string it is, or the `Data` of cosign 1.x's wrapper (an
    /// object with none of the document's own `markers`).
    private func document(markers: [String]) throws(SupplyChainError) -> [UInt8] {
        var value: Any
        do {
            value = try JSONSerialization.jsonObject(with: Data(predicate), options: [.fragmentsAllowed])
        } catch {
            throw .malformed("not valid JSON (\(error.localizedDescription))", at: "predicate")
        }
        if let object = value as? [String: Any], let data = object["Data"], markers.allSatisfy({ object[$0] == nil }) {
            value = data
        }
        if let text = value as? String { return Array(text.utf8) }
        guard value is [String: Any] else {
            throw .malformed("the \(kind) predicate is neither a JSON object nor a string", at: "predicate")
        }
        do {
            return Array(try JSONSerialization.data(withJSONObject: value))
        } catch {
            throw .malformed("cannot be written back as JSON (\(error.localizedDescription))", at: "predicate")
        }
    }
}

/// The in-toto predicate types Drydock reads, by their type URIs as cosign, in-toto-golang, Trivy and the
/// in-toto attestation framework spell them.
public enum AttestationPredicate: Sendable, Hashable, CustomStringConvertible {
    /// A CycloneDX BOM: `https://cyclonedx.org/bom` (cosign `--type cyclonedx`), the versioned spellings
    /// `https://cyclonedx.org/bom/v1.5`, and in-toto-golang's pre-0.5 `https://cyclonedx.org/schema`.
    case cycloneDX
    /// An SPDX document: `https://spdx.dev/Document` (cosign `--type spdx|spdxjson`) and versioned spellings
    /// such as `https://spdx.dev/Document/v2.3`.
    case spdx
    /// SLSA provenance v0.2 or v1 (``SLSAProvenance``).
    case slsaProvenance
    /// cosign's vulnerability scan record: `https://cosign.sigstore.dev/attestation/vuln/v1` (cosign `--type
    /// vuln`, Trivy's `--format cosign-vuln`, `drydock attest --type vuln`).
    case vulnerability
    /// An OpenVEX document: `https://openvex.dev/ns` and its versioned spellings.
    case openVEX
    /// Anything else (cosign's custom `https://cosign.sigstore.dev/attestation/v1`, in-toto links, …).
    case other(String)

    public static let cycloneDXType = "https://cyclonedx.org/bom"
    public static let spdxType = "https://spdx.dev/Document"
    public static let vulnerabilityType = "https://cosign.sigstore.dev/attestation/vuln/v1"

    public init(_ predicateType: String) {
        let type = predicateType.hasSuffix("/") ? String(predicateType.dropLast()) : predicateType
        func versioned(_ base: String) -> Bool { type == base || type.hasPrefix(base + "/v") }
        if versioned(Self.cycloneDXType) || type == "https://cyclonedx.org/schema" {
            self = .cycloneDX
        } else if versioned(Self.spdxType) {
            self = .spdx
        } else if SLSAProvenance.isProvenance(type) {
            self = .slsaProvenance
        } else if type == Self.vulnerabilityType {
            self = .vulnerability
        } else if versioned("https://openvex.dev/ns") {
            self = .openVEX
        } else {
            self = .other(predicateType)
        }
    }

    /// Whether the predicate is an SBOM (CycloneDX or SPDX).
    public var isSBOM: Bool { self == .cycloneDX || self == .spdx }

    public var description: String {
        switch self {
        case .cycloneDX: "CycloneDX"
        case .spdx: "SPDX"
        case .slsaProvenance: "SLSA provenance"
        case .vulnerability: "cosign vulnerability"
        case .openVEX: "OpenVEX"
        case .other(let type): type
        }
    }
}
