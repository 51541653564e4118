/// License text reduced to what classification compares: lower-case ASCII letters and digits, every other
/// run of characters one space. `"Version 2.1, February 1999"` → `"version 2 1 february 1999"`.
///
/// Kept as bytes and searched as bytes: texts are long (a GPL is 18 KB) and each is searched for every
/// license's phrases.
struct LicenseText {
    /// The reduced text, with a space at both ends so phrases match whole words.
    let bytes: [UInt8]
    /// A hash of every word of the text: a phrase with a word not in it cannot be in the text, which most
    /// phrases show without searching (source files are classified by the thousand with `--license-full`).
    let wordHashes: Set<UInt64>

    init(_ text: some StringProtocol) {
        self.init(bytes: text.utf8)
    }

    init(bytes: some Sequence<UInt8>) {
        var result: [UInt8] = [0x20]
        var hashes: Set<UInt64> = []
        var hash = Phrase.hashSeed
        var pendingSpace = false
        for byte in bytes {
            let lower: UInt8? =
                switch byte {
                case 0x61...0x7A, 0x30...0x39: byte
                case 0x41...0x5A: byte + 0x20
                default: nil
                }
            if let lower {
                if pendingSpace, result.count > 1 {
                    result.append(0x20)
                    hashes.insert(hash)
                    hash = Phrase.hashSeed
                }
                pendingSpace = false
                result.append(lower)
                hash = Phrase.hash(hash, lower)
            } else {
                pendingSpace = true
            }
        }
        if result.count > 1 { hashes.insert(hash) }
        result.append(0x20)
        self.bytes = result
        self.wordHashes = hashes
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
        contains(Phrase(phrase))
    }

    /// Whether the text holds `phrase` as whole words.
    func contains(_ phrase: Phrase) -> Bool {
        phrase.wordHashes.allSatisfy(wordHashes.contains) && ByteSearch.contains(phrase.needle, in: bytes)
    }
}

/// A reduced phrase ready to be searched for: its bytes between spaces and its words' hashes.
struct Phrase: Sendable, Hashable {
    /// ` phrase ` as bytes.
    let needle: [UInt8]
    /// The hash of each distinct word.
    let wordHashes: [UInt64]

    /// `text` must already be reduced (`LicenseText.reduce`): lower-case words separated by single spaces.
    init(_ text: String) {
        needle = [0x20] + Array(text.utf8) + [0x20]
        wordHashes = Array(
            Set(text.split(separator: " ").map { word in word.utf8.reduce(Phrase.hashSeed, Phrase.hash) }))
    }

    /// FNV-1a, 64 bits.
    static let hashSeed: UInt64 = 0xcbf2_9ce4_8422_2325
    static func hash(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
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
