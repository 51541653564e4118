/// The `skip-patterns` in force, sorted by shape so that the common ones cost a set lookup or a suffix test
/// per path: every file of every layer is checked.
struct SkipPatterns: Sendable {
    /// `**/NAME`: file names.
    private let names: Set<Substring>
    /// `**/*.EXT`: file-name endings, as bytes.
    private let suffixes: [[UInt8]]
    /// `**/DIR/**`: folder names anywhere in the path.
    private let folders: Set<Substring>
    private let general: [GlobPattern]

    init(_ patterns: [GlobPattern]) {
        var names: Set<Substring> = []
        var suffixes: [[UInt8]] = []
        var folders: Set<Substring> = []
        var general: [GlobPattern] = []
        for pattern in patterns {
            switch pattern.simpleShape {
            case .name(let name): names.insert(Substring(name))
            case .suffix(let suffix): suffixes.append(Array(suffix.utf8))
            case .folder(let folder): folders.insert(Substring(folder))
            case nil: general.append(pattern)
            }
        }
        (self.names, self.suffixes, self.folders, self.general) = (names, suffixes, folders, general)
    }

    /// Whether `path` (root-relative, no leading `/`) is skipped.
    func matches(_ path: String) -> Bool {
        let slash = UInt8(ascii: "/")
        var start = path.startIndex
        // Every folder of the path (the segments before the last `/`), then the file name.
        while let end = path.utf8[start...].firstIndex(of: slash) {
            if folders.contains(path[start..<end]) { return true }
            start = path.utf8.index(after: end)
        }
        let name = path[start...]
        if names.contains(name) { return true }
        let bytes = name.utf8
        for suffix in suffixes where bytes.count >= suffix.count && bytes.suffix(suffix.count).elementsEqual(suffix) {
            return true
        }
        return general.contains { $0.matches(path) }
    }
}
