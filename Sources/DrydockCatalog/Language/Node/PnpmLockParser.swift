import DrydockModel

/// Reads `pnpm-lock.yaml`, lockfile versions 5 to 9.
///
/// Package keys are `/name/version` (v5), `/name@version(peers)` (v6) or `name@version(peers)` (v9);
/// peer suffixes are dropped and a name@version is kept once. Tarball, git and local packages are
/// left out. Development dependencies are those marked `dev: true` (v5, v6) or, in v9, reachable
/// only from importers' `devDependencies`. Packages the project (or a workspace importer) declares
/// are direct; the rest indirect. A package's `dependencies` and `optionalDependencies` (in `snapshots` for v9)
/// become `dependsOn` IDs, peers dropped, when they name a listed package.
public enum PnpmLockParser {
    /// Parses one `pnpm-lock.yaml`; with several YAML documents, the one holding `packages` is read.
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        let documents = try YAMLReader.parseDocuments(bytes, path: path)
        guard let root = documents.last(where: { $0["packages"] != nil }) ?? documents.last else {
            return LanguageFile(type: .pnpm, packages: [])
        }
        guard let lockfileVersion = root["lockfileVersion"]?.string else {
            throw CatalogError(
                code: .malformedLockfile, reason: "no lockfileVersion: not a pnpm lockfile", location: path)
        }
        let isV5 = lockfileVersion.hasPrefix("5") || lockfileVersion.hasPrefix("4")
        let importers = importerSections(root)
        var direct: Set<String> = []
        var productionRoots: [String] = []
        for importer in importers {
            for field in ["dependencies", "optionalDependencies", "devDependencies"] {
                for (name, value) in importer[field]?.entries ?? [] {
                    let version = stripPeers(value["version"]?.string ?? value.string ?? "")
                    direct.insert(name)
                    if field != "devDependencies" { productionRoots.append("\(name)@\(version)") }
                }
            }
        }
        let graph = edges(in: root["snapshots"] ?? root["packages"], isV5: isV5)
        let production = reachable(from: productionRoots, through: graph)
        let isV9 = root["snapshots"] != nil
        var packages: [Package] = []
        var seen: Set<String> = []
        for (key, entry) in root["packages"]?.entries ?? [] {
            // Tarball, git and local keys (`file:…`, `@github.com/…`) have no registry name and version.
            guard let (name, version) = nameAndVersion(key, isV5: isV5), !key.contains(":"),
                !version.contains("/")
            else { continue }
            guard seen.insert("\(name)@\(version)").inserted else { continue }
            let isDevelopment = isV9 ? !production.contains("\(name)@\(version)") : entry["dev"]?.isTrue == true
            packages.append(
                LanguagePackage.make(
                    name: name, version: version, ecosystem: .npm, path: path,
                    relationship: importers.isEmpty ? nil : (direct.contains(name) ? .direct : .indirect),
                    isDevelopment: isDevelopment))
        }
        for index in packages.indices {
            let ids = (graph[packages[index].id] ?? []).filter { seen.contains($0) && $0 != packages[index].id }
            packages[index].dependsOn = Set(ids).sorted()
        }
        return LanguageFile(type: .pnpm, packages: packages)
    }

    /// v6+ keep each project in `importers`; v5 single projects keep them at the top.
    private static func importerSections(_ root: TreeValue) -> [TreeValue] {
        if let importers = root["importers"]?.entries { return importers.map(\.value) }
        return [root]
    }

    /// `name@version` -> the `name@version`s its `dependencies` and `optionalDependencies` name, for the entries
    /// of `graph` (keys with or without a leading `/`); v5 `_peer` suffixes are dropped too.
    private static func edges(in graph: TreeValue?, isV5: Bool) -> [String: [String]] {
        var edges: [String: [String]] = [:]
        for (key, entry) in graph?.entries ?? [] {
            guard let (name, version) = nameAndVersion(key, isV5: isV5) else { continue }
            var next: [String] = []
            for field in ["dependencies", "optionalDependencies"] {
                for (dependency, value) in entry[field]?.entries ?? [] {
                    var target = stripPeers(value.string ?? "")
                    if isV5, let underscore = target.firstIndex(of: "_") { target = String(target[..<underscore]) }
                    next.append("\(dependency)@\(target)")
                }
            }
            edges["\(name)@\(version)", default: []] += next
        }
        return edges
    }

    /// `name@version` of every package reachable from `roots` through `edges`.
    private static func reachable(from roots: [String], through edges: [String: [String]]) -> Set<String> {
        var seen: Set<String> = []
        var stack = roots
        while let current = stack.popLast() {
            guard seen.insert(current).inserted else { continue }
            stack += edges[current] ?? []
        }
        return seen
    }

    /// Splits a package key into name and version, peers dropped.
    static func nameAndVersion(_ key: String, isV5: Bool) -> (String, String)? {
        var text = Substring(key)
        if text.hasPrefix("/") { text = text.dropFirst() }
        text = Substring(stripPeers(String(text)))
        if isV5 {
            let parts = text.split(separator: "/")
            let nameCount = text.hasPrefix("@") ? 2 : 1
            guard parts.count > nameCount else { return nil }
            var version = parts[nameCount]
            if let underscore = version.firstIndex(of: "_") { version = version[..<underscore] }
            return (parts[..<nameCount].joined(separator: "/"), String(version))
        }
        let searchStart = text.hasPrefix("@") ? text.index(after: text.startIndex) : text.startIndex
        guard let at = text[searchStart...].firstIndex(of: "@") else { return nil }
        let name = text[..<at]
        let version = text[text.index(after: at)...]
        guard !name.isEmpty, !version.isEmpty else { return nil }
        return (String(name), String(version))
    }

    /// `1.0.0(react@18.2.0)` → `1.0.0`.
    private static func stripPeers(_ version: String) -> String {
        guard let open = version.firstIndex(of: "(") else { return version }
        return String(version[..<open])
    }
}
