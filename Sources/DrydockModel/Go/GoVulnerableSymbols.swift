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
}
