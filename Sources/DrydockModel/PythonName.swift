/// Python package names, shared by the catalog (purls, lockfiles) and the DB (lookup keys).
public enum PythonName {
    /// PEP 503 normalisation: lowercase, every run of `-`, `_` and `.` becomes one `-`.
    public static func normalize(_ name: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count)
        var inSeparatorRun = false
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
                if !inSeparatorRun { out.append(UInt8(ascii: "-")) }
                inSeparatorRun = true
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                out.append(byte + 32)
                inSeparatorRun = false
            default:
                out.append(byte)
                inSeparatorRun = false
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
