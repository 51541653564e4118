/// Serialises a `JSONValue`: pretty-printed (two-space indentation, a trailing newline) for reports, or compact
/// on one line for JSON Lines.
public enum JSONWriter {
    /// The UTF-8 bytes of `value`, pretty-printed.
    public static func write(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 * 1024)
        write(value, indent: 0, into: &out)
        out.append(UInt8(ascii: "\n"))
        return out
    }

    /// The UTF-8 bytes of `value` on one line, without spaces or a trailing newline (JSON Lines).
    public static func writeCompact(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        write(value, indent: nil, into: &out)
        return out
    }

    /// A line break and `indent` levels of indentation; nothing when compact (`indent` is `nil`).
    private static func newline(_ indent: Int?, into out: inout [UInt8]) {
        guard let indent else { return }
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    /// Writes `value` at nesting level `indent`, or compact when `indent` is `nil`.
    private static func write(_ value: JSONValue, indent: Int?, into out: inout [UInt8]) {
        let inner = indent.map { $0 + 1 }
        switch value {
        case .null: out += Array("null".utf8)
        case .bool(let flag): out += Array((flag ? "true" : "false").utf8)
        case .int(let number): out += Array(String(number).utf8)
        case .double(let number): out += Array(format(number).utf8)
        case .string(let text): writeString(text, into: &out)
        case .array(let values):
            guard !values.isEmpty else {
                out += Array("[]".utf8)
                return
            }
            out.append(UInt8(ascii: "["))
            for (index, element) in values.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(inner, into: &out)
                write(element, indent: inner, into: &out)
            }
            newline(indent, into: &out)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else {
                out += Array("{}".utf8)
                return
            }
            out.append(UInt8(ascii: "{"))
            for (index, (key, element)) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(inner, into: &out)
                writeString(key, into: &out)
                out += Array(indent == nil ? ":".utf8 : ": ".utf8)
                write(element, indent: inner, into: &out)
            }
            newline(indent, into: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Integral doubles print without a fraction (`5`), others in Swift's shortest round-trip form (`5.3`).
    static func format(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                out += Array("\\u00".utf8)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
