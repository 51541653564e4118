/// The check every XML input passes before Foundation's `XMLParser` sees it.
///
/// On Linux, FoundationXML turns the element and attribute names libxml2 reports into Swift strings with a
/// forced conversion, and libxml2 reports them before it notices that the document's UTF-8 is broken: a
/// project file with one invalid byte in an attribute name (found by fuzzing `Directory.Packages.props`)
/// crashed the whole scan. A document that is to be read as UTF-8 must therefore be valid UTF-8 first.
/// Documents in another encoding — a UTF-16 or UTF-32 byte-order mark, or an XML declaration naming an
/// encoding other than UTF-8 — are left to libxml2, which converts them to valid UTF-8 itself.
public enum XMLInputCheck {
    /// Why `bytes` cannot be given to `XMLParser`, or `nil` when they can.
    public static func problem(_ bytes: [UInt8]) -> String? {
        guard readsAsUTF8(head: bytes[...]) else { return nil }
        var validator = UTF8Validator()
        validator.feed(bytes)
        return validator.isComplete ? nil : problem(at: validator.offset)
    }

    /// Whether a document starting with `head` (its first few hundred bytes) is read as UTF-8 and so must be
    /// valid UTF-8: no UTF-16/UTF-32 byte-order mark and no other encoding declared.
    public static func readsAsUTF8(head: ArraySlice<UInt8>) -> Bool {
        !hasWideByteOrderMark(head) && !declaresOtherEncoding(head)
    }

    /// The reason given for a document whose UTF-8 breaks at byte `offset`.
    public static func problem(at offset: Int) -> String {
        "not valid UTF-8 (at byte \(offset)) and no other encoding declared"
    }

    private static func hasWideByteOrderMark(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE])
            || bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF])
    }

    /// Whether the XML declaration (`<?xml … encoding="…"?>`, after an optional UTF-8 byte-order mark) names an
    /// encoding other than UTF-8.
    private static func declaresOtherEncoding(_ bytes: ArraySlice<UInt8>) -> Bool {
        var start = bytes.startIndex
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
        let head = bytes[start..<min(bytes.endIndex, start + 256)]
        guard head.starts(with: Array("<?xml".utf8)),
            let close = head.firstRange(of: Array("?>".utf8))
        else { return false }
        let declaration = String(decoding: head[head.startIndex..<close.lowerBound], as: UTF8.self).lowercased()
        guard let key = declaration.firstRange(of: "encoding") else { return false }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return false }
        let name = rest.dropFirst().prefix { $0 != quote }
        return !["utf-8", "utf8"].contains(String(name))
    }
}
