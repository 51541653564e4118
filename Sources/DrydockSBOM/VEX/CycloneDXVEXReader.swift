import DrydockModel
import DrydockPolicy
import DrydockReport
import Foundation

/// Reads CycloneDX VEX: the `vulnerabilities[]` of a CycloneDX 1.4–1.6 JSON document that carry an `analysis`.
///
/// The document's components are read by the SBOM reader (``CycloneDXReader``: nested ones flattened, each
/// with its `bom-ref`). Each `affects[].ref` names a component by its `bom-ref`: a BOM-Link
/// (`urn:cdx:SERIAL/VERSION#REF`) or a plain reference. The reference is resolved through the document's own
/// components (their `purl` and `cpe`), else read as a purl itself — as Trivy's own SBOMs use purls as
/// `bom-ref`s. `affects[].versions[].version` narrows a versionless purl to those versions; version ranges are
/// not evaluated and are reported as warnings (the statement then does not apply to them, so nothing is set
/// aside on a guess).
enum CycloneDXVEXReader {
    /// `specVersion`s read: 1.4 introduced `analysis`.
    static let supportedVersions = ["1.4", "1.5", "1.6"]

    static func read(_ root: JSONValue, fields: VEXFields) throws(VEXError) -> VEXDocument {
        let path = fields.file
        let spec = try fields.string(root["specVersion"], at: "specVersion")
        guard let spec, supportedVersions.contains(spec) else {
            throw VEXError(
                .unsupportedVersion, file: path, path: "specVersion",
                reason:
                    "CycloneDX \(spec ?? "without specVersion") is not supported for VEX "
                    + "(Drydock reads \(supportedVersions.joined(separator: ", ")))")
        }
        let bom: DecodedSBOM
        do {
            bom = try CycloneDXReader.read(root, path: path)
        } catch {
            throw VEXError(.invalid, file: path, path: error.location ?? "", reason: error.reason)
        }
        var components: [String: [VEXIdentifier]] = [:]
        for entry in [bom.root].compactMap({ $0 }) + bom.entries {
            let identifiers =
                [entry.purl.flatMap(PackageURL.init).map(VEXIdentifier.purl)].compactMap { $0 }
                + [entry.cpe.flatMap(CPEName.init).map(VEXIdentifier.cpe)].compactMap { $0 }
            if !identifiers.isEmpty, components[entry.ref] == nil { components[entry.ref] = identifiers }
        }
        let metadata = try fields.object(root["metadata"], at: "metadata")
        let documentTime = try fields.firstDate([(metadata?["timestamp"], "metadata.timestamp")])
        var statements: [VEXStatement] = []
        var warnings: [String] = []
        for (index, vulnerability) in try fields.array(root["vulnerabilities"], at: "vulnerabilities").enumerated() {
            let position = "vulnerabilities[\(index)]"
            guard let analysis = try fields.object(vulnerability["analysis"], at: position + ".analysis"),
                let state = try fields.string(analysis["state"], at: position + ".analysis.state")
            else { continue }
            guard let status = status(of: state) else {
                throw fields.invalid(
                    position + ".analysis.state",
                    "unknown state '\(state)' (expected resolved, resolved_with_pedigree, exploitable, in_triage, "
                        + "false_positive or not_affected)")
            }
            var products: [VEXProduct] = []
            for (affectIndex, affect) in try fields.array(vulnerability["affects"], at: position + ".affects")
                .enumerated()
            {
                let place = "\(position).affects[\(affectIndex)]"
                let ref = try fields.requiredString(affect["ref"], at: place, name: "ref")
                let reference = bomReference(ref)
                guard let identifiers = components[reference] ?? PackageURL(reference).map({ [.purl($0)] }) else {
                    warnings.append(
                        "\(path): \(place): ref '\(ref)' names no component of this document and is not a purl; "
                            + "it cannot be matched")
                    continue
                }
                let versions = try fields.array(affect["versions"], at: place + ".versions")
                let narrowed = try narrow(
                    identifiers, to: versions, status: status, at: place, fields: fields)
                warnings += narrowed.warnings
                if !narrowed.identifiers.isEmpty { products.append(VEXProduct(identifiers: narrowed.identifiers)) }
            }
            var ids = [try fields.string(vulnerability["id"], at: position + ".id")].compactMap { $0 }
            for (referenceIndex, reference) in try fields.array(
                vulnerability["references"], at: position + ".references"
            ).enumerated() {
                if let id = try fields.string(reference["id"], at: "\(position).references[\(referenceIndex)].id") {
                    ids.append(id)
                }
            }
            let responses = try fields.strings(analysis["response"], at: position + ".analysis.response")
            statements.append(
                VEXStatement(
                    vulnerabilityIDs: VEXFields.unique(ids), products: products, status: status,
                    justification: try fields.string(
                        analysis["justification"], at: position + ".analysis.justification"),
                    impactStatement: try fields.string(analysis["detail"], at: position + ".analysis.detail"),
                    actionStatement: responses.isEmpty ? nil : "response: \(responses.joined(separator: ", "))",
                    statusNotes: state == "false_positive" ? "CycloneDX analysis: false_positive" : nil,
                    timestamp: try fields.firstDate([
                        (analysis["lastUpdated"], position + ".analysis.lastUpdated"),
                        (analysis["firstIssued"], position + ".analysis.firstIssued"),
                        (vulnerability["updated"], position + ".updated"),
                    ]) ?? documentTime,
                    path: position + ".analysis"))
        }
        return VEXDocument(
            format: .cycloneDX, path: path, id: try fields.string(root["serialNumber"], at: "serialNumber"),
            author: nil, timestamp: documentTime, statements: statements, warnings: warnings)
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
        _ identifiers: [VEXIdentifier], to versions: [JSONValue], status: VEXStatus, at place: String,
        fields: VEXFields
    ) throws(VEXError) -> (identifiers: [VEXIdentifier], warnings: [String]) {
        guard !versions.isEmpty else { return (identifiers, []) }
        var warnings: [String] = []
        var exact: [String] = []
        for (index, entry) in versions.enumerated() {
            let at = "\(place).versions[\(index)]"
            // A version marked affected under a not_affected analysis contradicts it: it is not set aside.
            if status.setsAside, try fields.string(entry["status"], at: at + ".status") == "affected" { continue }
            if let version = try fields.string(entry["version"], at: at + ".version") {
                exact.append(version)
            } else if let range = try fields.string(entry["range"], at: at + ".range") {
                warnings.append(
                    "\(fields.file): \(place): version range '\(range)' is not evaluated; the statement does not apply to it"
                )
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
}
