extension JSONWriter {
    /// The UTF-8 bytes of `value` on one line, without spaces or a trailing newline (JSON Lines).
    public static func writeCompact(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        writeCompact(value, into: &out)
        return out
    }

    private static func writeCompact(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out += Array("null".utf8)
        case .bool(let flag): out += Array((flag ? "true" : "false").utf8)
        case .int(let number): out += Array(String(number).utf8)
        case .double(let number): out += Array(format(number).utf8)
        case .string(let text): writeString(text, into: &out)
        case .array(let values):
            out.append(UInt8(ascii: "["))
            for (index, element) in values.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeCompact(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, (key, element)) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                writeCompact(element, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }
}
