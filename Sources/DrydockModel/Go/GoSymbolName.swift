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
        var bytes: [UInt8] = []
        appendNormalized(name, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `name`'s normalized UTF-8 bytes to `output`. Every byte the rules look at is ASCII, and no byte of a
    /// multi-byte UTF-8 sequence is, so the rules work on bytes exactly as on characters (and much faster).
    public static func appendNormalized(_ name: String, to output: inout [UInt8]) {
        var depth = 0
        var previous = UInt8(ascii: " ")
        var skipClose = 0  // `(*` opened at bracket depth 0, waiting for its `)`
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "]"): depth = max(0, depth - 1)
            case _ where depth > 0: break
            case UInt8(ascii: "(") where previous == UInt8(ascii: "."): skipClose += 1
            case UInt8(ascii: "*") where previous == UInt8(ascii: "(") && skipClose > 0: break
            case UInt8(ascii: ")") where skipClose > 0: skipClose -= 1
            default: output.append(byte)
            }
            if depth == 0 { previous = byte }
        }
    }
}
