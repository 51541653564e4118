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
