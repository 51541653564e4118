/// RubyGems version ordering (`Gem::Version#<=>`).
///
/// A version is digits followed by `.`-separated alphanumeric parts, optionally `-` and more parts
/// (`-` reads as `.pre.`). It splits into numbers and letter runs (`1.0.a1` → 1, 0, "a", 1); trailing
/// zeros of the numeric prefix and of the rest are dropped; then segments compare pairwise with missing
/// ones as 0: numbers numerically, strings by bytes, and any string below any number (so `1.0.a < 1.0`).
enum RubyGemsVersion {
    /// One segment: a number (digits without leading zeros) or a letter run.
    enum Segment: Equatable {
        case number(String)
        case text(String)
    }

    static func compare(_ lhs: String, _ rhs: String) throws(VersionError) -> VersionOrder {
        compare(try canonicalSegments(lhs), try canonicalSegments(rhs))
    }

    /// `Gem::Version#<=>` over canonical segments.
    static func compare(_ a: [Segment], _ b: [Segment]) -> VersionOrder {
        if a == b { return .equal }
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : .number("")
            let y = index < b.count ? b[index] : .number("")
            switch (x, y) {
            case (.number(let m), .number(let n)) where m != n:
                if m.utf8.count != n.utf8.count { return m.utf8.count < n.utf8.count ? .less : .greater }
                return m < n ? .less : .greater
            case (.text(let s), .text(let t)) where s != t:
                return s.utf8.lexicographicallyPrecedes(t.utf8) ? .less : .greater
            case (.text, .number): return .less
            case (.number, .text): return .greater
            default: continue
            }
        }
        return .equal
    }

    /// Checks `Gem::Version`'s pattern: `\s*[0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?\s*`
    /// (or blank, which means `0`).
    static func isValid(_ bytes: [UInt8]) -> Bool {
        if bytes.isEmpty { return true }
        var i = 0
        guard i < bytes.count, ByteClass.isDigit(bytes[i]) else { return false }
        while i < bytes.count && ByteClass.isDigit(bytes[i]) { i += 1 }
        while i < bytes.count && bytes[i] == UInt8(ascii: ".") {
            let start = i + 1
            i = start
            while i < bytes.count && ByteClass.isAlnum(bytes[i]) { i += 1 }
            if i == start { return false }
        }
        if i < bytes.count && bytes[i] == UInt8(ascii: "-") {
            repeat {
                let start = i + 1
                i = start
                while i < bytes.count && (ByteClass.isAlnum(bytes[i]) || bytes[i] == UInt8(ascii: "-")) { i += 1 }
                if i == start { return false }
            } while i < bytes.count && bytes[i] == UInt8(ascii: ".")
        }
        return i == bytes.count
    }

    /// The segments after `Gem::Version#canonical_segments`.
    static func canonicalSegments(_ text: String) throws(VersionError) -> [Segment] {
        let segments = try segments(text)
        let firstText = segments.firstIndex { if case .text = $0 { true } else { false } } ?? segments.count
        var numeric = Array(segments[..<firstText])
        var rest = Array(segments[firstText...])
        while numeric.last == .number("") { numeric.removeLast() }
        while rest.last == .number("") { rest.removeLast() }
        return numeric + rest
    }

    /// `Gem::Version#segments`: numbers and letter runs, `-` read as `.pre.`.
    static func segments(_ text: String) throws(VersionError) -> [Segment] {
        var bytes = Array(text.utf8)
        while let last = bytes.last, ByteClass.isSpace(last) { bytes.removeLast() }
        let leading = bytes.prefix(while: ByteClass.isSpace).count
        bytes.removeFirst(leading)
        guard isValid(bytes) else {
            throw VersionError(code: .invalidVersion, reason: "invalid RubyGems version", version: text)
        }
        var segments: [Segment] = []
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if ByteClass.isDigit(byte) {
                let start = i
                while i < bytes.count && ByteClass.isDigit(bytes[i]) { i += 1 }
                let digits = bytes[start..<i].drop { $0 == UInt8(ascii: "0") }
                segments.append(.number(String(decoding: digits, as: UTF8.self)))
            } else if ByteClass.isAlpha(byte) {
                let start = i
                while i < bytes.count && ByteClass.isAlpha(bytes[i]) { i += 1 }
                segments.append(.text(String(decoding: bytes[start..<i], as: UTF8.self)))
            } else {
                if byte == UInt8(ascii: "-") {
                    segments.append(.text("pre"))
                }
                i += 1
            }
        }
        if segments.isEmpty { segments.append(.number("")) }
        return segments
    }
}
