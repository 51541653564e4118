/// Renames the earlier occurrence of a duplicate mapping key in YAML text, so that the parser keeps the
/// later value (what Kubernetes' decoder does) and the renamed entry can be dropped.
enum DuplicateKeys {
    /// The prefix of renamed keys.
    static let marker = "__drydock_duplicate_"

    /// Renames the occurrence of `key` at `line`:`column` (1-based, the first occurrence Yams names) when a
    /// later line of the same mapping (same column, nothing but blanks before it) has the same key.
    static func renameFirst(_ key: String, line: Int, column: Int, in lines: inout [String]) -> Bool {
        guard line >= 1, line <= lines.count, column >= 1 else { return false }
        let start = column - 1
        func keyAt(_ text: String) -> Bool {
            let characters = Array(text)
            guard characters.count > start else { return false }
            let rest = String(characters[start...])
            return rest.hasPrefix(key + ":") || rest.hasPrefix("\"\(key)\":") || rest.hasPrefix("'\(key)':")
        }
        guard keyAt(lines[line - 1]) else { return false }
        var index = line
        while index < lines.count {
            let characters = Array(lines[index])
            let prefix = characters.prefix(start)
            let blank = characters.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
            if !blank, characters.first != "#" {
                guard prefix.count == start, prefix.allSatisfy({ $0 == " " || $0 == "-" }) else { break }
                if prefix.allSatisfy({ $0 == " " }), keyAt(lines[index]) {
                    var first = Array(lines[line - 1])
                    first.insert(contentsOf: "\(marker)\(line)_", at: start)
                    lines[line - 1] = String(first)
                    return true
                }
            }
            index += 1
        }
        return false
    }
}
