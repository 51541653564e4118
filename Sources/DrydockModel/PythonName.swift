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

    /// The project name a PEP 508 requirement starts with (`requests[socks]>=2.0; python_version > "3"` →
    /// `requests`), normalised; `nil` when it starts with none.
    public static func requirementName(_ requirement: String) -> String? {
        let name = requirement.drop { $0 == " " || $0 == "\t" }.prefix { character in
            character.isASCII && (character.isLetter || character.isNumber || "-_.".contains(character))
        }
        return name.isEmpty ? nil : normalize(String(name))
    }
}
