/// XML escaping shared by the JUnit writer and templates.
enum XMLText {
    /// `text` safe in XML text and attribute values: `& < > " '` escaped, characters XML 1.0 forbids
    /// (control characters other than tab, newline and carriage return) dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case let control where control.value < 0x20 || (0xFFFE...0xFFFF).contains(control.value): continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
