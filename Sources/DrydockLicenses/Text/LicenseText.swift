/// License text reduced to what classification compares: lower-case ASCII letters and digits, every other
/// run of characters one space. `"Version 2.1, February 1999"` → `"version 2 1 february 1999"`.
///
/// Kept as bytes and searched as bytes: texts are long (a GPL is 18 KB) and each is searched for every
/// license's phrases.
struct LicenseText {
    /// The reduced text, with a space at both ends so phrases match whole words.
    let bytes: [UInt8]

    init(_ text: some StringProtocol) {
        self.init(bytes: text.utf8)
    }

    init(bytes: some Sequence<UInt8>) {
        var result: [UInt8] = [0x20]
        var pendingSpace = false
        for byte in bytes {
            let lower: UInt8? =
                switch byte {
                case 0x61...0x7A, 0x30...0x39: byte
                case 0x41...0x5A: byte + 0x20
                default: nil
                }
            if let lower {
                if pendingSpace, result.count > 1 { result.append(0x20) }
                pendingSpace = false
                result.append(lower)
            } else {
                pendingSpace = true
            }
        }
        result.append(0x20)
        self.bytes = result
    }

    /// The reduced text as a string, with the surrounding spaces.
    var reduced: String { String(decoding: bytes, as: UTF8.self) }

    /// `text` reduced the same way, without the surrounding spaces (for phrases).
    static func reduce(_ text: some StringProtocol) -> String {
        let reduced = LicenseText(text).bytes
        return String(decoding: reduced.dropFirst().dropLast(), as: UTF8.self)
    }

    /// Whether the text holds `phrase` (already reduced) as whole words.
    func contains(_ phrase: String) -> Bool {
        let needle = [0x20] + Array(phrase.utf8) + [0x20]
        return ByteSearch.contains(needle, in: bytes)
    }
}

/// Substring search over bytes, without Foundation (whose string search copies the text on Linux).
enum ByteSearch {
    /// The start of the first occurrence of `needle` in `haystack` at or after `start`.
    static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int = 0) -> Int? {
        guard let first = needle.first, needle.count <= haystack.count - start else { return nil }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                var index = start
                let last = hay.count - pin.count
                while index <= last {
                    if hay[index] == first {
                        var offset = 1
                        while offset < pin.count, hay[index + offset] == pin[offset] { offset += 1 }
                        if offset == pin.count { return index }
                    }
                    index += 1
                }
                return nil
            }
        }
    }

    static func contains(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        firstIndex(of: needle, in: haystack) != nil
    }
}
