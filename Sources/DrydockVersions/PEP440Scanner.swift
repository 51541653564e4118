/// A hand-written equivalent of `packaging`'s PEP 440 regular expression, over UTF-8 bytes.
///
/// Reads the bytes in place: parsing allocates nothing unless the version has a local part (`+…`) or
/// more than four release numbers.
enum PEP440Scanner {
    private static func byte(_ bytes: Span<UInt8>, _ index: Int) -> UInt8? {
        index < bytes.count ? ByteClass.lower(bytes[index]) : nil
    }

    private static func isSeparator(_ byte: UInt8?) -> Bool {
        byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
    }

    private static func isDigit(_ bytes: Span<UInt8>, _ index: Int) -> Bool {
        index < bytes.count && ByteClass.isDigit(bytes[index])
    }

    /// Reads a run of digits: `.some(nil)` when there is none, `nil` when it overflows.
    private static func number(_ bytes: Span<UInt8>, _ position: inout Int) -> Int?? {
        guard isDigit(bytes, position) else { return .some(nil) }
        var value = 0
        var overflow = false
        while isDigit(bytes, position) {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int(bytes[position] &- 0x30))
            overflow = overflow || o1 || o2
            value = s
            position += 1
        }
        return overflow ? nil : .some(value)
    }

    /// Matches one of `words` (lowercase) at the cursor, trying them in order; returns its index.
    private static func word(_ bytes: Span<UInt8>, _ position: inout Int, _ words: [[UInt8]]) -> Int? {
        guard let first = byte(bytes, position) else { return nil }
        for index in words.indices where words[index][0] == first {
            let word = words[index]
            var offset = 1
            while offset < word.count && byte(bytes, position + offset) == word[offset] { offset += 1 }
            if offset == word.count {
                position += offset
                return index
            }
        }
        return nil
    }

    private static let preLabels: [[UInt8]] = ["alpha", "a", "beta", "b", "preview", "pre", "c", "rc"].map {
        Array($0.utf8)
    }
    private static let preKinds = [0, 0, 1, 1, 2, 2, 2, 2]
    private static let postLabels: [[UInt8]] = ["post", "rev", "r"].map { Array($0.utf8) }
    private static let devLabels: [[UInt8]] = [Array("dev".utf8)]

    /// An optional `[-_.]?N` after a label; the separator is only taken when digits follow it.
    private static func labelNumber(_ bytes: Span<UInt8>, _ position: inout Int) -> Int?? {
        if isSeparator(byte(bytes, position)) && isDigit(bytes, position + 1) { position += 1 }
        return number(bytes, &position)
    }

    /// Tries `[-_.]?label`, restoring the cursor when no label matches.
    private static func label(_ bytes: Span<UInt8>, _ position: inout Int, _ words: [[UInt8]]) -> Int? {
        let start = position
        if isSeparator(byte(bytes, position)) { position += 1 }
        if let index = word(bytes, &position, words) { return index }
        position = start
        return nil
    }

    /// Parses a whole version; `nil` when the bytes are not PEP 440.
    static func parse(_ bytes: Span<UInt8>) -> PEP440Version? {
        var version = PEP440Version()
        var position = 0
        while position < bytes.count && ByteClass.isSpace(bytes[position]) { position += 1 }
        if byte(bytes, position) == UInt8(ascii: "v") { position += 1 }
        guard case .some(let first?) = number(bytes, &position) else { return nil }
        if byte(bytes, position) == UInt8(ascii: "!") {
            position += 1
            version.epoch = first
            guard case .some(let major?) = number(bytes, &position) else { return nil }
            version.release.append(major)
        } else {
            version.release.append(first)
        }
        while byte(bytes, position) == UInt8(ascii: "."), isDigit(bytes, position + 1) {
            position += 1
            guard case .some(let part?) = number(bytes, &position) else { return nil }
            version.release.append(part)
        }
        if let index = label(bytes, &position, preLabels) {
            guard case .some(let n) = labelNumber(bytes, &position) else { return nil }
            version.pre = (preKinds[index], n ?? 0)
        }
        if byte(bytes, position) == UInt8(ascii: "-"), isDigit(bytes, position + 1) {
            position += 1
            guard case .some(let n?) = number(bytes, &position) else { return nil }
            version.post = n
        } else if label(bytes, &position, postLabels) != nil {
            guard case .some(let n) = labelNumber(bytes, &position) else { return nil }
            version.post = n ?? 0
        }
        if label(bytes, &position, devLabels) != nil {
            guard case .some(let n) = labelNumber(bytes, &position) else { return nil }
            version.dev = n ?? 0
        }
        if byte(bytes, position) == UInt8(ascii: "+") {
            position += 1
            guard let local = parseLocal(bytes, &position) else { return nil }
            version.local = local
        }
        while position < bytes.count && ByteClass.isSpace(bytes[position]) { position += 1 }
        return position == bytes.count ? version : nil
    }

    private static func parseLocal(_ bytes: Span<UInt8>, _ position: inout Int) -> [PEP440Version.LocalSegment]? {
        var segments: [PEP440Version.LocalSegment] = []
        while true {
            let start = position
            var allDigits = true
            while position < bytes.count && ByteClass.isAlnum(bytes[position]) {
                allDigits = allDigits && ByteClass.isDigit(bytes[position])
                position += 1
            }
            guard position > start else { return nil }
            if allDigits {
                var digits = start
                guard case .some(let value?) = number(bytes, &digits) else { return nil }
                segments.append(.number(value))
            } else {
                var text = ""
                for index in start..<position {
                    text.unicodeScalars.append(Unicode.Scalar(ByteClass.lower(bytes[index])))
                }
                segments.append(.text(text))
            }
            guard isSeparator(byte(bytes, position)), let next = byte(bytes, position + 1), ByteClass.isAlnum(next)
            else { break }
            position += 1
        }
        return segments
    }
}
