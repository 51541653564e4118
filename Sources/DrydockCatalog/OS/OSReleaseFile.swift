/// The assignments of an `os-release` file (`etc/os-release`, `usr/lib/os-release`).
///
/// Follows the os-release(5) format: one `KEY=value` per line, `#` comments and blank lines ignored,
/// values optionally in double or single quotes with shell-style `\` escapes (`\"`, `\\`, `\$`, `` \` ``).
/// Lines that are not assignments are ignored, as the specification asks of readers.
public struct OSReleaseFile: Sendable, Hashable, Codable {
    /// Every assignment, by key; a key assigned twice keeps its last value.
    public var fields: [String: String]

    /// Creates a file from already-parsed fields.
    public init(fields: [String: String]) {
        self.fields = fields
    }

    /// `ID`, lower-cased (`alpine`, `debian`, `ubuntu`), when present and non-empty.
    public var id: String? { fields["ID"].flatMap { $0.isEmpty ? nil : $0.lowercased() } }
    /// `VERSION_ID` (`3.10.4`, `12`, `22.04`), when present and non-empty.
    public var versionID: String? { fields["VERSION_ID"].flatMap { $0.isEmpty ? nil : $0 } }
    /// `PRETTY_NAME`, when present and non-empty.
    public var prettyName: String? { fields["PRETTY_NAME"].flatMap { $0.isEmpty ? nil : $0 } }
    /// `ID_LIKE`, split on spaces (`["debian"]` for Ubuntu).
    public var idLike: [String] {
        (fields["ID_LIKE"] ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.lowercased() }
    }

    /// Parses the text of an os-release file. Never fails: unreadable lines are skipped.
    public static func parse(_ bytes: some Collection<UInt8>) -> OSReleaseFile {
        let text = String(decoding: bytes, as: UTF8.self)
        var fields: [String: String] = [:]
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = rawLine.drop(while: { $0 == " " || $0 == "\t" })
            guard let first = line.first, first != "#", let equals = line.firstIndex(of: "=") else { continue }
            let key = line[line.startIndex..<equals].trimmingSpaces()
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { continue }
            fields[String(key)] = unquote(line[line.index(after: equals)...])
        }
        return OSReleaseFile(fields: fields)
    }

    /// Removes shell quoting from a value: `"a \"b\""` → `a "b"`, `'x'` → `x`, `plain` → `plain`.
    static func unquote(_ raw: Substring) -> String {
        var result = ""
        var quote: Character?
        var iterator = raw.trimmingSpaces().makeIterator()
        while let character = iterator.next() {
            switch (quote, character) {
            case (nil, "\""), (nil, "'"):
                quote = character
            case ("'", "'"), ("\"", "\""):
                quote = nil
            case ("'", _):
                result.append(character)
            case ("\"", "\\"):
                guard let next = iterator.next() else { return result }
                if next == "\"" || next == "\\" || next == "$" || next == "`" {
                    result.append(next)
                } else if next != "\n" {
                    result.append("\\")
                    result.append(next)
                }
            case (nil, "\\"):
                guard let next = iterator.next() else { return result }
                result.append(next)
            case (nil, "#") where result.isEmpty:
                return result
            default:
                result.append(character)
            }
        }
        return result
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> SubSequence {
        var start = startIndex
        var end = endIndex
        while start < end, self[start] == " " || self[start] == "\t" { start = index(after: start) }
        while end > start {
            let before = index(before: end)
            guard self[before] == " " || self[before] == "\t" else { break }
            end = before
        }
        return self[start..<end]
    }
}
