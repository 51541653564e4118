import Foundation

/// A rule ready to run: its expressions compiled, its secret groups numbered.
///
/// A class, not a struct: the scanner looks rules up for every file and every keyword occurrence, and
/// copying a struct of this many references was half of the time spent on small files.
final class CompiledRule: @unchecked Sendable {
    // Every property is a `let`; `NSRegularExpression` is immutable and thread-safe (Foundation's documentation
    // says so).
    let rule: SecretRule
    let regex: NSRegularExpression
    /// Capture groups reported (the secret group's, or none: the whole match).
    let groups: [Int]
    let path: PathMatcher?
    let allowPaths: [PathMatcher]
    let allowRegexes: [NSRegularExpression]
    let excludeBlocks: [NSRegularExpression]
    /// The bytes allowed after a keyword for `.characters` (256 flags).
    let followSet: [Bool]?

    /// Compiles `rule`; throws a description of the first expression that does not compile.
    init(_ rule: SecretRule) throws(PatternError) {
        self.rule = rule
        do {
            let compiled = try PatternSyntax.compile(rule.pattern, group: rule.secretGroup)
            regex = compiled.regex
            groups = compiled.groups
        } catch {
            throw PatternError(field: "regex", pattern: rule.pattern)
        }
        path = try rule.path.map { pattern throws(PatternError) in try Self.pathMatcher(pattern, field: "path") }
        var allowPaths: [PathMatcher] = []
        var allowRegexes: [NSRegularExpression] = []
        for allow in rule.allowRules {
            if let path = allow.path { allowPaths.append(try Self.pathMatcher(path, field: "allow-rules path")) }
            if let regex = allow.regex { allowRegexes.append(try Self.regex(regex, field: "allow-rules regex")) }
        }
        self.allowPaths = allowPaths
        self.allowRegexes = allowRegexes
        var blocks: [NSRegularExpression] = []
        for block in rule.excludeBlocks { blocks.append(try Self.regex(block, field: "exclude-block regex")) }
        excludeBlocks = blocks
        if case .characters(let set, _) = rule.afterKeyword {
            followSet = Self.byteSet(set)
        } else {
            followSet = nil
        }
    }

    /// An expression that did not compile, and which field of the rule held it.
    struct PatternError: Error, Sendable, Hashable {
        var field: String
        var pattern: String
    }

    static func regex(_ pattern: String, field: String) throws(PatternError) -> NSRegularExpression {
        do {
            return try PatternSyntax.compile(pattern, group: nil).regex
        } catch {
            throw PatternError(field: field, pattern: pattern)
        }
    }

    static func pathMatcher(_ pattern: String, field: String) throws(PatternError) -> PathMatcher {
        do {
            return try PathMatcher(pattern)
        } catch {
            throw PatternError(field: field, pattern: pattern)
        }
    }

    /// `a-f0-9_` → flags for those bytes.
    static func byteSet(_ spec: String) -> [Bool] {
        var flags = [Bool](repeating: false, count: 256)
        let bytes = Array(spec.utf8)
        var index = 0
        while index < bytes.count {
            if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "-") {
                for byte in bytes[index]...bytes[index + 2] { flags[Int(byte)] = true }
                index += 3
            } else {
                flags[Int(bytes[index])] = true
                index += 1
            }
        }
        return flags
    }

    /// Whether the keyword occurrence ending before `end` may start a match (see `SecretRule.AfterKeyword`).
    func mayMatch(after end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch rule.afterKeyword {
        case nil:
            return true
        case .characters(_, let count):
            guard let followSet, end + count <= bytes.count else { return false }
            for offset in end..<(end + count) where !followSet[Int(bytes[offset])] { return false }
            return true
        case .assignment(let quoted):
            var index = end
            let limit = min(bytes.count, end + 26)
            while index < limit {
                let byte = bytes[index]
                if byte == UInt8(ascii: "=") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: ":")
                    || byte == UInt8(ascii: "|") || byte == UInt8(ascii: "<")
                {
                    guard quoted else { return true }
                    let quoteLimit = min(bytes.count, index + 10)
                    var probe = index + 1
                    while probe < quoteLimit {
                        if bytes[probe] == UInt8(ascii: "\"") || bytes[probe] == UInt8(ascii: "'") { return true }
                        probe += 1
                    }
                    return false
                }
                guard Self.nameBytes[Int(byte)] else { return false }
                index += 1
            }
            return false
        }
    }

    /// Bytes allowed between a service's name and the assignment (`[a-z0-9_ .,-]`, any case).
    private static let nameBytes = byteSet("a-zA-Z0-9_ .,-")
}
