/// Go function names in the notation vulnerability databases use for symbols.
///
/// The linker names a function `import/path.Func`, a method `import/path.Type.Method` or
/// `import/path.(*Type).Method`, a generic instantiation `import/path.Func[...]`, a closure
/// `import/path.Func.func1`. OSV's Go records (like govulncheck) name `Func` or `Type.Method` under an
/// import path. The normalized form drops the pointer receiver's `(*…)` and instantiation brackets, so
/// `pkg.(*Reader).Read` and `pkg.Reader.Read` both give `pkg.Reader.Read`. The import path is not split
/// off: its last element may itself hold dots (`gopkg.in/yaml.v3`), so lookups go by the advisory's path.
public enum GoSymbolName {
    /// `name` without `[...]` groups and with `(*T)` written `T`.
    public static func normalized(_ name: String) -> String {
        var result = ""
        result.reserveCapacity(name.utf8.count)
        var depth = 0
        var previous: Character = " "
        var skipClose = 0  // `(*` opened at bracket depth 0, waiting for its `)`
        for character in name {
            switch character {
            case "[": depth += 1
            case "]": depth = max(0, depth - 1)
            case _ where depth > 0: break
            case "(" where previous == ".": skipClose += 1
            case "*" where previous == "(" && skipClose > 0: break
            case ")" where skipClose > 0: skipClose -= 1
            default: result.append(character)
            }
            if depth == 0 { previous = character }
        }
        return result
    }
}

/// The function names of one Go binary, normalized (see `GoSymbolName`), for asking whether an
/// advisory's symbols are present.
///
/// Kept once per binary (a few thousand to a few hundred thousand names), shared by all its packages.
public struct GoSymbolSet: Sendable, Hashable {
    /// Normalized names, sorted and without repeats.
    public let names: [String]

    /// The set of `linkerNames` (as `GoFunctionTable` reads them).
    public init(linkerNames: some Sequence<String>) {
        names = Array(Set(linkerNames.map(GoSymbolName.normalized))).sorted()
    }

    /// Whether `importPath.symbol` is present: as a function or method, or as a closure written inside it
    /// (`symbol.func1`), which stands for the function when the compiler inlined the function itself.
    public func contains(importPath: String, symbol: String) -> Bool {
        let qualified = "\(importPath).\(symbol)"
        // First name not ordered before `qualified`: the name itself, or the first one it prefixes.
        var low = 0
        var high = names.count
        while low < high {
            let middle = (low + high) / 2
            if names[middle] < qualified { low = middle + 1 } else { high = middle }
        }
        guard low < names.count else { return false }
        if names[low] == qualified { return true }
        // Closures sort after `qualified.`; names like `qualifiedX` may come between.
        let closurePrefix = qualified + "."
        var index = low
        while index < names.count, names[index].hasPrefix(qualified) {
            if names[index].hasPrefix(closurePrefix) { return true }
            index += 1
        }
        return false
    }
}
