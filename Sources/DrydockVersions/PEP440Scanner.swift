/// A hand-written equivalent of `packaging`'s PEP 440 regular expression, over UTF-8 bytes.
struct PEP440Scanner {
    let bytes: [UInt8]
    var position = 0

    init(_ text: String) {
        self.bytes = Array(text.utf8)
    }

    private func byte(at offset: Int = 0) -> UInt8? {
        let index = position + offset
        return index < bytes.count ? ByteClass.lower(bytes[index]) : nil
    }

    private static func isSeparator(_ byte: UInt8?) -> Bool {
        byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
    }

    private func isDigit(at offset: Int) -> Bool {
        byte(at: offset).map(ByteClass.isDigit) ?? false
    }

    /// Reads a run of digits; `nil` when there is none or it overflows.
    private mutating func number() -> Int?? {
        guard isDigit(at: 0) else { return .some(nil) }
        var value = 0
        var overflow = false
        while let byte = byte(), ByteClass.isDigit(byte) {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int(byte - 0x30))
            overflow = overflow || o1 || o2
            value = s
            position += 1
        }
        return overflow ? nil : .some(value)
    }

    /// Matches one of `words` (lowercase) at the cursor, trying them in order; returns its index.
    private mutating func word(_ words: [[UInt8]]) -> Int? {
        for index in words.indices {
            let word = words[index]
            var offset = 0
            while offset < word.count && byte(at: offset) == word[offset] { offset += 1 }
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
    private mutating func labelNumber() -> Int?? {
        if Self.isSeparator(byte()) && isDigit(at: 1) { position += 1 }
        return number()
    }

    /// Tries `[-_.]?label`, restoring the cursor when no label matches.
    private mutating func label(_ words: [[UInt8]]) -> Int? {
        let start = position
        if Self.isSeparator(byte()) { position += 1 }
        if let index = word(words) { return index }
        position = start
        return nil
    }

    mutating func parseVersion() -> PEP440Version? {
        var version = PEP440Version()
        while let byte = byte(), ByteClass.isSpace(byte) { position += 1 }
        if byte() == UInt8(ascii: "v") { position += 1 }
        guard case .some(let first?) = number() else { return nil }
        if byte() == UInt8(ascii: "!") {
            position += 1
            version.epoch = first
            guard case .some(let major?) = number() else { return nil }
            version.release = [major]
        } else {
            version.release = [first]
        }
        while byte() == UInt8(ascii: "."), isDigit(at: 1) {
            position += 1
            guard case .some(let part?) = number() else { return nil }
            version.release.append(part)
        }
        if let index = label(Self.preLabels) {
            guard case .some(let n) = labelNumber() else { return nil }
            version.pre = (Self.preKinds[index], n ?? 0)
        }
        if byte() == UInt8(ascii: "-"), isDigit(at: 1) {
            position += 1
            guard case .some(let n?) = number() else { return nil }
            version.post = n
        } else if label(Self.postLabels) != nil {
            guard case .some(let n) = labelNumber() else { return nil }
            version.post = n ?? 0
        }
        if label(Self.devLabels) != nil {
            guard case .some(let n) = labelNumber() else { return nil }
            version.dev = n ?? 0
        }
        if byte() == UInt8(ascii: "+") {
            position += 1
            guard let local = parseLocal() else { return nil }
            version.local = local
        }
        while let byte = byte(), ByteClass.isSpace(byte) { position += 1 }
        return position == bytes.count ? version : nil
    }

    private mutating func parseLocal() -> [PEP440Version.LocalSegment]? {
        var segments: [PEP440Version.LocalSegment] = []
        while true {
            let start = position
            var allDigits = true
            while let byte = byte(), ByteClass.isAlnum(byte) {
                allDigits = allDigits && ByteClass.isDigit(byte)
                position += 1
            }
            guard position > start else { return nil }
            var text = ""
            for index in start..<position { text.unicodeScalars.append(Unicode.Scalar(ByteClass.lower(bytes[index]))) }
            if allDigits, let value = Int(text) {
                segments.append(.number(value))
            } else if allDigits {
                return nil
            } else {
                segments.append(.text(text))
            }
            guard Self.isSeparator(byte()), let next = byte(at: 1), ByteClass.isAlnum(next) else { break }
            position += 1
        }
        return segments
    }
}
