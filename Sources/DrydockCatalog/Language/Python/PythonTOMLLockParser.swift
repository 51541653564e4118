import DrydockModel

/// Reads the TOML lockfiles of Python tools: Poetry's `poetry.lock`, uv's `uv.lock`, PEP 751's
/// `pylock.toml` and PDM's `pdm.lock`.
public enum PythonTOMLLockParser {
    /// `poetry.lock`: every `[[package]]`; the names of its `[package.dependencies]` (compared normalised,
    /// `python` left out) become `dependsOn` IDs with the locked versions.
    public static func parsePoetry(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        let root = try TOMLReader.parse(bytes, path: path)
        var file = try packages(in: root, table: "package", type: .poetry, path: path) { _ in (nil, false) }
        let locked = ids(byName: file.packages)
        let edges = edges(in: root, table: "package") { entry in
            (entry["dependencies"]?.entries ?? []).compactMap { dependency in
                dependency.key == "python" ? nil : locked[PythonName.normalize(dependency.key)]?.first
            }
        }
        assign(edges, to: &file)
        return file
    }

    /// `uv.lock`: every `[[package]]` but the project itself (an editable or virtual source), as Trivy reads it:
    /// the project's dependencies, optional dependencies and dependency groups are direct, the rest indirect; a
    /// package reached from the project only through a dependency group (`[package.dev-dependencies]`) is a
    /// development dependency; each package's `dependsOn` lists what its dependencies, optional dependencies and
    /// groups name, at their locked versions (the version a dependency entry gives when the name is locked twice).
    public static func parseUV(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        let root = try TOMLReader.parse(bytes, path: path)
        let all = root["package"]?.array ?? []
        let roots = all.filter(isProjectRoot)
        let graph = UVGraph(all)
        let direct = Set(roots.flatMap { graph.dependencies(of: $0, groups: true).map(\.name) })
        let production = graph.reachable(from: roots)
        let hasRoot = !roots.isEmpty
        var file = try packages(in: root, table: "package", type: .uv, path: path) { entry in
            guard hasRoot else { return (nil, false) }
            let name = PythonName.normalize(entry["name"]?.string ?? "")
            return (direct.contains(name) ? .direct : .indirect, !production.contains(name))
        }
        // The project itself (`source = { editable = "." }` or `{ virtual = "." }`) is reported with relationship
        // `root`, as Trivy does, when there is exactly one; other workspace members are left out.
        let tops = roots.filter(isTopProject)
        let topNames = tops.count == 1 ? Set(tops.compactMap { $0["name"]?.string }) : []
        let rootNames = Set(roots.compactMap { $0["name"]?.string }).subtracting(topNames)
        file.packages.removeAll { rootNames.contains($0.name) }
        for index in file.packages.indices where topNames.contains(file.packages[index].name) {
            file.packages[index].relationship = .root
            file.packages[index].isDevelopment = false
        }
        let listed = Set(file.packages.map(\.id))
        let edges = edges(in: root, table: "package") { entry in
            graph.dependencies(of: entry, groups: true).compactMap { graph.id(of: $0) }.filter(listed.contains)
        }
        assign(edges, to: &file)
        return file
    }

    /// `pylock.toml` (PEP 751): every `[[packages]]`, once per name and version; the project itself (a package
    /// with a `directory.path`, as `pip lock` writes it) has relationship `root`. `dependsOn` lists the packages
    /// each entry's `dependencies` name — by name and version, or by name alone when one version is locked —
    /// over every entry of that name and version: a package locked once per environment (`marker`) depends on
    /// what any of them names, where Trivy keeps only the last entry's.
    public static func parsePylock(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        let root = try TOMLReader.parse(bytes, path: path)
        guard root["lock-version"] != nil else {
            throw CatalogError(code: .malformedLockfile, reason: "no lock-version: not a pylock file", location: path)
        }
        var file = try packages(in: root, table: "packages", type: .pylock, path: path) { entry in
            (entry["directory"]?["path"]?.string.map { $0.isEmpty ? nil : PackageRelationship.root } ?? nil, false)
        }
        var seen: Set<String> = []
        file.packages.removeAll { !seen.insert($0.id).inserted }
        let locked = ids(byName: file.packages)
        let edges = edges(in: root, table: "packages") { entry in
            (entry["dependencies"]?.array ?? []).compactMap { dependency in
                let candidates = dependency["name"]?.string.flatMap { locked[PythonName.normalize($0)] } ?? []
                return dependency["version"]?.string.map { wanted in candidates.first { $0.hasSuffix("@" + wanted) } }
                    ?? (candidates.count == 1 ? candidates.first : nil)
            }
        }
        assign(edges, to: &file)
        return file
    }

    /// `pdm.lock`: every `[[package]]`; those only in non-default groups are development dependencies. The
    /// names of each package's `dependencies` (PEP 508 requirements) become `dependsOn` IDs: the package locked
    /// under that name (each locked version of it when the lockfile has several, one per environment).
    public static func parsePDM(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        let root = try TOMLReader.parse(bytes, path: path)
        var file = try packages(in: root, table: "package", type: .pdm, path: path) { entry in
            let groups = entry["groups"]?.array?.compactMap(\.string) ?? []
            return (nil, !groups.isEmpty && !groups.contains("default"))
        }
        let locked = ids(byName: file.packages)
        let edges = edges(in: root, table: "package") { entry in
            (entry["dependencies"]?.array ?? []).compactMap(\.string).compactMap(PythonName.requirementName)
                .flatMap { locked[$0] ?? [] }
        }
        assign(edges, to: &file)
        return file
    }

    /// The IDs of `packages` by normalised name, in file order.
    private static func ids(byName packages: [Package]) -> [String: [String]] {
        var ids: [String: [String]] = [:]
        for package in packages { ids[PythonName.normalize(package.name), default: []].append(package.id) }
        return ids
    }

    /// For each entry of `table` with a name and version, its ID (`name@version`) and the IDs `targets` gives for
    /// it (entries of one ID, as a package locked once per environment, add up).
    private static func edges(in root: TreeValue, table: String, _ targets: (TreeValue) -> [String]) -> [String: Set<
        String
    >] {
        var edges: [String: Set<String>] = [:]
        for entry in root[table]?.array ?? [] {
            guard let name = entry["name"]?.string, let version = entry["version"]?.string else { continue }
            edges["\(name)@\(version)", default: []].formUnion(targets(entry))
        }
        return edges
    }

    /// Sets each package's `dependsOn` to its `edges`, sorted.
    private static func assign(_ edges: [String: Set<String>], to file: inout LanguageFile) {
        for index in file.packages.indices {
            file.packages[index].dependsOn = (edges[file.packages[index].id] ?? []).sorted()
        }
    }

    /// Whether `entry` is the lockfile's own project: its source is the lockfile's folder.
    private static func isTopProject(_ entry: TreeValue) -> Bool {
        entry["source"]?["editable"]?.string == "." || entry["source"]?["virtual"]?.string == "."
    }

    private static func isProjectRoot(_ entry: TreeValue) -> Bool {
        entry["source"]?["editable"] != nil || entry["source"]?["virtual"] != nil
    }

    private static func packages(
        in root: TreeValue, table: String, type: LanguageFileType, path: String,
        classify: (TreeValue) -> (PackageRelationship?, Bool)
    ) throws(CatalogError) -> LanguageFile {
        guard let entries = root[table]?.array else {
            if root[table] == nil { return LanguageFile(type: type, packages: []) }
            throw CatalogError(code: .malformedLockfile, reason: "'\(table)' is not an array of tables", location: path)
        }
        var packages: [Package] = []
        var warnings: [CatalogWarning] = []
        for (index, entry) in entries.enumerated() {
            guard let name = entry["name"]?.string, let version = entry["version"]?.string else {
                warnings.append(
                    CatalogWarning(path: path, message: "\(table) #\(index + 1) has no name or version; skipped"))
                continue
            }
            let (relationship, isDevelopment) = classify(entry)
            packages.append(
                LanguagePackage.make(
                    name: name, version: version, ecosystem: .pypi, path: path, relationship: relationship,
                    isDevelopment: isDevelopment))
        }
        return LanguageFile(type: type, packages: packages, warnings: warnings)
    }
}

/// The dependency graph of a `uv.lock`: packages by normalised name, and what each entry depends on.
private struct UVGraph {
    /// A dependency as an entry names it: the normalised name, and the version when the name is locked twice.
    struct Dependency {
        let name: String
        let version: String?
    }

    /// The entries locking each normalised name, in file order.
    private var entries: [String: [TreeValue]] = [:]

    init(_ packages: [TreeValue]) {
        for entry in packages {
            guard entry["version"]?.string != nil, let name = entry["name"]?.string else { continue }
            entries[PythonName.normalize(name), default: []].append(entry)
        }
    }

    /// What `entry` depends on: `dependencies` and every `optional-dependencies` extra, and with `groups` every
    /// `dev-dependencies` group too.
    func dependencies(of entry: TreeValue, groups: Bool) -> [Dependency] {
        var lists = [entry["dependencies"]?.array ?? []]
        lists += (entry["optional-dependencies"]?.entries ?? []).map { $0.value.array ?? [] }
        if groups { lists += (entry["dev-dependencies"]?.entries ?? []).map { $0.value.array ?? [] } }
        return lists.joined().compactMap { dependency in
            dependency["name"]?.string.map {
                Dependency(name: PythonName.normalize($0), version: dependency["version"]?.string)
            }
        }
    }

    /// The ID (`name@version`, the name as locked) of the package `dependency` names; `nil` when it is not locked.
    func id(of dependency: Dependency) -> String? {
        guard let candidates = entries[dependency.name] else { return nil }
        let entry =
            dependency.version.flatMap { version in candidates.first { $0["version"]?.string == version } }
            ?? candidates.last
        guard let entry, let name = entry["name"]?.string, let version = entry["version"]?.string else { return nil }
        return "\(name)@\(version)"
    }

    /// The normalised names reachable from `roots` through dependencies and optional dependencies (not groups).
    func reachable(from roots: [TreeValue]) -> Set<String> {
        var seen = Set(roots.compactMap { $0["name"]?.string.map(PythonName.normalize) })
        var pending = roots
        while let entry = pending.popLast() {
            for dependency in dependencies(of: entry, groups: false) where seen.insert(dependency.name).inserted {
                pending += entries[dependency.name] ?? []
            }
        }
        return seen
    }
}
