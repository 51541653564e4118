/// Appends compact JSON text for the values the DB stores in its JSON columns.
///
/// Output is deterministic: members are written in the order given, with no whitespace.
enum JSONWriter {
    /// `value` as a JSON string literal.
    static func string(_ value: String, into out: inout String) {
        out.append("\"")
        var needsEscape = false
        for byte in value.utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            needsEscape = true
            break
        }
        if !needsEscape {
            out.append(value)
        } else {
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": out.append("\\\"")
                case "\\": out.append("\\\\")
                case "\n": out.append("\\n")
                case "\r": out.append("\\r")
                case "\t": out.append("\\t")
                default:
                    if scalar.value < 0x20 {
                        let hex = String(scalar.value, radix: 16)
                        out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
        }
        out.append("\"")
    }

    /// A JSON array of strings.
    static func stringArray(_ values: [String]) -> String {
        var out = "["
        for (offset, value) in values.enumerated() {
            if offset > 0 { out.append(",") }
            string(value, into: &out)
        }
        out.append("]")
        return out
    }
}
