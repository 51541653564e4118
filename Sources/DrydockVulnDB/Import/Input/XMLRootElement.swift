/// Reads the local name of an XML document's root element without parsing the document.
public enum XMLRootElement {
    /// The root element's name without its namespace prefix (`cvrfdoc` for `<cvrf:cvrfdoc …>`), or `nil` when
    /// `bytes` do not start (after a byte-order mark, the XML declaration, comments, processing instructions and a
    /// doctype) with an element.
    public static func name(_ bytes: [UInt8]) -> String? {
        var index = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }
        func skip(past terminator: [UInt8]) -> Bool {
            while index + terminator.count <= bytes.count {
                if bytes[index..<(index + terminator.count)].elementsEqual(terminator) {
                    index += terminator.count
                    return true
                }
                index += 1
            }
            return false
        }
        while true {
            skipSpace()
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "<") else { return nil }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "?") {
                guard skip(past: Array("?>".utf8)) else { return nil }
            } else if bytes[index...].starts(with: Array("<!--".utf8)) {
                guard skip(past: Array("-->".utf8)) else { return nil }
            } else if next == UInt8(ascii: "!") {
                guard skip(past: [UInt8(ascii: ">")]) else { return nil }
            } else {
                index += 1
                let start = index
                while index < bytes.count, ![0x20, 0x09, 0x0A, 0x0D, 0x2F, 0x3E].contains(bytes[index]) { index += 1 }
                guard index > start else { return nil }
                let qualified = String(decoding: bytes[start..<index], as: UTF8.self)
                return qualified.split(separator: ":").last.map(String.init)
            }
        }
    }
}
