import DrydockLicenses
import DrydockModel

/// The parts of a Maven `pom.xml` that decide which artifacts a project uses.
public struct PomFile: Sendable, Hashable, Codable {
    /// One `<dependency>`.
    public struct Dependency: Sendable, Hashable, Codable {
        /// `groupId`, as written (may hold `${…}`).
        public var groupID: String
        /// `artifactId`, as written.
        public var artifactID: String
        /// `version`, as written; `nil` when managed elsewhere.
        public var version: String?
        /// `scope` (`compile` when absent).
        public var scope: String?
        /// `type` (`jar` when absent; `pom` for BOM imports).
        public var type: String?
        /// `true` for `<optional>true</optional>`: not part of what the project ships unless asked for.
        public var optional: Bool? = nil
    }

    /// The project's `groupId` (inherited from the parent when absent).
    public var groupID: String?
    /// The project's `artifactId`.
    public var artifactID: String?
    /// The project's `version` (inherited from the parent when absent).
    public var version: String?
    /// The `<parent>` coordinate and `relativePath` (default `../pom.xml`).
    public var parent: Dependency?
    /// The parent's `relativePath`.
    public var parentRelativePath: String?
    /// `<properties>`.
    public var properties: [String: String]
    /// `<dependencies>`.
    public var dependencies: [Dependency]
    /// `<dependencyManagement><dependencies>`.
    public var managedDependencies: [Dependency]
    /// `<licenses>`: each license's `<name>`, or its `<url>` when that is a known license's page (Trivy reads
    /// them the same way); empty when the POM names none (a parent's then apply).
    public var licenses: [String] = []
}

/// Parses Maven `pom.xml` files (Trivy type `pom`) and resolves their dependencies without any network
/// access.
///
/// Resolution uses the POM itself, the parent POMs the caller supplies (read from the scanned files:
/// `relativePath`, default `../pom.xml`, or a Maven local repository; see `ProjectResolver`) and the BOMs
/// a local repository holds: properties (`${name}`, `${project.version}`, `${project.parent.version}`, …),
/// inherited group, version and dependencies, and `dependencyManagement` (BOM imports included) for
/// dependencies without a version. Only `compile` and `runtime` dependencies that are not optional are listed
/// (``ships(_:)``, as Trivy); transitive dependencies are not resolved, and a dependency whose version
/// stays unknown is skipped with a warning. Licenses are the project's `<licenses>` (inherited from its
/// parents when it names none) and, for dependencies, those of their POMs in a local repository in the tree.
public enum PomParser {
    /// Parses `bytes`. Throws `CatalogError` (`malformed-database`) when they are not XML with a
    /// `<project>` root.
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> PomFile {
        let root: XMLElement
        do {
            root = try XMLElement.parse(bytes)
        } catch {
            throw CatalogError(code: .malformedDatabase, reason: "not well-formed XML: \(error.reason)", location: path)
        }
        guard root.name == "project" else {
            throw CatalogError(
                code: .malformedDatabase, reason: "root element is <\(root.name)>, not <project>", location: path)
        }
        func dependency(_ element: XMLElement) -> PomFile.Dependency? {
            guard let group = element.value("groupId"), let artifact = element.value("artifactId") else { return nil }
            return PomFile.Dependency(
                groupID: group, artifactID: artifact, version: element.value("version"), scope: element.value("scope"),
                type: element.value("type"), optional: element.value("optional") == "true" ? true : nil)
        }
        var properties: [String: String] = [:]
        for property in root.child("properties")?.children ?? [] { properties[property.name] = property.text }
        let parentElement = root.child("parent")
        return PomFile(
            groupID: root.value("groupId"), artifactID: root.value("artifactId"), version: root.value("version"),
            parent: parentElement.flatMap(dependency), parentRelativePath: parentElement?.value("relativePath"),
            properties: properties,
            dependencies: (root.child("dependencies")?.children("dependency") ?? []).compactMap(dependency),
            managedDependencies: (root.child("dependencyManagement")?.child("dependencies")?.children("dependency")
                ?? [])
                .compactMap(dependency),
            licenses: (root.child("licenses")?.children("license") ?? []).compactMap(licenseName))
    }

    /// A `<license>`'s name, or its URL when that is the page of a license Drydock knows.
    static func licenseName(_ license: XMLElement) -> String? {
        if let name = license.value("name")?.trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty {
            return name
        }
        guard let url = license.value("url")?.trimmingCharacters(in: .whitespacesAndNewlines), !url.isEmpty,
            LicenseNames.known(url) != nil
        else { return nil }
        return url
    }

    /// The licenses of `pom`: its own, else the nearest of `parents` (nearest first) that names some, as Maven
    /// inherits them.
    static func licenses(of pom: PomFile, parents: [PomFile]) -> [String] {
        ([pom] + parents).first { !$0.licenses.isEmpty }?.licenses ?? []
    }

    /// The licenses of artifact `group:artifact:version` from its POM in `repository`, inheriting from parent
    /// POMs found there too (eight levels at most).
    static func repositoryLicenses(
        _ group: String, _ artifact: String, _ version: String, repository: (String, String, String) -> PomFile?
    ) -> [String] {
        var coordinate: (String, String, String)? = (group, artifact, version)
        for _ in 0..<8 {
            guard let (group, artifact, version) = coordinate, let pom = repository(group, artifact, version) else {
                return []
            }
            if !pom.licenses.isEmpty { return pom.licenses }
            coordinate = pom.parent.flatMap { parent in
                parent.version.map { (parent.groupID, parent.artifactID, $0) }
            }
        }
        return []
    }

    /// Where the parent POM of the POM at `path` is expected among the scanned files: `relativePath`
    /// (a folder means its `pom.xml`), default `../pom.xml`, normalised against `path`'s folder.
    public static func parentPath(of pom: PomFile, at path: String) -> String? {
        guard pom.parent != nil else { return nil }
        var relative = pom.parentRelativePath ?? "../pom.xml"
        if relative.isEmpty { return nil }
        if !relative.hasSuffix(".xml") { relative += relative.hasSuffix("/") ? "pom.xml" : "/pom.xml" }
        var components = path.split(separator: "/").dropLast().map(String.init)
        for component in relative.split(separator: "/") {
            if component == ".." {
                guard !components.isEmpty else { return nil }
                components.removeLast()
            } else if component != "." {
                components.append(String(component))
            }
        }
        return components.joined(separator: "/")
    }

    /// The packages of `pom`: the project itself (relationship `root`, depending on the others) and its non-test
    /// dependencies (`direct`), resolved with `parents`
    /// (nearest first). A parent is used only when its coordinate matches the `<parent>` it stands for.
    ///
    /// `repository` looks up a POM by group, artifact and version in a Maven local repository inside the
    /// scanned tree: BOMs imported with `<scope>import</scope>` are read from it.
    public static func packages(
        _ pom: PomFile, parents: [PomFile] = [], path: String,
        repository: (String, String, String) -> PomFile? = { _, _, _ in nil }
    ) -> (packages: [Package], warnings: [CatalogWarning]) {
        var chain: [PomFile] = []
        var expected = pom.parent
        for parent in parents {
            guard let wanted = expected, parent.artifactID == wanted.artifactID else { break }
            chain.append(parent)
            expected = parent.parent
        }
        var properties: [String: String] = [:]
        for file in ([pom] + chain).reversed() { properties.merge(file.properties) { _, new in new } }
        var managed: [String: String] = [:]
        for file in ([pom] + chain).reversed() {
            // A POM's own entries win over the BOMs it imports.
            for dependency in file.managedDependencies where dependency.scope == "import" {
                guard let group = resolve(dependency.groupID, properties),
                    let artifact = resolve(dependency.artifactID, properties),
                    let version = dependency.version.flatMap({ resolve($0, properties) })
                else { continue }
                managed.merge(bomVersions(group, artifact, version, repository: repository, depth: 0)) { _, new in new }
            }
            for dependency in file.managedDependencies where dependency.scope != "import" {
                if let version = dependency.version {
                    managed["\(dependency.groupID):\(dependency.artifactID)"] = version
                }
            }
        }
        let groupID = pom.groupID ?? pom.parent?.groupID ?? ""
        let version = pom.version ?? pom.parent?.version ?? ""
        for (key, value) in [("groupId", groupID), ("artifactId", pom.artifactID ?? ""), ("version", version)] {
            properties["project.\(key)"] = value
            properties["pom.\(key)"] = value
        }
        if let parent = pom.parent {
            properties["project.parent.groupId"] = parent.groupID
            properties["project.parent.version"] = parent.version ?? ""
        }
        var packages: [Package] = []
        var warnings: [CatalogWarning] = []
        if let artifact = pom.artifactID, let resolved = resolve(version, properties), !resolved.isEmpty,
            let group = resolve(groupID, properties)
        {
            var project = MavenArtifact(groupID: group, artifactID: artifact, version: resolved).package(filePath: path)
            project.relationship = .root
            project.licenses = licenses(of: pom, parents: chain)
            packages.append(project)
        }
        // Dependencies declared by parents are inherited; the child's own declaration of one wins.
        var declared: Set<String> = []
        let inherited = ([pom] + chain).flatMap(\.dependencies).filter {
            declared.insert("\($0.groupID):\($0.artifactID)").inserted
        }
        for dependency in inherited where Self.ships(dependency) {
            guard let group = resolve(dependency.groupID, properties),
                let artifact = resolve(dependency.artifactID, properties)
            else {
                warnings.append(
                    CatalogWarning(
                        path: path,
                        message: "\(dependency.groupID):\(dependency.artifactID): unresolved property; skipped"))
                continue
            }
            let written =
                dependency.version ?? managed["\(dependency.groupID):\(dependency.artifactID)"]
                ?? managed["\(group):\(artifact)"]
            guard let written, let version = resolve(written, properties).flatMap(softVersion) else {
                warnings.append(
                    CatalogWarning(
                        path: path,
                        message:
                            "\(group):\(artifact): version unknown without its parent POM, a BOM or a version range resolution; skipped"
                    ))
                continue
            }
            var package = MavenArtifact(groupID: group, artifactID: artifact, version: version).package(filePath: path)
            package.relationship = .direct
            package.licenses = repositoryLicenses(group, artifact, version, repository: repository)
            packages.append(package)
        }
        // The project depends on its direct dependencies (theirs are not resolved: that needs their POMs).
        if packages.first?.relationship == .root {
            packages[0].dependsOn = Set(packages.dropFirst().map(\.id)).sorted()
        }
        return (packages, warnings)
    }

    /// Whether a declared dependency is part of what the project ships, as Trivy counts them: scope `compile`
    /// (the default) or `runtime`, and not optional. `test`, `provided` (the runtime supplies it), `system` and
    /// `import` dependencies, and optional ones, are left out.
    static func ships(_ dependency: PomFile.Dependency) -> Bool {
        let scope = dependency.scope ?? "compile"
        return (scope.isEmpty || scope == "compile" || scope == "runtime") && dependency.optional != true
    }

    /// The managed versions of the BOM `group:artifact:version` found in `repository`, its own imports
    /// included (four levels at most), each resolved with the BOM's own properties.
    static func bomVersions(
        _ group: String, _ artifact: String, _ version: String,
        repository: (String, String, String) -> PomFile?, depth: Int
    ) -> [String: String] {
        guard depth < 4, let bom = repository(group, artifact, version) else { return [:] }
        var properties = bom.properties
        for (key, value) in [("groupId", group), ("artifactId", artifact), ("version", version)] {
            properties["project.\(key)"] = value
            properties["pom.\(key)"] = value
        }
        var managed: [String: String] = [:]
        for dependency in bom.managedDependencies {
            guard let group = resolve(dependency.groupID, properties),
                let artifact = resolve(dependency.artifactID, properties),
                let version = dependency.version.flatMap({ resolve($0, properties) })
            else { continue }
            if dependency.scope == "import" {
                managed.merge(bomVersions(group, artifact, version, repository: repository, depth: depth + 1)) {
                    current, _ in current
                }
            } else {
                managed["\(group):\(artifact)"] = version
            }
        }
        return managed
    }

    /// Replaces `${name}` references, recursively (ten rounds at most); `nil` when one stays unresolved.
    static func resolve(_ text: String, _ properties: [String: String]) -> String? {
        var current = text
        for _ in 0..<10 {
            guard let open = current.range(of: "${") else { return current }
            guard let close = current[open.upperBound...].firstIndex(of: "}") else { return nil }
            let name = String(current[open.upperBound..<close])
            guard let value = properties[name] else { return nil }
            current.replaceSubrange(open.lowerBound...close, with: value)
        }
        return current.contains("${") ? nil : current
    }

    /// A soft requirement (`1.2.3`) or an exact range (`[1.2.3]`) gives its version; other ranges give `nil`.
    static func softVersion(_ version: String) -> String? {
        if version.hasPrefix("["), version.hasSuffix("]"), !version.contains(",") {
            return String(version.dropFirst().dropLast())
        }
        if version.hasPrefix("[") || version.hasPrefix("(") || version.isEmpty { return nil }
        return version
    }
}
