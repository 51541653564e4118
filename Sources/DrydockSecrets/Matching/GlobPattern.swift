/// A `skip-patterns` glob, with doublestar's meaning: `**` as a whole segment matches any number of folders
/// (none included), `*` any run of characters but `/`, `?` one character but `/`, `[abc]`, `[a-z]` and
/// `[!a]` one character of a set, `{a,b}` either alternative, `\` escapes the next character.
///
/// The common shapes (`**/name`, `**/*.ext`, `**/dir/**`) are matched without the general matcher.
public struct GlobPattern: Sendable, Hashable {
    /// The pattern as written.
    public let pattern: String
    private let shape: Shape

    private enum Shape: Hashable {
        /// `**/NAME`: the last segment is NAME.
        case name(String)
        /// `**/*SUFFIX`: the last segment ends with SUFFIX.
        case suffix(String)
        /// `**/DIR/**`: some folder is DIR.
        case folder(String)
        case general([String])
    }

    /// Parses `pattern`; throws when a `[` or `{` is not closed.
    public init(_ pattern: String) throws(GlobError) {
        self.pattern = pattern
        let segments = pattern.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for segment in segments { try Self.validate(segment) }
        let special: (String) -> Bool = { $0.contains { "*?[{\\".contains($0) } }
        if segments.count == 2, segments[0] == "**", !special(segments[1]) {
            shape = .name(segments[1])
        } else if segments.count == 2, segments[0] == "**", segments[1].hasPrefix("*"),
            !special(String(segments[1].dropFirst()))
        {
            shape = .suffix(String(segments[1].dropFirst()))
        } else if segments.count == 3, segments[0] == "**", segments[2] == "**", !special(segments[1]) {
            shape = .folder(segments[1])
        } else {
            shape = .general(segments)
        }
    }

    /// Why a glob cannot be used.
    public struct GlobError: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    /// The pattern's shape when it is one of the common ones.
    enum SimpleShape {
        case name(String)
        case suffix(String)
        case folder(String)
    }

    var simpleShape: SimpleShape? {
        switch shape {
        case .name(let name): .name(name)
        case .suffix(let suffix): .suffix(suffix)
        case .folder(let folder): .folder(folder)
        case .general: nil
        }
    }

    /// Whether `path` (root-relative, `/`-separated, no leading `/`) matches.
    public func matches(_ path: String) -> Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        switch shape {
        case .name(let name): return segments.last.map { $0 == name } ?? false
        case .suffix(let suffix): return segments.last.map { $0.hasSuffix(suffix) } ?? false
        case .folder(let folder): return segments.dropLast().contains { $0 == folder }
        case .general(let pattern): return Self.match(pattern[...], segments.map(String.init)[...])
        }
    }

    private static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            for skip in 0...path.count where match(rest, path.dropFirst(skip)) { return true }
            return false
        }
        guard let segment = path.first else { return false }
        return matchSegment(Array(first)[...], Array(segment)[...]) && match(pattern.dropFirst(), path.dropFirst())
    }

    /// Matches one segment: `*`, `?`, sets, alternatives and escapes.
    static func matchSegment(_ pattern: ArraySlice<Character>, _ text: ArraySlice<Character>) -> Bool {
        guard let char = pattern.first else { return text.isEmpty }
        let rest = pattern.dropFirst()
        switch char {
        case "*":
            for skip in 0...text.count where matchSegment(rest, text.dropFirst(skip)) { return true }
            return false
        case "?":
            return !text.isEmpty && matchSegment(rest, text.dropFirst())
        case "\\":
            guard let escaped = rest.first, text.first == escaped else { return false }
            return matchSegment(rest.dropFirst(), text.dropFirst())
        case "[":
            guard let close = rest.dropFirst().firstIndex(of: "]"), let next = text.first else { return false }
            var set = rest[rest.startIndex..<close]
            let negated = set.first == "!" || set.first == "^"
            if negated { set = set.dropFirst() }
            var member = false
            var index = set.startIndex
            while index < set.endIndex {
                let low = set[index]
                if index + 2 < set.endIndex, set[index + 1] == "-" {
                    if low <= next && next <= set[index + 2] { member = true }
                    index += 3
                } else {
                    if low == next { member = true }
                    index += 1
                }
            }
            return member != negated && matchSegment(pattern[(close + 1)...], text.dropFirst())
        case "{":
            guard let close = rest.firstIndex(of: "}") else { return false }
            let tail = pattern[(close + 1)...]
            return rest[rest.startIndex..<close].split(separator: ",", omittingEmptySubsequences: false).contains {
                matchSegment(ArraySlice(Array($0) + Array(tail)), text)
            }
        default:
            return text.first == char && matchSegment(rest, text.dropFirst())
        }
    }

    private static func validate(_ segment: String) throws(GlobError) {
        var depth = 0
        var inSet = false
        var escaped = false
        for char in segment {
            if escaped {
                escaped = false
                continue
            }
            switch char {
            case "\\": escaped = true
            case "[" where !inSet: inSet = true
            case "]" where inSet: inSet = false
            case "{" where !inSet: depth += 1
            case "}" where !inSet && depth > 0: depth -= 1
            default: break
            }
        }
        if inSet { throw GlobError(description: "'[' is not closed in \(segment)") }
        if depth > 0 { throw GlobError(description: "'{' is not closed in \(segment)") }
        if escaped { throw GlobError(description: "trailing '\\' in \(segment)") }
    }
}
