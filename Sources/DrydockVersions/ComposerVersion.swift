/// Composer (PHP) version ordering: `VersionParser::normalize` followed by PHP's `version_compare`.
///
/// `v1.2`, `1.2.0`, `1.2.0.0` normalise to `1.2.0.0`; stability suffixes normalise to `-alpha2`,
/// `-beta`, `-RC1`, `-patch1`, `-dev`; date versions (`2024.01.05`) keep their parts. The normalised
/// strings then compare part by part: numbers numerically; `dev` < `alpha` < `beta` < `RC` < release <
/// `patch`. Named branches (`dev-main`) have no order: comparing two different ones, or one with a
/// release, throws. Numeric branches (`1.x-dev`) normalise to `1.9999999.9999999.9999999-dev` and compare
/// like versions, as in Composer.
enum ComposerVersion {
    static func compare(_ lhs: String, _ rhs: String) throws(VersionError) -> VersionOrder {
        let a = try normalize(lhs)
        let b = try normalize(rhs)
        if a == b { return .equal }
        if a.hasPrefix("dev-") || b.hasPrefix("dev-") {
            let branch = a.hasPrefix("dev-") ? lhs : rhs
            throw VersionError(code: .invalidVersion, reason: "Composer branch versions have no order", version: branch)
        }
        return PHPVersionCompare.compare(a, b)
    }

    private static let stabilities = ["stable", "beta", "b", "rc", "alpha", "a", "patch", "pl", "p", "dev"]

    private static func expandStability(_ value: String) -> String {
        switch value.lowercased() {
        case "a", "alpha": "alpha"
        case "b", "beta": "beta"
        case "p", "pl", "patch": "patch"
        case "rc": "RC"
        default: value.lowercased()
        }
    }

    /// Composer's `VersionParser::normalize`; throws where Composer reports an invalid version.
    static func normalize(_ text: String) throws(VersionError) -> String {
        var version = Substring(text).trimmingSpaces
        if let range = version.range(of: " as ") { version = version[..<range.lowerBound].trimmingSpaces }
        if let at = version.lastIndex(of: "@"), stabilities.contains(version[version.index(after: at)...].lowercased())
        {
            version = version[..<at]
        }
        if ["master", "trunk", "default"].contains(String(version)) { return "dev-\(version)" }
        if version.lowercased().hasPrefix("dev-") { return "dev-" + version.dropFirst(4) }
        if let plus = version.firstIndex(of: "+") { version = version[..<plus] }
        guard !version.isEmpty else { throw invalid(text) }
        if let classical = ComposerScanner.classical(version) { return classical }
        if let date = ComposerScanner.date(version) { return date }
        let lower = version.lowercased()
        if lower.hasSuffix("dev") {
            var base = version.dropLast(3)
            if base.last == "." || base.last == "-" { base = base.dropLast() }
            if let branch = ComposerScanner.numericBranch(base) { return branch }
        }
        throw invalid(text)
    }

    fileprivate static func modifiers(stability: String?, number: String?, dev: Bool, base: String) -> String {
        var version = base
        if let stability, !stability.isEmpty {
            if stability.lowercased() == "stable" { return version }
            let trimmed = (number ?? "").drop { $0 == "." || $0 == "-" }
            version += "-" + expandStability(stability) + trimmed
        }
        if dev { version += "-dev" }
        return version
    }

    private static func invalid(_ text: String) -> VersionError {
        VersionError(code: .invalidVersion, reason: "invalid Composer version", version: text)
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        let bytes = self.utf8
        let start = bytes.firstIndex { !ByteClass.isSpace($0) } ?? bytes.endIndex
        let end = bytes.lastIndex { !ByteClass.isSpace($0) }.map { bytes.index(after: $0) } ?? start
        return start < end ? Substring(bytes[start..<end]) : ""
    }
}

/// The regular expressions of Composer's `VersionParser`, by hand over bytes.
enum ComposerScanner {
    /// Matches `[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\d+)*+)?)?([.-]?dev)?` to the end.
    static func modifier(_ bytes: [UInt8], from start: Int, base: String) -> String? {
        var i = start
        if i < bytes.count && [UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-")].contains(bytes[i]) { i += 1 }
        var stability: String?
        var number: String?
        let words = ["stable", "beta", "b", "rc", "alpha", "a", "patch", "pl", "p"]
        let lowered = bytes.map(ByteClass.lower)
        for word in words {
            let w = Array(word.utf8)
            if i + w.count <= bytes.count && Array(lowered[i..<(i + w.count)]) == w {
                stability = String(decoding: bytes[i..<(i + w.count)], as: UTF8.self)
                i += w.count
                let numberStart = i
                while true {
                    var j = i
                    if j < bytes.count && (bytes[j] == UInt8(ascii: ".") || bytes[j] == UInt8(ascii: "-")) { j += 1 }
                    let digits = j
                    while j < bytes.count && ByteClass.isDigit(bytes[j]) { j += 1 }
                    if j == digits { break }
                    i = j
                }
                number = String(decoding: bytes[numberStart..<i], as: UTF8.self)
                break
            }
        }
        var dev = false
        var j = i
        if j < bytes.count && (bytes[j] == UInt8(ascii: ".") || bytes[j] == UInt8(ascii: "-")) { j += 1 }
        if j + 3 == bytes.count && Array(lowered[j..<(j + 3)]) == Array("dev".utf8) {
            dev = true
            i = j + 3
        }
        guard i == bytes.count else { return nil }
        return ComposerVersion.modifiers(stability: stability, number: number, dev: dev, base: base)
    }

    /// `^v?(\d{1,5})(\.\d++)?(\.\d++)?(\.\d++)?` + modifier.
    static func classical(_ text: Substring) -> String? {
        let bytes = Array(text.utf8)
        var i = 0
        if i < bytes.count && (bytes[i] == UInt8(ascii: "v") || bytes[i] == UInt8(ascii: "V")) { i += 1 }
        var parts: [String] = []
        let first = i
        while i < bytes.count && ByteClass.isDigit(bytes[i]) { i += 1 }
        guard i > first, i - first <= 5 else { return nil }
        parts.append(String(decoding: bytes[first..<i], as: UTF8.self))
        while parts.count < 4, i + 1 < bytes.count, bytes[i] == UInt8(ascii: "."), ByteClass.isDigit(bytes[i + 1]) {
            let start = i + 1
            i = start
            while i < bytes.count && ByteClass.isDigit(bytes[i]) { i += 1 }
            parts.append(String(decoding: bytes[start..<i], as: UTF8.self))
        }
        while parts.count < 4 { parts.append("0") }
        return modifier(bytes, from: i, base: parts.joined(separator: "."))
    }

    /// `^v?(\d{4}(?:[.:-]?\d{2}){1,6}(?:[.:-]?\d{1,3}){0,2})` + modifier, non-digits turned into `.`.
    static func date(_ text: Substring) -> String? {
        let bytes = Array(text.utf8)
        var i = 0
        if i < bytes.count && (bytes[i] == UInt8(ascii: "v") || bytes[i] == UInt8(ascii: "V")) { i += 1 }
        let start = i
        while i < bytes.count
            && (ByteClass.isDigit(bytes[i])
                || [UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "-")].contains(bytes[i]))
        {
            i += 1
        }
        // Back off trailing separators, then require at least four digits and a date-like length.
        while i > start && !ByteClass.isDigit(bytes[i - 1]) { i -= 1 }
        let digits = bytes[start..<i].filter(ByteClass.isDigit).count
        guard digits >= 6, i - start >= 6, bytes[start..<min(start + 4, i)].allSatisfy(ByteClass.isDigit) else {
            return nil
        }
        let base = String(
            decoding: bytes[start..<i].map { ByteClass.isDigit($0) ? $0 : UInt8(ascii: ".") }, as: UTF8.self)
        return modifier(bytes, from: i, base: base)
    }

    /// `normalizeBranch` for numeric branches: `1.x`, `1.2.*` become `1.9999999.9999999.9999999-dev`.
    static func numericBranch(_ text: Substring) -> String? {
        var parts: [String] = []
        var name = text
        if name.first == "v" || name.first == "V" { name = name.dropFirst() }
        for part in name.split(separator: ".", omittingEmptySubsequences: false) {
            if part == "x" || part == "X" || part == "*" {
                parts.append("9999999")
            } else if !part.isEmpty, part.utf8.allSatisfy(ByteClass.isDigit) {
                parts.append(String(part))
            } else {
                return nil
            }
        }
        guard (1...4).contains(parts.count) else { return nil }
        while parts.count < 4 { parts.append("9999999") }
        return parts.joined(separator: ".") + "-dev"
    }
}
