import DrydockModel

/// What a project's `package.json` (one outside `node_modules`) says about the project: its own name,
/// version and licenses, the dependencies it declares, and its workspaces. Read only to complete the
/// `yarn.lock` beside it (`YarnProject`), never reported on its own.
public struct NodeManifest: Sendable, Hashable, Codable {
    /// `name`, when given.
    public var name: String?
    /// `version`, when given.
    public var version: String?
    /// `license` / `licenses`.
    public var licenses: [String]
    /// `dependencies` and `optionalDependencies`: name → range, as written.
    public var dependencies: [String: String]
    /// `devDependencies`: name → range.
    public var devDependencies: [String: String]
    /// `workspaces` (a list, or Yarn's `{ "packages": [...] }`): globs relative to the manifest's folder.
    public var workspaces: [String]
    /// Why the file could not be read, when it could not: the lockfile beside it then says so.
    public var problem: String?

    /// Creates a manifest.
    public init(
        name: String? = nil, version: String? = nil, licenses: [String] = [], dependencies: [String: String] = [:],
        devDependencies: [String: String] = [:], workspaces: [String] = [], problem: String? = nil
    ) {
        self.name = name
        self.version = version
        self.licenses = licenses
        self.dependencies = dependencies
        self.devDependencies = devDependencies
        self.workspaces = workspaces
        self.problem = problem
    }

    /// Reads a project's `package.json`. Never throws: a file that is not a JSON object becomes a manifest
    /// holding only its `problem`, reported only when a `yarn.lock` beside it needs it.
    public static func parse(_ bytes: [UInt8], path: String) -> LanguageFile {
        let manifest: NodeManifest
        do {
            let root = try TreeValue.json(bytes, path: path)
            guard root.entries != nil else {
                throw CatalogError(code: .malformedLockfile, reason: "not a JSON object", location: path)
            }
            manifest = NodeManifest(
                name: nonEmpty(root["name"]?.string), version: nonEmpty(root["version"]?.string),
                licenses: PackageLockParser.licenses(root),
                dependencies: ranges(root["dependencies"]).merging(ranges(root["optionalDependencies"])) { $1 },
                devDependencies: ranges(root["devDependencies"]),
                workspaces: (root["workspaces"]?.array ?? root["workspaces"]?["packages"]?.array ?? []).compactMap(
                    \.string))
        } catch {
            manifest = NodeManifest(problem: "\(error)")
        }
        return LanguageFile(type: .nodeManifest, packages: [], project: .nodeManifest(manifest))
    }

    private static func ranges(_ value: TreeValue?) -> [String: String] {
        var ranges: [String: String] = [:]
        for (name, range) in value?.entries ?? [] {
            if let range = range.string { ranges[name] = range }
        }
        return ranges
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}

/// A `yarn.lock`'s descriptors: `name@range` as written in block headers (`jquery@^3.2.1`,
/// `jquery@npm:^3.2.1`, `foo@npm:bar@^1`) → the ID of the package they resolved to (`jquery@3.2.1`).
public struct YarnDescriptors: Sendable, Hashable, Codable {
    /// Descriptor → package ID.
    public var ids: [String: String]

    /// Creates the index.
    public init(ids: [String: String]) {
        self.ids = ids
    }

    /// The package `name` at `range` (as a `package.json` writes them) resolved to, if the lockfile has it.
    public func id(name: String, range: String) -> String? {
        ids["\(name)@\(range)"] ?? ids["\(name)@npm:\(range)"]
    }
}
