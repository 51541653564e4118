/// `FileSelector.matches(_:)` compiled for the walk's hot path, where every entry of a layer or tree is checked:
/// the file name is found once, name rules are looked up by that name instead of tried one by one, and suffix
/// rules are grouped by suffix; the few others (name prefixes: `Dockerfile*`) are tried one by one. Same answers
/// as the selector it is made from.
struct PathMatcher: Sendable {
    private let exactPaths: Set<String>
    private let rulesByName: [Substring: [NameRule]]
    private let rulesBySuffix: [(suffix: [UInt8], rules: [NameRule])]
    private let otherRules: [NameRule]
    private let prefixes: [PathPrefix]

    /// Compiles `selector`.
    init(_ selector: FileSelector) {
        exactPaths = selector.exactPaths
        var byName: [Substring: [NameRule]] = [:]
        var bySuffix: [[UInt8]: [NameRule]] = [:]
        var others: [NameRule] = []
        for rule in selector.names {
            if let name = rule.name {
                byName[Substring(name), default: []].append(rule)
            } else if let suffix = rule.suffix {
                bySuffix[Array(suffix.utf8), default: []].append(rule)
            } else {
                others.append(rule)
            }
        }
        otherRules = others
        rulesByName = byName
        rulesBySuffix = bySuffix.map { ($0.key, $0.value) }.sorted { $0.suffix.lexicographicallyPrecedes($1.suffix) }
        prefixes = selector.prefixes
    }

    /// Whether the file at `path` is wanted.
    func matches(_ path: String) -> Bool {
        if exactPaths.contains(path) { return true }
        let utf8 = path.utf8
        let nameStart = utf8.lastIndex(of: UInt8(ascii: "/")).map { utf8.index(after: $0) } ?? utf8.startIndex
        if let rules = rulesByName[path[nameStart...]], rules.contains(where: { $0.matches(path) }) { return true }
        if !rulesBySuffix.isEmpty {
            let name = utf8[nameStart...]
            for (suffix, rules) in rulesBySuffix
            where name.count > suffix.count && name.reversed().starts(with: suffix.reversed()) {
                if rules.contains(where: { $0.matches(path) }) { return true }
            }
        }
        if otherRules.contains(where: { $0.matches(path) }) { return true }
        return prefixes.contains { $0.matches(path) }
    }
}
