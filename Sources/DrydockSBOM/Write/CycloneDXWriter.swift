import DrydockModel
import DrydockPolicy
import DrydockReport
import Foundation

/// Writes a scan as a CycloneDX 1.6 JSON BOM.
///
/// The scanned image or directory is `metadata.component`; the OS, each lockfile and every package are
/// `components` with `bom-ref`s (the package's purl where it is unique in the BOM) and purls; `dependencies`
/// holds the graph (root → OS and lockfiles → packages → their dependencies, OS package → the language
/// packages it installed); what matching needs and neither field holds is in `properties` (see
/// `docs/sbom.md`). With vulnerability results, `vulnerabilities` lists each with ratings, the affected
/// components and, when a VEX statement, exception or ignore rule decided it, an `analysis`.
public struct CycloneDXWriter: Sendable {
    /// Drydock's version, named in `metadata.tools`.
    public var toolVersion: String
    /// Whether `vulnerabilities` is written (vulnerability scanning was on).
    public var includeVulnerabilities: Bool

    public init(toolVersion: String, includeVulnerabilities: Bool = true) {
        self.toolVersion = toolVersion
        self.includeVulnerabilities = includeVulnerabilities
    }

    /// The BOM as UTF-8 JSON; `serialNumber` is new on each call.
    public func render(_ report: ScanReport, serialNumber: UUID = UUID()) -> [UInt8] {
        JSONWriter.write(document(report, serialNumber: serialNumber))
    }

    /// The BOM as a JSON value.
    public func document(_ report: ScanReport, serialNumber: UUID = UUID()) -> JSONValue {
        let graph = SBOMGraph(report)
        var bom = JSONObjectBuilder()
        bom.add("$schema", .string("http://cyclonedx.org/schema/bom-1.6.schema.json"))
        bom.add("bomFormat", .string("CycloneDX"))
        bom.add("specVersion", .string("1.6"))
        bom.add("serialNumber", .string("urn:uuid:" + serialNumber.uuidString.lowercased()))
        bom.add("version", .int(1))
        var tool = JSONObjectBuilder()
        tool.add("type", .string("application"))
        tool.add("name", .string("drydock"))
        tool.add("version", .string(toolVersion))
        var metadata = JSONObjectBuilder()
        metadata.add("timestamp", .string(ReportFields.timestamp(report.createdAt)))
        metadata.add("tools", .object([("components", .array([tool.value]))]))
        metadata.add("component", component(graph.root))
        bom.add("metadata", metadata.value)
        bom.add("components", .array(graph.components.map(component)))
        bom.add(
            "dependencies",
            .array(
                graph.allComponents.map { component -> JSONValue in
                    .object([
                        ("ref", .string(component.ref)),
                        ("dependsOn", .array((graph.edges[component.ref] ?? []).map(JSONValue.string))),
                    ])
                }))
        if includeVulnerabilities {
            bom.add("vulnerabilities", .array(CycloneDXVulnerabilities.entries(graph.findings)))
        }
        return bom.value
    }

    func component(_ component: SBOMComponent) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("bom-ref", .string(component.ref))
        object.add("type", .string(Self.type(component.kind)))
        object.add("group", string: component.group)
        object.add("name", .string(component.name))
        object.add("version", string: component.version)
        object.add("licenses", nonEmpty: Self.licenses(component.licenses))
        object.add("purl", string: component.purl)
        // Sorted by name as Trivy sorts them; values of one name keep their order (a package's licenses).
        let properties = component.properties.enumerated().sorted {
            ($0.element.cycloneDXName, $0.offset) < ($1.element.cycloneDXName, $1.offset)
        }.map(\.element)
        object.add(
            "properties",
            nonEmpty: .array(
                properties.map { property -> JSONValue in
                    .object([("name", .string(property.cycloneDXName)), ("value", .string(property.value))])
                }))
        return object.value
    }

    static func type(_ kind: SBOMComponent.Kind) -> String {
        switch kind {
        case .container: "container"
        case .directory, .application: "application"
        case .operatingSystem: "operating-system"
        case .library: "library"
        }
    }

    /// CycloneDX `licenses`: one `expression` when every license is SPDX and one is compound (compound
    /// ones with `OR` parenthesised before joining with `AND`); else one entry per license, `license.id`
    /// for a listed identifier and `license.name` for anything else (a `LicenseRef-`, a free-form name, a
    /// compound expression next to a name).
    static func licenses(_ licenses: [String]) -> JSONValue {
        let classified = licenses.filter { !$0.isEmpty }.map(SPDXLicenseExpression.init)
        let allSPDX = classified.allSatisfy { $0.spdx != nil }
        let hasCompound = classified.contains { if case .expression = $0 { true } else { false } }
        if allSPDX, hasCompound {
            let parts = classified.map { license -> String in
                let text = license.text
                return classified.count > 1 && text.contains(" OR ") ? "(\(text))" : text
            }
            return .array([.object([("expression", .string(parts.joined(separator: " AND ")))])])
        }
        return .array(
            classified.map { license -> JSONValue in
                if case .identifier(let id) = license, !id.hasPrefix("LicenseRef-"), !id.hasPrefix("DocumentRef-") {
                    return .object([("license", .object([("id", .string(id))]))])
                }
                return .object([("license", .object([("name", .string(license.text))]))])
            })
    }
}
