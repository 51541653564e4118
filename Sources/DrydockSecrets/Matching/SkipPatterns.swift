/// The `skip-patterns` in force, sorted by shape so that the common ones cost a set lookup or a suffix test
/// per path: every file of every layer is checked.
struct SkipPatterns: Sendable {
    private let names: Set<Substring>
    private let suffixes: [String]
    private let folders: [String]
    private let general: [GlobPattern]

    init(_ patterns: [GlobPattern]) {
        var names: Set<Substring> = []
        var suffixes: [String] = []
        var folders: [String] = []
        var general: [GlobPattern] = []
        for pattern in patterns {
            switch pattern.simpleShape {
            case .name(let name): names.insert(Substring(name))
            case .suffix(let suffix): suffixes.append(suffix)
            case .folder(let folder): folders.append(folder)
            case nil: general.append(pattern)
            }
        }
        (self.names, self.suffixes, self.folders, self.general) = (names, suffixes, folders, general)
    }

    /// Whether `path` (root-relative, no leading `/`) is skipped.
    func matches(_ path: String) -> Bool {
        let name = path.lastIndex(of: "/").map { path[path.index(after: $0)...] } ?? path[...]
        if names.contains(name) || suffixes.contains(where: { name.hasSuffix($0) }) { return true }
        for folder in folders where path.hasPrefix(folder + "/") || path.contains("/" + folder + "/") { return true }
        return general.contains { $0.matches(path) }
    }
}
