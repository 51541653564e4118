/// The files an analyzer wants to read, declared up front so the walker opens nothing else.
///
/// Paths are relative to the image root, without a leading `/` (`etc/os-release`), as `TarEntry.path` has them.
public struct FileSelector: Sendable, Hashable {
    /// Files wanted by exact path.
    public var exactPaths: Set<String>
    /// Folders whose files are wanted, with filters.
    public var prefixes: [PathPrefix]
    /// Files wanted by name in any folder (lockfiles, installed metadata).
    public var names: [NameRule]

    /// Creates a selector.
    public init(exactPaths: Set<String> = [], prefixes: [PathPrefix] = [], names: [NameRule] = []) {
        self.exactPaths = exactPaths
        self.prefixes = prefixes
        self.names = names
    }

    /// Whether the file at `path` is wanted.
    public func matches(_ path: String) -> Bool {
        if exactPaths.contains(path) { return true }
        if !names.isEmpty, names.contains(where: { $0.matches(path) }) { return true }
        return prefixes.contains { $0.matches(path) }
    }

    /// Whether deleting `path` (a whiteout of it, or of a folder holding it) can remove a wanted file.
    ///
    /// `path` is a file or folder without trailing `/`; the empty string is the root.
    public func isAffected(byDeletionOf path: String) -> Bool {
        if path.isEmpty || !names.isEmpty { return true }
        let folder = path + "/"
        if exactPaths.contains(path) || exactPaths.contains(where: { $0.hasPrefix(folder) }) { return true }
        return prefixes.contains { $0.prefix.hasPrefix(folder) || $0.matches(path) }
    }

    /// The union of several selectors.
    public static func union(_ selectors: [FileSelector]) -> FileSelector {
        FileSelector(
            exactPaths: selectors.reduce(into: Set<String>()) { $0.formUnion($1.exactPaths) },
            prefixes: selectors.flatMap(\.prefixes), names: selectors.flatMap(\.names))
    }
}

/// A folder of wanted files, with a name filter.
public struct PathPrefix: Sendable, Hashable {
    /// The folder, with trailing `/` (`var/lib/dpkg/status.d/`).
    public var prefix: String
    /// When set, only names ending with it are wanted (`.list`).
    public var requiredSuffix: String?
    /// Names ending with any of these are not wanted (`.md5sums`).
    public var excludedSuffixes: [String]
    /// When `true`, files in sub-folders are not wanted.
    public var directChildrenOnly: Bool

    /// Creates a folder filter.
    public init(
        _ prefix: String, requiredSuffix: String? = nil, excludedSuffixes: [String] = [],
        directChildrenOnly: Bool = true
    ) {
        self.prefix = prefix
        self.requiredSuffix = requiredSuffix
        self.excludedSuffixes = excludedSuffixes
        self.directChildrenOnly = directChildrenOnly
    }

    /// Whether the file at `path` is wanted.
    public func matches(_ path: String) -> Bool {
        guard path.utf8.count > prefix.utf8.count, path.hasPrefix(prefix) else { return false }
        if directChildrenOnly, path.utf8.dropFirst(prefix.utf8.count).contains(UInt8(ascii: "/")) { return false }
        if let requiredSuffix, !path.hasSuffix(requiredSuffix) { return false }
        return !excludedSuffixes.contains { path.hasSuffix($0) }
    }
}
