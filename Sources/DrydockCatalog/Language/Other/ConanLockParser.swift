import DrydockModel

/// Reads Conan's `conan.lock`: version 1 (`graph_lock.nodes`, the root's requirements direct, each node's
/// `requires` its `dependsOn`) and version 2 (`requires`; `build_requires` are development dependencies; no
/// graph). References keep name and version (`zlib/1.2.13@user/channel#rev` → `zlib` `1.2.13`).
public enum ConanLockParser {
    /// Parses one `conan.lock`.
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        let root = try TreeValue.json(bytes, path: path)
        var packages: [Package] = []
        var warnings: [CatalogWarning] = []
        if let nodes = root["graph_lock"]?["nodes"]?.entries {
            let direct = Set((root["graph_lock"]?["nodes"]?["0"]?["requires"]?.array ?? []).compactMap(\.string))
            var byNode: [String: Int] = [:]
            for (id, node) in nodes {
                guard let reference = node["ref"]?.string else { continue }
                guard let (name, version) = split(reference) else {
                    warnings.append(
                        CatalogWarning(path: path, message: "reference '\(reference)' has no version; skipped"))
                    continue
                }
                byNode[id] = packages.count
                packages.append(
                    LanguagePackage.make(
                        name: name, version: version, ecosystem: .conanCenter, path: path,
                        relationship: direct.contains(id) ? .direct : .indirect))
            }
            // A node's `requires` name other nodes by their key; edges to nodes without a package are dropped.
            for (id, node) in nodes {
                guard let index = byNode[id] else { continue }
                let required = (node["requires"]?.array ?? []).compactMap { $0.string.flatMap { byNode[$0] } }
                packages[index].dependsOn = Set(required.map { packages[$0].id }).sorted()
            }
            return LanguageFile(type: .conan, packages: packages, warnings: warnings)
        }
        guard root["requires"] != nil || root["version"] != nil else {
            throw CatalogError(
                code: .malformedLockfile, reason: "neither graph_lock nor requires: not a conan.lock", location: path)
        }
        for (field, isDevelopment) in [("requires", false), ("build_requires", true)] {
            for reference in (root[field]?.array ?? []).compactMap(\.string) {
                guard let (name, version) = split(reference) else { continue }
                packages.append(
                    LanguagePackage.make(
                        name: name, version: version, ecosystem: .conanCenter, path: path, isDevelopment: isDevelopment)
                )
            }
        }
        return LanguageFile(type: .conan, packages: packages, warnings: warnings)
    }

    /// `name/version@user/channel#revision%timestamp` → (`name`, `version`).
    static func split(_ reference: String) -> (String, String)? {
        var text = Substring(reference)
        if let hash = text.firstIndex(of: "#") { text = text[..<hash] }
        if let at = text.firstIndex(of: "@") { text = text[..<at] }
        let parts = text.split(separator: "/")
        guard parts.count == 2 else { return nil }
        return (String(parts[0]), String(parts[1]))
    }
}
