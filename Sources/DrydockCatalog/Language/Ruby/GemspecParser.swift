import DrydockModel

/// Reads an installed gem's `specifications/*.gemspec` (the Ruby file RubyGems writes): the
/// `X.name = "…"`, `X.version = "…"` and `X.license(s) = …` assignments.
public enum GemspecParser {
    /// Parses one gemspec. Throws when it names no gem or version.
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        var name: String?
        var version: String?
        var licenses: [String] = []
        for line in TextLines.lines(bytes) {
            let text = line.drop { $0 == " " || $0 == "\t" }
            guard let dot = text.firstIndex(of: "."), let equals = text.firstIndex(of: "="), dot < equals else {
                continue
            }
            let attribute = text[text.index(after: dot)..<equals].trimmed()
            let value = text[text.index(after: equals)...]
            switch attribute {
            case "name": name = name ?? quotedStrings(value).first
            case "version": version = version ?? quotedStrings(value).first
            case "license", "licenses": if licenses.isEmpty { licenses = quotedStrings(value) }
            default: continue
            }
        }
        guard let name, !name.isEmpty, let version, !version.isEmpty else {
            throw CatalogError(code: .malformedLockfile, reason: "gemspec without name or version", location: path)
        }
        return LanguageFile(
            type: .gemspec,
            packages: [LanguagePackage.make(name: name, version: version, ecosystem: .rubyGems, path: path, licenses: licenses)])
    }

    /// The `"…"` and `'…'` literals of `text`, before any `#` comment.
    static func quotedStrings(_ text: Substring) -> [String] {
        var out: [String] = []
        var quote: Character?
        var current = ""
        for character in text {
            if let open = quote {
                if character == open {
                    out.append(current)
                    current = ""
                    quote = nil
                } else {
                    current.append(character)
                }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#" {
                break
            }
        }
        return out
    }
}
