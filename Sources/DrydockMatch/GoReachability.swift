import DrydockModel
import DrydockVulnDB

/// Whether the functions a Go advisory names are in a binary, as govulncheck decides in binary mode.
///
/// Only the function table of the binary is consulted (`GoSymbolSet` in DrydockCatalog): a function the
/// linker kept is counted as reachable, one it dropped (never called) is not.
public enum GoReachability {
    /// The reachability of a finding whose advisory lists `imports`, for a binary whose function table
    /// answers `contains(importPath, symbol)`.
    ///
    /// `nil` (unknown) when the advisory names no symbol for some import (the whole package is affected)
    /// or names no import at all; `.reachable` with the symbols found when any is present;
    /// `.notReachable` with every symbol checked (as `import/path.Symbol`) when none is.
    public static func assess(
        imports: [GoVulnerableSymbols], contains: (_ importPath: String, _ symbol: String) -> Bool
    ) -> Reachability? {
        guard !imports.isEmpty, imports.allSatisfy({ !$0.symbols.isEmpty }) else { return nil }
        var found: [String] = []
        var checked: [String] = []
        for item in imports {
            for symbol in item.symbols {
                let qualified = "\(item.importPath).\(symbol)"
                checked.append(qualified)
                if contains(item.importPath, symbol) { found.append(qualified) }
            }
        }
        return found.isEmpty ? .notReachable(checkedSymbols: checked) : .reachable(symbols: found)
    }
}
