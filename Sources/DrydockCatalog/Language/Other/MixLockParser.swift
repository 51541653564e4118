import Foundation

import DrydockModel

/// Reads Elixir's `mix.lock`: `"name": {:hex, :package, "version", …}` lines; git and path
/// dependencies are left out.
public enum MixLockParser {
    /// Parses one `mix.lock`.
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        var packages: [Package] = []
        var warnings: [CatalogWarning] = []
        for (offset, line) in TextLines.lines(bytes).enumerated() {
            let text = line.drop { $0 == " " || $0 == "\t" }
            guard text.hasPrefix("\"") else { continue }
            let strings = GemspecParser.quotedStrings(text)
            guard let colon = text.range(of: ": {") else {
                warnings.append(CatalogWarning(path: path, line: offset + 1, message: "not 'name: {…}'; skipped"))
                continue
            }
            let tuple = text[colon.upperBound...]
            guard tuple.hasPrefix(":hex,") else { continue }
            guard strings.count >= 2 else {
                warnings.append(CatalogWarning(path: path, line: offset + 1, message: "hex entry without version; skipped"))
                continue
            }
            packages.append(LanguagePackage.make(name: strings[0], version: strings[1], ecosystem: .hex, path: path))
        }
        return LanguageFile(type: .hex, packages: packages, warnings: warnings)
    }
}
