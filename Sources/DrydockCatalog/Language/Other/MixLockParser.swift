import DrydockModel
import Foundation

/// Reads Elixir's `mix.lock`: `"name": {:hex, :package, "version", "checksum", [:mix], [DEPS], …}` lines; git and
/// path dependencies are left out. Each package's `dependsOn` lists the locked packages its DEPS name
/// (`{:name, "requirement", [hex: …, optional: …]}`, by the name that keys the lock); Trivy's parser gives none.
public enum MixLockParser {
    /// Parses one `mix.lock`.
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        var packages: [Package] = []
        var requires: [[String]] = []
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
                warnings.append(
                    CatalogWarning(path: path, line: offset + 1, message: "hex entry without version; skipped"))
                continue
            }
            packages.append(LanguagePackage.make(name: strings[0], version: strings[1], ecosystem: .hex, path: path))
            requires.append(dependencyNames(tuple))
        }
        let ids = Dictionary(packages.map { ($0.name, $0.id) }, uniquingKeysWith: { first, _ in first })
        for index in packages.indices {
            packages[index].dependsOn = Set(requires[index].compactMap { ids[$0] }).sorted()
        }
        return LanguageFile(type: .hex, packages: packages, warnings: warnings)
    }

    /// The names of the dependencies a lock entry's tuple lists: each `{:name, …}` in it (the tuple's own
    /// elements are atoms, strings and the `[:mix]` build tools list, never a `{`).
    static func dependencyNames(_ tuple: Substring) -> [String] {
        var names: [String] = []
        var rest = tuple
        while let open = rest.range(of: "{:") {
            let name = rest[open.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            if !name.isEmpty { names.append(String(name)) }
            rest = rest[open.upperBound...]
        }
        return names
    }
}
