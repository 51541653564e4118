import DrydockReport

/// Reads a CycloneDX JSON BOM (spec 1.2 to 1.6) into components and their dependency graph.
///
/// Nested components are flattened, each contained by its parent; components without a `bom-ref` get one.
enum CycloneDXReader {
    static let versions: Set<String> = ["1.2", "1.3", "1.4", "1.5", "1.6"]

    static func read(_ document: JSONValue, path: String) throws(SBOMError) -> DecodedSBOM {
        let version = document.string("specVersion") ?? ""
        guard versions.contains(version) else {
            throw SBOMError(
                code: .unsupportedVersion, path: path,
                reason: "CycloneDX specVersion '\(version)' is not supported (Drydock reads 1.2 to 1.6)",
                location: "specVersion")
        }
        var reader = State(path: path)
        var root: DecodedSBOM.Entry?
        if let component = document["metadata"]?["component"], component.isObject {
            root = try reader.entry(component, location: "metadata.component")
            reader.nested(component, parent: root?.ref ?? "", location: "metadata.component")
        }
        for (index, component) in (document["components"]?.elements ?? []).enumerated() {
            try reader.add(component, parent: nil, location: "components[\(index)]")
        }
        for dependency in document["dependencies"]?.elements ?? [] {
            guard let ref = dependency.string("ref") else { continue }
            for target in dependency["dependsOn"]?.elements.compactMap(\.stringValue) ?? [] {
                reader.edge(ref, target)
            }
        }
        return DecodedSBOM(
            format: "CycloneDX \(version)", artifactType: "cyclonedx", root: root, entries: reader.entries,
            edges: reader.edges)
    }

    private struct State {
        let path: String
        var entries: [DecodedSBOM.Entry] = []
        var edges: [String: [String]] = [:]
        var generated = 0

        init(path: String) { self.path = path }

        mutating func edge(_ from: String, _ to: String) {
            if edges[from]?.contains(to) != true { edges[from, default: []].append(to) }
        }

        mutating func add(_ component: JSONValue, parent: String?, location: String) throws(SBOMError) {
            let entry = try entry(component, location: location)
            entries.append(entry)
            if let parent { edge(parent, entry.ref) }
            for (index, child) in (component["components"]?.elements ?? []).enumerated() {
                try add(child, parent: entry.ref, location: "\(location).components[\(index)]")
            }
        }

        /// The metadata component's nested components (rare) are read like top-level ones.
        mutating func nested(_ component: JSONValue, parent: String, location: String) {
            for (index, child) in (component["components"]?.elements ?? []).enumerated() {
                try? add(child, parent: parent, location: "\(location).components[\(index)]")
            }
        }

        mutating func entry(_ component: JSONValue, location: String) throws(SBOMError) -> DecodedSBOM.Entry {
            guard component.isObject, let name = component.string("name") else {
                throw SBOMError(
                    code: .invalidDocument, path: path, reason: "a component needs a name", location: location)
            }
            let ref: String
            if let given = component.string("bom-ref") {
                ref = given
            } else {
                generated += 1
                ref = "drydock-generated-\(generated)"
            }
            var entry = DecodedSBOM.Entry(
                ref: ref, kind: Self.kind(component.string("type")), name: name, group: component.string("group"),
                version: component.string("version"), purl: component.string("purl"), cpe: component.string("cpe"))
            for license in component["licenses"]?.elements ?? [] {
                if let expression = license.string("expression") {
                    entry.licenses.append(expression)
                } else if let text = license["license"]?.string("id") ?? license["license"]?.string("name") {
                    entry.licenses.append(text)
                }
            }
            for property in component["properties"]?.elements ?? [] {
                guard let name = property.string("name") else { continue }
                entry.properties.append(SBOMProperty(writtenName: name, value: property["value"]?.stringValue ?? ""))
            }
            return entry
        }

        static func kind(_ type: String?) -> SBOMComponent.Kind? {
            switch type {
            case "container": .container
            case "operating-system": .operatingSystem
            case "application": .application
            case "library", "framework": .library
            default: nil
            }
        }
    }
}
