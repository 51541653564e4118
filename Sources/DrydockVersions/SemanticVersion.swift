/// SemVer 2.0 ordering and its ecosystem dialects, over UTF-8 bytes.
///
/// `MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]`: numbers compare numerically; a version with a pre-release
/// is lower than the release; pre-release identifiers compare left to right, numeric ones numerically
/// and below alphanumeric ones, which compare by ASCII; a shorter identifier list that is a prefix of the
/// other is lower. Dialects differ in what they accept and whether build metadata orders versions.
enum SemanticVersion {
    /// The rules of one SemVer flavour.
    struct Dialect: Sendable {
        /// Accept a leading `v` (`v1.2.3`).
        var allowsVPrefix = false
        /// Ignore surrounding whitespace, as node-semver does.
        var trimsSpaces = false
        /// Reject major, minor or patch numbers above 2^53 − 1, as node-semver does.
        var limitsToSafeIntegers = false
        /// Accept `v1` and `v1.2` as `v1.0.0` and `v1.2.0` (Go's shorthands).
        var allowsShortForms = false
        /// Accept leading zeros in numbers (`01.2.3`).
        var allowsLeadingZeros = false
        /// Build metadata orders versions: absent before present, then identifier by identifier.
        var comparesBuild = false
        var name: String

        static let strict = Dialect(name: "SemVer")
        static let npm = Dialect(allowsVPrefix: true, trimsSpaces: true, limitsToSafeIntegers: true, name: "npm")
        static let go = Dialect(allowsVPrefix: true, allowsShortForms: true, name: "Go module")
        static let cargo = Dialect(comparesBuild: true, name: "Cargo")
        static let hex = Dialect(name: "Hex")
        static let pub = Dialect(allowsLeadingZeros: true, comparesBuild: true, name: "Pub")
        static let swift = Dialect(allowsVPrefix: true, allowsLeadingZeros: true, name: "Swift package")
    }

    /// Byte ranges of a parsed version; numbers are digit runs without leading zeros.
    struct Parts {
        var numbers: (Range<Int>, Range<Int>, Range<Int>)
        var prerelease: Range<Int>?
        var build: Range<Int>?
    }

    static func compare(_ lhs: String, _ rhs: String, dialect: Dialect) throws(VersionError) -> VersionOrder {
        let a = lhs.utf8.span
        let b = rhs.utf8.span
        let pa = try parse(a, text: lhs, dialect: dialect)
        let pb = try parse(b, text: rhs, dialect: dialect)
        return compare(a, pa, b, pb, dialect: dialect)
    }

    static func compare(_ a: Span<UInt8>, _ pa: Parts, _ b: Span<UInt8>, _ pb: Parts, dialect: Dialect) -> VersionOrder
    {
        var order = compareNumbers(a, pa.numbers.0, b, pb.numbers.0)
        if order == .equal { order = compareNumbers(a, pa.numbers.1, b, pb.numbers.1) }
        if order == .equal { order = compareNumbers(a, pa.numbers.2, b, pb.numbers.2) }
        if order != .equal { return order }
        switch (pa.prerelease, pb.prerelease) {
        case (nil, nil): break
        case (nil, _): return .greater
        case (_, nil): return .less
        case (let x?, let y?):
            let order = compareIdentifiers(a, x, b, y)
            if order != .equal { return order }
        }
        guard dialect.comparesBuild else { return .equal }
        switch (pa.build, pb.build) {
        case (nil, nil): return .equal
        case (nil, _): return .less
        case (_, nil): return .greater
        case (let x?, let y?): return compareIdentifiers(a, x, b, y)
        }
    }

    /// Numeric comparison of two digit runs of any length.
    static func compareNumbers(_ a: Span<UInt8>, _ ra: Range<Int>, _ b: Span<UInt8>, _ rb: Range<Int>) -> VersionOrder {
        var i = ra.lowerBound
        var j = rb.lowerBound
        while i < ra.upperBound && a[i] == UInt8(ascii: "0") { i += 1 }
        while j < rb.upperBound && b[j] == UInt8(ascii: "0") { j += 1 }
        let la = ra.upperBound - i
        let lb = rb.upperBound - j
        if la != lb { return la < lb ? .less : .greater }
        return APKVersion.compareBytes(a, i..<ra.upperBound, b, j..<rb.upperBound)
    }

    private static func isNumeric(_ bytes: Span<UInt8>, _ range: Range<Int>) -> Bool {
        for index in range where !ByteClass.isDigit(bytes[index]) { return false }
        return !range.isEmpty
    }

    /// Dot-separated identifiers: numeric below alphanumeric, numeric numerically, others by bytes.
    static func compareIdentifiers(_ a: Span<UInt8>, _ ra: Range<Int>, _ b: Span<UInt8>, _ rb: Range<Int>)
        -> VersionOrder
    {
        var i = ra.lowerBound
        var j = rb.lowerBound
        while true {
            let aDone = i > ra.upperBound
            let bDone = j > rb.upperBound
            if aDone || bDone { return aDone == bDone ? .equal : (aDone ? .less : .greater) }
            var ie = i
            while ie < ra.upperBound && a[ie] != UInt8(ascii: ".") { ie += 1 }
            var je = j
            while je < rb.upperBound && b[je] != UInt8(ascii: ".") { je += 1 }
            let an = isNumeric(a, i..<ie)
            let bn = isNumeric(b, j..<je)
            let order: VersionOrder
            switch (an, bn) {
            case (true, true): order = compareNumbers(a, i..<ie, b, j..<je)
            case (true, false): order = .less
            case (false, true): order = .greater
            case (false, false): order = APKVersion.compareBytes(a, i..<ie, b, j..<je)
            }
            if order != .equal { return order }
            i = ie + 1
            j = je + 1
        }
    }

    static func parse(_ bytes: Span<UInt8>, text: String, dialect: Dialect) throws(VersionError) -> Parts {
        var start = 0
        var end = bytes.count
        if dialect.trimsSpaces {
            while start < end && ByteClass.isSpace(bytes[start]) { start += 1 }
            while end > start && ByteClass.isSpace(bytes[end - 1]) { end -= 1 }
        }
        if dialect.allowsVPrefix && start < end && (bytes[start] == UInt8(ascii: "v")) { start += 1 }
        var position = start
        // Up to three numbers, kept in locals so that parsing allocates nothing.
        let zero = end..<end
        var numbers = (zero, zero, zero)
        var count = 0
        while count < 3 {
            let numberStart = position
            while position < end && ByteClass.isDigit(bytes[position]) { position += 1 }
            guard position > numberStart else { throw invalid(dialect, "expected a number at byte \(position)", text) }
            if !dialect.allowsLeadingZeros && position - numberStart > 1 && bytes[numberStart] == UInt8(ascii: "0") {
                throw invalid(dialect, "number with a leading zero", text)
            }
            if dialect.limitsToSafeIntegers && !isSafeInteger(bytes, numberStart..<position) {
                throw invalid(dialect, "number above 2^53 - 1", text)
            }
            switch count {
            case 0: numbers.0 = numberStart..<position
            case 1: numbers.1 = numberStart..<position
            default: numbers.2 = numberStart..<position
            }
            count += 1
            if count < 3 {
                if position < end && bytes[position] == UInt8(ascii: ".") {
                    position += 1
                } else if dialect.allowsShortForms && position == end {
                    break
                } else {
                    throw invalid(dialect, "expected MAJOR.MINOR.PATCH", text)
                }
            }
        }
        var parts = Parts(numbers: numbers, prerelease: nil, build: nil)
        if position < end && bytes[position] == UInt8(ascii: "-") {
            let range = try identifiers(bytes, from: position + 1, end: end, numericLeadingZeros: false, dialect, text)
            parts.prerelease = range
            position = range.upperBound
        }
        if position < end && bytes[position] == UInt8(ascii: "+") {
            let range = try identifiers(bytes, from: position + 1, end: end, numericLeadingZeros: true, dialect, text)
            parts.build = range
            position = range.upperBound
        }
        guard position == end else { throw invalid(dialect, "unexpected text at byte \(position)", text) }
        return parts
    }

    /// Whether a digit run is at most 9007199254740991 (JavaScript's largest safe integer).
    private static func isSafeInteger(_ bytes: Span<UInt8>, _ range: Range<Int>) -> Bool {
        var value: UInt64 = 0
        for index in range {
            value = value * 10 + UInt64(bytes[index] - 0x30)
            if value > 9_007_199_254_740_991 { return false }
        }
        return true
    }

    /// Reads dot-separated `[0-9A-Za-z-]+` identifiers up to `+` or the end.
    private static func identifiers(
        _ bytes: Span<UInt8>, from start: Int, end: Int, numericLeadingZeros: Bool, _ dialect: Dialect,
        _ text: String
    ) throws(VersionError) -> Range<Int> {
        var position = start
        while true {
            let identifierStart = position
            var numeric = true
            while position < end
                && (ByteClass.isAlnum(bytes[position]) || bytes[position] == UInt8(ascii: "-"))
            {
                numeric = numeric && ByteClass.isDigit(bytes[position])
                position += 1
            }
            guard position > identifierStart else { throw invalid(dialect, "empty identifier", text) }
            if numeric && !numericLeadingZeros && !dialect.allowsLeadingZeros && position - identifierStart > 1
                && bytes[identifierStart] == UInt8(ascii: "0")
            {
                throw invalid(dialect, "numeric identifier with a leading zero", text)
            }
            guard position < end && bytes[position] == UInt8(ascii: ".") else { break }
            position += 1
        }
        return start..<position
    }

    private static func invalid(_ dialect: Dialect, _ reason: String, _ text: String) -> VersionError {
        VersionError(code: .invalidVersion, reason: "invalid \(dialect.name) version: \(reason)", version: text)
    }
}
