/// The functions a Go advisory names for one package: OSV's
/// `affected[].ecosystem_specific.imports[]` (`path` and `symbols`).
///
/// Go's vulnerability database lists, per affected module, the packages (import paths) holding the
/// vulnerable code and, in each, the vulnerable functions (`Func`, `Type.Method`). An import with no
/// symbols means the whole package is affected.
public struct GoVulnerableSymbols: Sendable, Hashable, Codable {
    /// The package's import path: `golang.org/x/text/language`.
    public var importPath: String
    /// Functions and methods in it, as advisories write them; empty when the advisory names none.
    public var symbols: [String]

    /// An import path and its vulnerable symbols.
    public init(importPath: String, symbols: [String]) {
        self.importPath = importPath
        self.symbols = symbols
    }

    /// The imports of one OSV `affected[]` entry, in record order; entries without a usable `path` are
    /// skipped (the record stays importable: symbols only refine it).
    public static func imports(ofAffected entry: JSONValue) -> [GoVulnerableSymbols] {
        guard let imports = entry["ecosystem_specific"]?["imports"]?.arrayValue else { return [] }
        return imports.compactMap { item in
            guard let path = item["path"]?.stringValue, !path.isEmpty else { return nil }
            let symbols = (item["symbols"]?.arrayValue ?? []).compactMap(\.stringValue).filter { !$0.isEmpty }
            return GoVulnerableSymbols(importPath: path, symbols: symbols)
        }
    }
}
