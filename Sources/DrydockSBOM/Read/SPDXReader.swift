import DrydockReport
import Foundation

/// Reads an SPDX 2.2 or 2.3 JSON document into components and their relationships.
///
/// Package annotations `KEY: VALUE` (Trivy's and Drydock's) become properties; `sourceInfo` of the form
/// `built package from: NAME VERSION` gives the source package when no property does; a package that
/// `CONTAINS` a file takes the file's name as its file path when no property gives one. `DEPENDENCY_OF`
/// is read as the reverse `DEPENDS_ON`. `LicenseRef-`s are replaced by the names their
/// `hasExtractedLicensingInfos` entries give.
enum SPDXReader {
    static func read(_ document: JSONValue, path: String) throws(SBOMError) -> DecodedSBOM {
        let version = document.string("spdxVersion") ?? ""
        guard version == "SPDX-2.2" || version == "SPDX-2.3" else {
            throw SBOMError(
                code: .unsupportedVersion, path: path,
                reason: "spdxVersion '\(version)' is not supported (Drydock reads SPDX-2.2 and SPDX-2.3)",
                location: "spdxVersion")
        }
        var extracted: [String: String] = [:]
        for info in document["hasExtractedLicensingInfos"]?.elements ?? [] {
            if let id = info.string("licenseId") {
                extracted[id] = info.string("name") ?? info.string("extractedText") ?? id
            }
        }
        var files: [String: String] = [:]
        for file in document["files"]?.elements ?? [] {
            if let id = file.string("SPDXID"), let name = file.string("fileName") { files[id] = name }
        }
        var entries: [DecodedSBOM.Entry] = []
        for (index, package) in (document["packages"]?.elements ?? []).enumerated() {
            guard let id = package.string("SPDXID"), let name = package.string("name") else {
                throw SBOMError(
                    code: .invalidDocument, path: path, reason: "a package needs an SPDXID and a name",
                    location: "packages[\(index)]")
            }
            entries.append(entry(package, id: id, name: name, extracted: extracted))
        }
        var edges: [String: [String]] = [:]
        var described: [String] = document["documentDescribes"]?.elements.compactMap(\.stringValue) ?? []
        func edge(_ from: String, _ to: String) {
            if edges[from]?.contains(to) != true { edges[from, default: []].append(to) }
        }
        var fileOf: [String: String] = [:]
        for relationship in document["relationships"]?.elements ?? [] {
            guard let element = relationship.string("spdxElementId"),
                let related = relationship.string("relatedSpdxElement"),
                let type = relationship.string("relationshipType")
            else { continue }
            switch type {
            case "DESCRIBES" where element == "SPDXRef-DOCUMENT": described.append(related)
            case "DESCRIBED_BY" where related == "SPDXRef-DOCUMENT": described.append(element)
            case "CONTAINS", "DEPENDS_ON":
                if let file = files[related] {
                    if fileOf[element] == nil { fileOf[element] = file }
                } else {
                    edge(element, related)
                }
            case "CONTAINED_BY", "DEPENDENCY_OF": edge(related, element)
            default: continue
            }
        }
        for index in entries.indices {
            if entries[index].property(.trivy, PropertyName.filePath) == nil, let file = fileOf[entries[index].ref] {
                entries[index].properties.append(SBOMProperty(.trivy, PropertyName.filePath, file))
            }
        }
        var root: DecodedSBOM.Entry?
        if let rootID = described.first, let index = entries.firstIndex(where: { $0.ref == rootID }) {
            root = entries.remove(at: index)
        }
        return DecodedSBOM(format: version, artifactType: "spdx", root: root, entries: entries, edges: edges)
    }

    static func entry(_ package: JSONValue, id: String, name: String, extracted: [String: String]) -> DecodedSBOM.Entry
    {
        var entry = DecodedSBOM.Entry(
            ref: id, kind: kind(package, id: id), name: name, version: package.string("versionInfo"))
        for reference in package["externalRefs"]?.elements ?? [] where reference.string("referenceType") == "purl" {
            entry.purl = reference.string("referenceLocator")
            break
        }
        for annotation in package["annotations"]?.elements ?? [] {
            guard let comment = annotation.string("comment"), let separator = comment.range(of: ": ") else { continue }
            entry.properties.append(
                SBOMProperty(
                    writtenName: String(comment[..<separator.lowerBound]),
                    value: String(comment[separator.upperBound...])))
        }
        let declared = [package.string("licenseDeclared"), package.string("licenseConcluded")].compactMap { $0 }
        if let license = declared.first(where: { $0 != "NOASSERTION" && $0 != "NONE" }) {
            entry.licenses = [extracted[license] ?? license]
        }
        // Drydock's own documents say exactly which source facts were recorded, in properties.
        if entry.property(.trivy, PropertyName.srcName) == nil, entry.property(.drydock, PropertyName.ecosystem) == nil,
            let source = package.string("sourceInfo"),
            source.hasPrefix("built package from: ")
        {
            let parts = source.dropFirst("built package from: ".count).split(separator: " ", maxSplits: 1)
            if let sourceName = parts.first {
                entry.properties.append(SBOMProperty(.trivy, PropertyName.srcName, String(sourceName)))
            }
            if parts.count == 2 {
                entry.properties.append(SBOMProperty(.trivy, PropertyName.srcVersion, String(parts[1])))
            }
        }
        return entry
    }

    /// From `primaryPackagePurpose` (SPDX 2.3), else from Trivy's SPDX ID prefixes.
    static func kind(_ package: JSONValue, id: String) -> SBOMComponent.Kind? {
        switch package.string("primaryPackagePurpose") {
        case "OPERATING-SYSTEM": return .operatingSystem
        case "CONTAINER": return .container
        case "SOURCE": return .directory
        case "APPLICATION": return .application
        case "LIBRARY", "FRAMEWORK": return .library
        default: break
        }
        if id.hasPrefix("SPDXRef-OperatingSystem") { return .operatingSystem }
        if id.hasPrefix("SPDXRef-Application") { return .application }
        if id.hasPrefix("SPDXRef-ContainerImage") { return .container }
        return .library
    }
}
