/// A CPE name, the parts VEX matching needs: part, vendor, product, version and update.
///
/// Reads both spellings: the 2.2 URI (`cpe:/o:redhat:enterprise_linux:9::baseos`) and the 2.3 formatted
/// string (`cpe:2.3:o:suse:sles:15:sp5:*:*:*:*:*:*`). Components are lower-cased; `*`, `-` and empty
/// components are "any" and read as `nil`.
public struct CPEName: Sendable, Hashable {
    /// `o` (operating system), `a` (application) or `h` (hardware).
    public var part: String
    public var vendor: String
    public var product: String
    public var version: String?
    public var update: String?
    /// The CPE as written.
    public var text: String

    /// Parses `text`; `nil` when it is not a CPE or lacks part, vendor or product.
    public init?(_ text: String) {
        let lowered = text.lowercased()
        var fields: [String]
        if lowered.hasPrefix("cpe:2.3:") {
            fields = CPEName.splitFormatted(String(lowered.dropFirst("cpe:2.3:".count)))
        } else if lowered.hasPrefix("cpe:/") {
            fields = lowered.dropFirst("cpe:/".count).split(separator: ":", omittingEmptySubsequences: false)
                .map { CPEName.percentDecode(String($0)) }
        } else {
            return nil
        }
        while fields.count < 5 { fields.append("") }
        let any: (String) -> String? = { ["", "*", "-"].contains($0) ? nil : $0 }
        guard let part = any(fields[0]), let vendor = any(fields[1]), let product = any(fields[2]) else {
            return nil
        }
        self.part = part
        self.vendor = vendor
        self.product = product
        version = any(fields[3])
        update = any(fields[4])
        self.text = text
    }

    /// Splits a 2.3 formatted string on unescaped `:` and removes the `\` escapes.
    private static func splitFormatted(_ text: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }

    private static func percentDecode(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var rest = Array(text.utf8)[...]
        while let byte = rest.popFirst() {
            if byte == UInt8(ascii: "%"), rest.count >= 2,
                let value = UInt8(String(decoding: rest.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                rest = rest.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
