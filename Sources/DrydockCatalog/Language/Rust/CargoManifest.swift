import DrydockModel

/// What a project's `Cargo.toml` (one outside `vendor` folders and Cargo's registry sources) says: the
/// crate's name and version, the crates it depends on for builds that ship and for development only, and its
/// workspace. Read only to complete the `Cargo.lock` beside it (`CargoProject`), never reported on its own.
public struct CargoManifest: Sendable, Hashable, Codable {
    /// `[package] name`, when the manifest is a crate (a virtual workspace has none).
    public var name: String?
    /// `[package] version`; `nil` with `version.workspace = true` or no version (then the workspace's).
    public var version: String?
    /// `[workspace.package] version`, which members inherit.
    public var workspaceVersion: String?
    /// Crates named in `[dependencies]`, `[target.*.dependencies]` and `[workspace.dependencies]` (by the
    /// name the lockfile uses: `package = "…"` when renamed).
    public var dependencies: Set<String>
    /// Crates named only for development and build scripts: `[dev-dependencies]`, `[build-dependencies]` and
    /// their `[target.*]` forms.
    public var developmentDependencies: Set<String>
    /// `[workspace] members`: globs relative to the manifest's folder.
    public var members: [String]
    /// Why the file could not be read, when it could not: the lockfile beside it then says so.
    public var problem: String?

    /// Creates a manifest.
    public init(
        name: String? = nil, version: String? = nil, workspaceVersion: String? = nil,
        dependencies: Set<String> = [], developmentDependencies: Set<String> = [], members: [String] = [],
        problem: String? = nil
    ) {
        self.name = name
        self.version = version
        self.workspaceVersion = workspaceVersion
        self.dependencies = dependencies
        self.developmentDependencies = developmentDependencies
        self.members = members
        self.problem = problem
    }

    /// Reads a project's `Cargo.toml`. Never throws: a file that cannot be read becomes a manifest holding
    /// only its `problem`, reported only when a `Cargo.lock` beside it needs it.
    public static func parse(_ bytes: [UInt8], path: String) -> LanguageFile {
        let manifest: CargoManifest
        do {
            let root = try TOMLReader.parse(bytes, path: path)
            var targets: [TreeValue] = [root]
            for (_, target) in root["target"]?.entries ?? [] { targets.append(target) }
            var dependencies = Set(targets.flatMap { names($0["dependencies"]) })
            dependencies.formUnion(names(root["workspace"]?["dependencies"]))
            let development = Set(
                targets.flatMap { names($0["dev-dependencies"]) + names($0["build-dependencies"]) })
            manifest = CargoManifest(
                name: root["package"]?["name"]?.string, version: root["package"]?["version"]?.string,
                workspaceVersion: root["workspace"]?["package"]?["version"]?.string,
                dependencies: dependencies, developmentDependencies: development.subtracting(dependencies),
                members: (root["workspace"]?["members"]?.array ?? []).compactMap(\.string))
        } catch {
            manifest = CargoManifest(problem: "\(error)")
        }
        return LanguageFile(type: .cargoProject, packages: [], project: .cargoManifest(manifest))
    }

    /// The crate names of a dependency table: the key, or `package = "…"` for a renamed dependency.
    private static func names(_ table: TreeValue?) -> [String] {
        (table?.entries ?? []).map { key, value in value["package"]?.string ?? key }
    }
}
