import Foundation

/// Turns rule patterns into `NSRegularExpression`s: named groups (`(?P<name>…)` as Go writes them, or
/// `(?<name>…)`) become plain capture groups, found by number; a name may be used more than once, as Go
/// allows, and every group of the name is then reported.
enum PatternSyntax {
    /// A compiled expression and the numbers of the capture groups named `group`.
    struct Compiled: @unchecked Sendable {
        // `NSRegularExpression` is immutable and thread-safe (Foundation's documentation says so).
        let regex: NSRegularExpression
        let groups: [Int]
    }

    /// Compiles `pattern`; throws the engine's error when it is not a valid expression.
    static func compile(_ pattern: String, group: String?) throws -> Compiled {
        let (icu, names) = translate(pattern)
        let regex = try NSRegularExpression(pattern: icu, options: [])
        let groups = group.map { wanted in names.enumerated().filter { $0.element == wanted }.map { $0.offset + 1 } }
        return Compiled(regex: regex, groups: groups ?? [])
    }

    /// The ICU spelling of `pattern` and the name of every capture group in order (`""` when unnamed).
    static func translate(_ pattern: String) -> (String, [String]) {
        let chars = Array(pattern)
        var out = ""
        var names: [String] = []
        var index = 0
        var inClass = false
        while index < chars.count {
            let char = chars[index]
            if char == "\\" {
                out.append(char)
                if index + 1 < chars.count { out.append(chars[index + 1]) }
                index += 2
                continue
            }
            if inClass {
                if char == "]" { inClass = false }
                out.append(char)
                index += 1
                continue
            }
            if char == "[" {
                inClass = true
                out.append(char)
                index += 1
                // A `]` right after `[` or `[^` is a literal member.
                if index < chars.count, chars[index] == "^" {
                    out.append("^")
                    index += 1
                }
                if index < chars.count, chars[index] == "]" {
                    out.append("\\]")
                    index += 1
                }
                continue
            }
            guard char == "(" else {
                out.append(char)
                index += 1
                continue
            }
            let rest = chars[(index + 1)...]
            if let name = groupName(rest) {
                // Plain groups: ICU's names allow fewer characters than Go's, and groups are found by number.
                names.append(name.name)
                out.append("(")
                index += 1 + name.consumed
            } else {
                if rest.first != "?" { names.append("") }
                out.append(char)
                index += 1
            }
        }
        return (out, names)
    }

    /// `?P<name>` or `?<name>` (not `?<=`, `?<!`) at the start of `rest`: the name and how many characters
    /// the opening takes after `(`.
    private static func groupName(_ rest: ArraySlice<Character>) -> (name: String, consumed: Int)? {
        var chars = Array(rest.prefix(64))
        var prefix = 2
        if chars.starts(with: ["?", "P", "<"]) {
            prefix = 3
        } else if !chars.starts(with: ["?", "<"]) || chars.count < 3 || chars[2] == "=" || chars[2] == "!" {
            return nil
        }
        chars = Array(chars.dropFirst(prefix))
        guard let close = chars.firstIndex(of: ">") else { return nil }
        let name = String(chars[..<close])
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        return (name, prefix + close + 1)
    }
}
