import DrydockLicenses
import DrydockModel
import DrydockPolicy
import DrydockReport
import Foundation

/// Writes a scan as an SPDX 2.3 JSON document.
///
/// The scanned artifact is the package the document `DESCRIBES`; it `CONTAINS` the OS, each lockfile's
/// project and the packages of installed metadata; the OS and projects `CONTAINS` their packages; a
/// package `DEPENDS_ON` its dependencies, and an OS package `CONTAINS` the language packages it installed.
/// Packages carry their purl as a `PACKAGE-MANAGER` external reference, licenses as SPDX expressions
/// (`NOASSERTION` when none is declared; names SPDX does not list become `LicenseRef-` entries of
/// `hasExtractedLicensingInfos`), and the facts matching needs as annotations (`docs/sbom.md`).
public struct SPDXWriter: Sendable {
    /// Drydock's version, named in `creationInfo.creators` and the annotations.
    public var toolVersion: String

    public init(toolVersion: String) {
        self.toolVersion = toolVersion
    }

    /// The document as UTF-8 JSON; the namespace holds `documentID`, new on each call.
    public func render(_ report: ScanReport, documentID: UUID = UUID()) -> [UInt8] {
        JSONWriter.write(document(report, documentID: documentID))
    }

    /// The document as a JSON value.
    public func document(_ report: ScanReport, documentID: UUID = UUID()) -> JSONValue {
        let graph = SBOMGraph(report)
        let created = ReportFields.timestamp(report.createdAt)
        var ids = SPDXIdentifiers()
        var extracted: [String: String] = [:]
        var packages: [JSONValue] = []
        for component in graph.allComponents {
            let id = ids.id(for: component)
            packages.append(package(component, id: id, created: created, extracted: &extracted))
        }
        var relationships: [JSONValue] = [
            relationship("SPDXRef-DOCUMENT", "DESCRIBES", ids.id(for: graph.root))
        ]
        let libraries = Set(graph.components.filter { $0.kind == .library }.map(\.ref))
        let owned = Set(graph.components.filter { $0.package?.installedBy != nil }.map(\.ref))
        for component in graph.allComponents {
            for target in graph.edges[component.ref] ?? [] {
                // Packages depend on packages; everything else (artifact, OS, projects, an OS package and the
                // language packages it installed) is containment.
                let dependency =
                    libraries.contains(component.ref) && libraries.contains(target) && !owned.contains(target)
                relationships.append(
                    relationship(
                        ids.id(forRef: component.ref), dependency ? "DEPENDS_ON" : "CONTAINS", ids.id(forRef: target)))
            }
        }
        var document = JSONObjectBuilder()
        document.add("spdxVersion", .string("SPDX-2.3"))
        document.add("dataLicense", .string("CC0-1.0"))
        document.add("SPDXID", .string("SPDXRef-DOCUMENT"))
        document.add("name", .string(report.artifact.name))
        document.add("documentNamespace", .string(Self.namespace(report.artifact, documentID: documentID)))
        document.add(
            "creationInfo",
            .object([
                ("creators", .array([.string("Organization: Drydock"), .string("Tool: drydock-\(toolVersion)")])),
                ("created", .string(created)),
                (
                    "licenseListVersion",
                    .string(
                        DrydockLicenses.SPDXIdentifiers.listVersion.split(separator: ".").prefix(2).joined(
                            separator: "."))
                ),
            ]))
        document.add("packages", .array(packages))
        document.add("relationships", .array(relationships))
        document.add(
            "hasExtractedLicensingInfos",
            nonEmpty: .array(
                extracted.keys.sorted().map { ref in
                    .object([
                        ("licenseId", .string(ref)), ("extractedText", .string(extracted[ref] ?? ref)),
                        ("name", .string(extracted[ref] ?? ref)),
                    ])
                }))
        return document.value
    }

    func package(
        _ component: SBOMComponent, id: String, created: String, extracted: inout [String: String]
    ) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("name", .string(Self.name(component)))
        object.add("SPDXID", .string(id))
        object.add("versionInfo", string: component.version)
        if component.kind == .library { object.add("supplier", .string("NOASSERTION")) }
        object.add("downloadLocation", .string("NOASSERTION"))
        object.add("filesAnalyzed", .bool(false))
        if let source = Self.sourceInfo(component) { object.add("sourceInfo", .string(source)) }
        let license = component.kind == .library ? Self.license(component.licenses, extracted: &extracted) : nil
        object.add("licenseConcluded", .string(license ?? "NOASSERTION"))
        object.add("licenseDeclared", .string(license ?? "NOASSERTION"))
        object.add("copyrightText", .string("NOASSERTION"))
        if let purl = component.purl {
            object.add(
                "externalRefs",
                .array([
                    .object([
                        ("referenceCategory", .string("PACKAGE-MANAGER")), ("referenceType", .string("purl")),
                        ("referenceLocator", .string(purl)),
                    ])
                ]))
        }
        object.add("primaryPackagePurpose", .string(Self.purpose(component.kind)))
        object.add(
            "annotations",
            nonEmpty: .array(
                component.properties.map { property in
                    .object([
                        ("annotator", .string("Tool: drydock-\(toolVersion)")),
                        ("annotationDate", .string(created)), ("annotationType", .string("OTHER")),
                        ("comment", .string("\(property.spdxKey): \(property.value)")),
                    ])
                }))
        return object.value
    }

    /// Trivy's package names: `group:name` for Maven, `group/name` for other grouped names.
    static func name(_ component: SBOMComponent) -> String {
        guard let group = component.group else { return component.name }
        return component.purl?.hasPrefix("pkg:maven/") == true
            ? "\(group):\(component.name)" : "\(group)/\(component.name)"
    }

    /// `built package from: SOURCE VERSION` for OS packages with a source package, as Trivy writes it.
    static func sourceInfo(_ component: SBOMComponent) -> String? {
        guard let package = component.package, package.sourceName != nil || package.sourceVersion != nil else {
            return nil
        }
        return "built package from: \(package.advisoryName) \(package.advisoryVersion)"
    }

    static func purpose(_ kind: SBOMComponent.Kind) -> String {
        switch kind {
        case .container: "CONTAINER"
        case .directory: "SOURCE"
        case .operatingSystem: "OPERATING-SYSTEM"
        case .application: "APPLICATION"
        case .library: "LIBRARY"
        }
    }

    /// The licenses as one SPDX expression (joined with `AND`, compound parts parenthesised), names
    /// replaced by `LicenseRef-`s recorded in `extracted`; `nil` when none is declared.
    static func license(_ licenses: [String], extracted: inout [String: String]) -> String? {
        let parts = licenses.filter { !$0.isEmpty }.map { text -> String in
            let classified = SPDXLicenseExpression(text)
            switch classified {
            case .identifier(let id):
                if id.hasPrefix("LicenseRef-") { extracted[id] = extracted[id] ?? text }
                return id
            case .expression(let expression):
                return licenses.count > 1 ? "(\(expression))" : expression
            case .name(let name):
                let ref = SPDXLicenseExpression.licenseRef(for: name)
                extracted[ref] = extracted[ref] ?? name
                return ref
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: " AND ")
    }

    /// A URI unique to this document: the artifact's type and name, and `documentID`.
    static func namespace(_ artifact: ArtifactMetadata, documentID: UUID) -> String {
        let name = artifact.name.unicodeScalars.map { scalar -> String in
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || ".-_".unicodeScalars.contains(scalar))
                ? String(scalar) : "-"
        }.joined()
        return "https://drydock.dev/spdx/\(artifact.type)/\(name)-\(documentID.uuidString.lowercased())"
    }

    func relationship(_ element: String, _ type: String, _ related: String) -> JSONValue {
        .object([
            ("spdxElementId", .string(element)), ("relationshipType", .string(type)),
            ("relatedSpdxElement", .string(related)),
        ])
    }
}

/// SPDX element IDs for components: `SPDXRef-KIND-` and a hash of the ref, unique in the document.
struct SPDXIdentifiers {
    private var byRef: [String: String] = [:]
    private var used: Set<String> = []

    mutating func id(for component: SBOMComponent) -> String {
        if let known = byRef[component.ref] { return known }
        let kind: String
        switch component.kind {
        case .container: kind = "ContainerImage"
        case .directory: kind = "Filesystem"
        case .operatingSystem: kind = "OperatingSystem"
        case .application: kind = "Application"
        case .library: kind = "Package"
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in component.ref.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        var candidate = "SPDXRef-\(kind)-" + String(hash, radix: 16)
        var counter = 1
        while !used.insert(candidate).inserted {
            counter += 1
            candidate = "SPDXRef-\(kind)-" + String(hash, radix: 16) + "-\(counter)"
        }
        byRef[component.ref] = candidate
        return candidate
    }

    /// The ID already given to the component with `ref`.
    func id(forRef ref: String) -> String { byRef[ref] ?? "SPDXRef-DOCUMENT" }
}
