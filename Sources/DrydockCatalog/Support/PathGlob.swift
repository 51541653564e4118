/// A glob over slash-separated paths, with the `**` of Trivy's `--skip-dirs` and `--skip-files`
/// (the doublestar rules): `*` matches within one path component, `**` as a whole component matches any
/// number of components (none included), `?` one character of a component, `[abc]`/`[a-z]`/`[!a]` one
/// character of a set, `{a,b}` one of the alternatives, `\x` the character `x`.
///
/// Patterns and paths are compared without a leading `/` and with `.` components and repeated slashes
/// removed, as Trivy cleans them.
public struct PathGlob: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as cleaned.
    public let pattern: String
    private let alternatives: [[Component]]

    private enum Component: Hashable {
        /// `**`: any number of whole components.
        case anyDepth
        /// One component's pattern, as characters.
        case segment([Character])
    }

    /// Compiles `pattern`; `nil` when its brackets or braces are unbalanced.
    public init?(_ pattern: String) {
        let cleaned = PathGlob.clean(pattern)
        guard let expanded = PathGlob.expandBraces(cleaned) else { return nil }
        var alternatives: [[Component]] = []
        for alternative in expanded {
            var components: [Component] = []
            for part in alternative.split(separator: "/", omittingEmptySubsequences: true) where part != "." {
                if part == "**" {
                    if components.last != .anyDepth { components.append(.anyDepth) }
                } else {
                    guard PathGlob.bracketsBalanced(part) else { return nil }
                    components.append(.segment(Array(part)))
                }
            }
            alternatives.append(components)
        }
        self.pattern = cleaned
        self.alternatives = alternatives
    }

    public var description: String { pattern }

    /// Whether the whole of `path` matches.
    public func matches(_ path: String) -> Bool {
        let parts = PathGlob.clean(path).split(separator: "/", omittingEmptySubsequences: true).map(Array.init)
        return alternatives.contains { PathGlob.match($0[...], parts[...]) }
    }

    private static func match(_ pattern: ArraySlice<Component>, _ path: ArraySlice<[Character]>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        switch first {
        case .anyDepth:
            let rest = pattern.dropFirst()
            var remaining = path
            while true {
                if match(rest, remaining) { return true }
                guard !remaining.isEmpty else { return false }
                remaining = remaining.dropFirst()
            }
        case .segment(let segment):
            guard let component = path.first, matchSegment(segment[...], component[...]) else { return false }
            return match(pattern.dropFirst(), path.dropFirst())
        }
    }

    private static func matchSegment(_ pattern: ArraySlice<Character>, _ text: ArraySlice<Character>) -> Bool {
        guard let first = pattern.first else { return text.isEmpty }
        switch first {
        case "*":
            var remaining = text
            while true {
                if matchSegment(pattern.dropFirst(), remaining) { return true }
                guard !remaining.isEmpty else { return false }
                remaining = remaining.dropFirst()
            }
        case "?":
            guard !text.isEmpty else { return false }
            return matchSegment(pattern.dropFirst(), text.dropFirst())
        case "[":
            guard let character = text.first, let (matched, rest) = matchClass(pattern.dropFirst(), character),
                matched
            else { return false }
            return matchSegment(rest, text.dropFirst())
        case "\\":
            let escaped = pattern.dropFirst()
            guard let literal = escaped.first, text.first == literal else { return false }
            return matchSegment(escaped.dropFirst(), text.dropFirst())
        default:
            guard text.first == first else { return false }
            return matchSegment(pattern.dropFirst(), text.dropFirst())
        }
    }

    /// Matches `character` against the class starting after `[`; returns the result and the pattern after `]`.
    private static func matchClass(_ pattern: ArraySlice<Character>, _ character: Character) -> (
        Bool, ArraySlice<Character>
    )? {
        var rest = pattern
        var negated = false
        if rest.first == "!" || rest.first == "^" {
            negated = true
            rest = rest.dropFirst()
        }
        var matched = false
        var first = true
        while let current = rest.first {
            if current == "]" && !first { return (matched != negated, rest.dropFirst()) }
            first = false
            rest = rest.dropFirst()
            var low = current
            if low == "\\", let escaped = rest.first {
                low = escaped
                rest = rest.dropFirst()
            }
            if rest.first == "-", let high = rest.dropFirst().first, high != "]" {
                rest = rest.dropFirst(2)
                if low <= character && character <= high { matched = true }
            } else if low == character {
                matched = true
            }
        }
        return nil
    }

    private static func bracketsBalanced(_ part: Substring) -> Bool {
        var open = false
        var escaped = false
        for character in part {
            if escaped {
                escaped = false
                continue
            }
            switch character {
            case "\\": escaped = true
            case "[": if !open { open = true }
            case "]": open = false
            default: break
            }
        }
        return !open
    }

    /// Every pattern `{a,b}` stands for (nested braces allowed); `nil` when braces are unbalanced.
    private static func expandBraces(_ pattern: String) -> [String]? {
        let characters = Array(pattern)
        guard let open = characters.firstIndex(of: "{") else {
            return characters.contains("}") ? nil : [pattern]
        }
        var depth = 0
        var close: Int?
        var commas: [Int] = []
        for index in open..<characters.count {
            switch characters[index] {
            case "{": depth += 1
            case "}":
                depth -= 1
                if depth == 0 { close = index }
            case "," where depth == 1: commas.append(index)
            default: break
            }
            if close != nil { break }
        }
        guard let close else { return nil }
        let prefix = String(characters[..<open])
        let suffix = String(characters[(close + 1)...])
        let bounds = [open] + commas + [close]
        var results: [String] = []
        for index in 0..<(bounds.count - 1) {
            let choice = String(characters[(bounds[index] + 1)..<bounds[index + 1]])
            guard let expanded = expandBraces(prefix + choice + suffix) else { return nil }
            results += expanded
        }
        return results
    }

    /// The path without a leading `/`, `./` components or repeated slashes.
    static func clean(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }.joined(separator: "/")
    }
}
