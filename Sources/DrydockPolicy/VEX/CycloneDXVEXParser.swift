import DrydockModel
import Foundation

/// Reads CycloneDX VEX: the `vulnerabilities[]` of a CycloneDX 1.4–1.6 JSON document that carry an `analysis`.
///
/// Each `affects[].ref` names a component by its `bom-ref`: a BOM-Link (`urn:cdx:SERIAL/VERSION#REF`) or a
/// plain reference. The reference is resolved through the document's own components (their `purl` and
/// `cpe`), else read as a purl itself. `affects[].versions[].version` narrows a versionless purl to those
/// versions; version ranges are not evaluated and are reported as warnings (the statement then does not
/// apply to them, so nothing is set aside on a guess).
public enum CycloneDXVEXParser {
    /// `specVersion`s read: 1.4 introduced `analysis`.
    static let supportedVersions = ["1.4", "1.5", "1.6"]

    public static func parse(_ bytes: [UInt8], path: String) throws(VEXError) -> VEXDocument {
        try parse(Data(bytes), path: path)
    }

    static func parse(_ data: Data, path: String) throws(VEXError) -> VEXDocument {
        let file = try VEXDecoding.decode(CycloneDXFile.self, from: data, path: path)
        guard let spec = file.specVersion, supportedVersions.contains(spec) else {
            throw VEXError(
                .unsupportedVersion, file: path, path: "specVersion",
                reason:
                    "CycloneDX \(file.specVersion ?? "without specVersion") is not supported for VEX "
                    + "(Drydock reads \(supportedVersions.joined(separator: ", ")))")
        }
        var components: [String: [VEXIdentifier]] = [:]
        if let root = file.metadata?.component { collect(root, into: &components) }
        for component in file.components ?? [] { collect(component, into: &components) }
        let documentTime = VEXDecoding.date(file.metadata?.timestamp)
        var statements: [VEXStatement] = []
        var warnings: [String] = []
        for (index, vulnerability) in (file.vulnerabilities ?? []).enumerated() {
            let position = "vulnerabilities[\(index)]"
            guard let analysis = vulnerability.analysis, let state = analysis.state else { continue }
            guard let status = status(of: state) else {
                throw VEXError(
                    .invalid, file: path, path: position + ".analysis.state",
                    reason:
                        "unknown state '\(state)' (expected resolved, resolved_with_pedigree, exploitable, in_triage, "
                        + "false_positive or not_affected)")
            }
            var products: [VEXProduct] = []
            for (affectIndex, affect) in (vulnerability.affects ?? []).enumerated() {
                let where_ = "\(path): \(position).affects[\(affectIndex)]"
                let reference = bomReference(affect.ref)
                guard let identifiers = components[reference] ?? PackageURL(reference).map({ [.purl($0)] }) else {
                    warnings.append(
                        "\(where_): ref '\(affect.ref)' names no component of this document and is not a purl; "
                            + "it cannot be matched")
                    continue
                }
                let narrowed = narrow(identifiers, to: affect.versions ?? [], status: status, at: where_)
                warnings += narrowed.warnings
                if !narrowed.identifiers.isEmpty { products.append(VEXProduct(identifiers: narrowed.identifiers)) }
            }
            let ids = [vulnerability.id].compactMap { $0 } + (vulnerability.references ?? []).compactMap(\.id)
            let responses = (analysis.response ?? []).joined(separator: ", ")
            statements.append(
                VEXStatement(
                    vulnerabilityIDs: OpenVEXParser.unique(ids), products: products, status: status,
                    justification: analysis.justification, impactStatement: analysis.detail,
                    actionStatement: responses.isEmpty ? nil : "response: \(responses)",
                    statusNotes: state == "false_positive" ? "CycloneDX analysis: false_positive" : nil,
                    timestamp: VEXDecoding.date(analysis.lastUpdated) ?? VEXDecoding.date(analysis.firstIssued)
                        ?? VEXDecoding.date(vulnerability.updated) ?? documentTime,
                    path: position + ".analysis"))
        }
        return VEXDocument(
            format: .cycloneDX, path: path, id: file.serialNumber, author: nil, timestamp: documentTime,
            statements: statements, warnings: warnings)
    }

    /// The CycloneDX analysis state in OpenVEX's words, as Trivy maps them.
    static func status(of state: String) -> VEXStatus? {
        switch state {
        case "resolved", "resolved_with_pedigree": .fixed
        case "exploitable": .affected
        case "in_triage": .underInvestigation
        case "false_positive", "not_affected": .notAffected
        default: nil
        }
    }

    /// The `bom-ref` a reference names: the fragment of a BOM-Link (percent-decoded), else the reference itself.
    static func bomReference(_ ref: String) -> String {
        guard ref.hasPrefix("urn:cdx:"), let hash = ref.firstIndex(of: "#") else { return ref }
        let fragment = String(ref[ref.index(after: hash)...])
        return fragment.removingPercentEncoding ?? fragment
    }

    /// Limits versionless purls to the versions an `affects` entry lists.
    private static func narrow(
        _ identifiers: [VEXIdentifier], to versions: [CycloneDXFile.AffectedVersion], status: VEXStatus,
        at place: String
    ) -> (identifiers: [VEXIdentifier], warnings: [String]) {
        guard !versions.isEmpty else { return (identifiers, []) }
        var warnings: [String] = []
        var exact: [String] = []
        for entry in versions {
            // A version marked affected under a not_affected analysis contradicts it: it is not set aside.
            if status.setsAside, entry.status == "affected" { continue }
            if let version = entry.version {
                exact.append(version)
            } else if let range = entry.range {
                warnings.append(
                    "\(place): version range '\(range)' is not evaluated; the statement does not apply to it")
            }
        }
        var narrowed: [VEXIdentifier] = []
        for identifier in identifiers {
            guard case .purl(let purl) = identifier, purl.version == nil else {
                narrowed.append(identifier)
                continue
            }
            for version in exact { narrowed.append(.purl(pinned(purl, to: version))) }
        }
        return (narrowed, warnings)
    }

    /// `purl` at `version`; a Debian or RPM epoch (`1:1.2.13-1`) goes to the `epoch` qualifier, where purls
    /// keep it.
    static func pinned(_ purl: PackageURL, to version: String) -> PackageURL {
        var pinned = purl
        pinned.version = version
        if ["deb", "rpm"].contains(purl.type), let colon = version.firstIndex(of: ":"),
            !version[..<colon].isEmpty, version[..<colon].allSatisfy(\.isNumber)
        {
            pinned.version = String(version[version.index(after: colon)...])
            if version[..<colon] != "0" { pinned.qualifiers["epoch"] = String(version[..<colon]) }
        }
        return pinned
    }

    private static func collect(_ component: CycloneDXFile.Component, into table: inout [String: [VEXIdentifier]]) {
        var identifiers: [VEXIdentifier] = []
        if let purl = component.purl.flatMap(PackageURL.init) { identifiers.append(.purl(purl)) }
        if let cpe = component.cpe.flatMap(CPEName.init) { identifiers.append(.cpe(cpe)) }
        if let reference = component.bomRef, !identifiers.isEmpty { table[reference] = identifiers }
        for child in component.components ?? [] { collect(child, into: &table) }
    }
}

/// CycloneDX JSON, as far as VEX needs it.
private struct CycloneDXFile: Decodable {
    var specVersion: String?
    var serialNumber: String?
    var metadata: Metadata?
    var components: [Component]?
    var vulnerabilities: [Vulnerability]?

    struct Metadata: Decodable {
        var timestamp: String?
        var component: Component?
    }

    struct Component: Decodable {
        var bomRef: String?
        var purl: String?
        var cpe: String?
        var components: [Component]?

        enum CodingKeys: String, CodingKey {
            case bomRef = "bom-ref"
            case purl, cpe, components
        }
    }

    struct Vulnerability: Decodable {
        var id: String?
        var references: [Reference]?
        var analysis: Analysis?
        var affects: [Affect]?
        var updated: String?
    }

    struct Reference: Decodable {
        var id: String?
    }

    struct Analysis: Decodable {
        var state: String?
        var justification: String?
        var response: [String]?
        var detail: String?
        var firstIssued: String?
        var lastUpdated: String?
    }

    struct Affect: Decodable {
        var ref: String
        var versions: [AffectedVersion]?
    }

    struct AffectedVersion: Decodable {
        var version: String?
        var range: String?
        var status: String?
    }
}
