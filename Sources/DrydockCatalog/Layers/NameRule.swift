/// A file wanted wherever it is, recognised by its name and, optionally, the folders above it.
///
/// `NameRule(name: "package-lock.json")` wants every `package-lock.json`;
/// `NameRule(suffix: ".gemspec", parent: "specifications")` wants `*.gemspec` directly in a
/// `specifications` folder; `NameRule(name: "METADATA", parentSuffix: ".dist-info")` wants wheel metadata.
public struct NameRule: Sendable, Hashable {
    /// The exact file name, when the rule names one.
    public var name: String?
    /// The end of the file name (`.deps.json`), when the rule matches by suffix.
    public var suffix: String?
    /// The name of the folder directly holding the file, when it must be one.
    public var parent: String?
    /// The end of the name of the folder directly holding the file (`.dist-info`).
    public var parentSuffix: String?
    /// A folder name that must appear somewhere above the file (`node_modules`).
    public var ancestor: String?
    /// A folder name that must not appear anywhere above the file (`node_modules` for lockfiles).
    public var excludedAncestor: String?
    /// The start of the file name (`Dockerfile`), when the rule matches by prefix.
    public var prefix: String?
    /// Text that must not appear in the path (`usr/lib`, as Trivy's license analyzer skips such paths).
    public var excludedPathParts: [String]

    /// Creates a rule; give `name`, `suffix` or `prefix`.
    public init(
        name: String? = nil, suffix: String? = nil, parent: String? = nil, parentSuffix: String? = nil,
        ancestor: String? = nil, excludedAncestor: String? = nil, prefix: String? = nil,
        excludedPathParts: [String] = []
    ) {
        self.excludedPathParts = excludedPathParts
        self.name = name
        self.suffix = suffix
        self.parent = parent
        self.parentSuffix = parentSuffix
        self.ancestor = ancestor
        self.excludedAncestor = excludedAncestor
        self.prefix = prefix
    }

    /// Whether the file at `path` (root-relative, no leading `/`) is wanted.
    public func matches(_ path: String) -> Bool {
        let utf8 = path.utf8
        let slash = utf8.lastIndex(of: UInt8(ascii: "/"))
        let nameStart = slash.map { utf8.index(after: $0) } ?? utf8.startIndex
        let fileName = utf8[nameStart...]
        if let name {
            guard fileName.elementsEqual(name.utf8) else { return false }
        } else if let suffix {
            guard fileName.count > suffix.utf8.count, fileName.reversed().starts(with: suffix.utf8.reversed()) else {
                return false
            }
        } else if let prefix {
            guard fileName.starts(with: prefix.utf8) else { return false }
        } else {
            return false
        }
        if !excludedPathParts.isEmpty, excludedPathParts.contains(where: path.contains) { return false }
        if parent == nil, parentSuffix == nil, ancestor == nil, excludedAncestor == nil { return true }
        guard let slash else { return parent == nil && parentSuffix == nil && ancestor == nil }
        let folders = utf8[..<slash]
        let parentStart = folders.lastIndex(of: UInt8(ascii: "/")).map { utf8.index(after: $0) } ?? utf8.startIndex
        let parentName = utf8[parentStart..<slash]
        if let parent, !parentName.elementsEqual(parent.utf8) { return false }
        if let parentSuffix, !parentName.reversed().starts(with: parentSuffix.utf8.reversed()) { return false }
        if let ancestor, !Self.hasComponent(ancestor, in: Substring(path[..<slash])) { return false }
        if let excludedAncestor, Self.hasComponent(excludedAncestor, in: Substring(path[..<slash])) { return false }
        return true
    }

    private static func hasComponent(_ component: String, in folders: Substring) -> Bool {
        folders.split(separator: "/").contains { $0 == component }
    }
}
