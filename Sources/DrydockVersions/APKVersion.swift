/// Alpine apk version ordering, following apk-tools' `version.c` (the 2024 rewrite shipped with apk-tools 3).
///
/// A version is `digits{.digits}[letter]{_suffix[digits]}[~hash][-rN]`. Tokens compare left to right:
/// digit components numerically, except that a component after the first with a leading zero compares
/// as a string against the other one (`1.05 < 1.1`, `1.010 < 1.09`); one lowercase letter by code;
/// suffixes `_alpha` < `_beta` < `_pre` < `_rc` < release < `_cvs` < `_svn` < `_git` < `_hg` < `_p`;
/// a `~hash` commit component as a string; then the `-rN` revision. When one version runs out first,
/// the longer one is greater unless it continues with a pre-release suffix; a version without `-rN`
/// is lower than the same version with `-r0`. Strings `apk_version_validate` rejects throw.
enum APKVersion {
    /// apk-tools' token kinds; the raw values order them the way apk-tools does.
    enum Token: Int {
        case initialDigit = 0
        case digit, letter, suffix, suffixNumber, commitHash, revisionNumber, end, invalid
    }

    /// apk-tools' suffix values; `none` stands for the release itself.
    enum Suffix: Int {
        case invalid = 0
        case alpha, beta, pre, rc, none, cvs, svn, git, hg, p
    }

    /// The lexer state for one version: the current token, its value and the read position.
    struct Cursor {
        var token: Token = .initialDigit
        var suffix: Suffix = .invalid
        var number: UInt64 = 0
        var value: Range<Int> = 0..<0
        var position: Int = 0
    }

    static func compare(_ lhs: String, _ rhs: String) throws(VersionError) -> VersionOrder {
        let a = lhs.utf8.span
        let b = rhs.utf8.span
        try validate(a, text: lhs)
        try validate(b, text: rhs)
        var ta = first(a)
        var tb = first(b)
        while ta.token == tb.token && ta.token.rawValue < Token.end.rawValue {
            let order = compareTokens(ta, a, tb, b)
            if order != .equal { return order }
            next(a, &ta)
            next(b, &tb)
        }
        if ta.token == tb.token { return .equal }
        if ta.token == .suffix && ta.suffix.rawValue < Suffix.none.rawValue { return .less }
        if tb.token == .suffix && tb.suffix.rawValue < Suffix.none.rawValue { return .greater }
        return ta.token.rawValue > tb.token.rawValue ? .less : .greater
    }

    /// Throws unless apk-tools would accept `text` as a version.
    static func validate(_ text: String) throws(VersionError) {
        try validate(text.utf8.span, text: text)
    }

    private static func validate(_ bytes: Span<UInt8>, text: String) throws(VersionError) {
        var cursor = first(bytes)
        while cursor.token.rawValue < Token.end.rawValue { next(bytes, &cursor) }
        if cursor.token == .invalid {
            let reason =
                bytes.count == 0
                ? "invalid apk version: empty" : "invalid apk version: unexpected text at byte \(cursor.position)"
            throw VersionError(code: .invalidVersion, reason: reason, version: text)
        }
    }

    private static func compareTokens(_ ta: Cursor, _ a: Span<UInt8>, _ tb: Cursor, _ b: Span<UInt8>) -> VersionOrder {
        switch ta.token {
        case .digit where a[ta.value.lowerBound] == UInt8(ascii: "0") || b[tb.value.lowerBound] == UInt8(ascii: "0"):
            return compareBytes(a, ta.value, b, tb.value)
        case .initialDigit, .digit, .suffixNumber, .revisionNumber:
            return ta.number == tb.number ? .equal : (ta.number < tb.number ? .less : .greater)
        case .letter:
            let x = a[ta.value.lowerBound]
            let y = b[tb.value.lowerBound]
            return x == y ? .equal : (x < y ? .less : .greater)
        case .suffix:
            return VersionOrder(sign: ta.suffix.rawValue - tb.suffix.rawValue)
        case .commitHash, .end, .invalid:
            return compareBytes(a, ta.value, b, tb.value)
        }
    }

    /// `memcmp` over the common length, then the shorter first.
    static func compareBytes(_ a: Span<UInt8>, _ ra: Range<Int>, _ b: Span<UInt8>, _ rb: Range<Int>) -> VersionOrder {
        let common = min(ra.count, rb.count)
        for offset in 0..<common {
            let x = a[ra.lowerBound + offset]
            let y = b[rb.lowerBound + offset]
            if x != y { return x < y ? .less : .greater }
        }
        return VersionOrder(sign: ra.count - rb.count)
    }

    private static func first(_ bytes: Span<UInt8>) -> Cursor {
        var cursor = Cursor()
        parseDigits(bytes, &cursor)
        return cursor
    }

    private static func parseDigits(_ bytes: Span<UInt8>, _ cursor: inout Cursor) {
        let start = cursor.position
        var number: UInt64 = 0
        var p = start
        while p < bytes.count && ByteClass.isDigit(bytes[p]) {
            number = number &* 10 &+ UInt64(bytes[p] - 0x30)
            p += 1
        }
        cursor.number = number
        cursor.value = start..<p
        cursor.position = p
        if p == start { cursor.token = .invalid }
    }

    /// apk-tools' `token_next`: reads the next token, checking that it may follow the current one.
    private static func next(_ bytes: Span<UInt8>, _ cursor: inout Cursor) {
        let count = bytes.count
        var p = cursor.position
        guard p < count else {
            cursor.token = .end
            return
        }
        let current = cursor.token
        let byte = bytes[p]
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"):
            guard current.rawValue <= Token.digit.rawValue else { return invalidate(&cursor) }
            cursor.value = p..<(p + 1)
            cursor.position = p + 1
            cursor.token = .letter
        case UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if byte == UInt8(ascii: ".") {
                guard current.rawValue <= Token.digit.rawValue else { return invalidate(&cursor) }
                p += 1
            }
            switch current {
            case .initialDigit, .digit: cursor.token = .digit
            case .suffix: cursor.token = .suffixNumber
            default: return invalidate(&cursor)
            }
            cursor.position = p
            parseDigits(bytes, &cursor)
        case UInt8(ascii: "_"):
            guard current.rawValue <= Token.suffixNumber.rawValue else { return invalidate(&cursor) }
            p += 1
            let start = p
            while p < count && ByteClass.isLower(bytes[p]) { p += 1 }
            cursor.value = start..<p
            cursor.position = p
            cursor.suffix = suffix(bytes, start..<p)
            cursor.token = cursor.suffix == .invalid ? .invalid : .suffix
        case UInt8(ascii: "~"):
            guard current.rawValue < Token.commitHash.rawValue else { return invalidate(&cursor) }
            p += 1
            let start = p
            while p < count && (ByteClass.isDigit(bytes[p]) || (bytes[p] >= 0x61 && bytes[p] <= 0x66)) { p += 1 }
            cursor.value = start..<p
            cursor.position = p
            cursor.token = p == start ? .invalid : .commitHash
        case UInt8(ascii: "-"):
            guard current.rawValue < Token.revisionNumber.rawValue, p + 1 < count, bytes[p + 1] == UInt8(ascii: "r")
            else { return invalidate(&cursor) }
            cursor.position = p + 2
            cursor.token = .revisionNumber
            parseDigits(bytes, &cursor)
        default:
            invalidate(&cursor)
        }
    }

    private static func invalidate(_ cursor: inout Cursor) {
        cursor.token = .invalid
    }

    private static let suffixNames: [(Suffix, [UInt8])] = [
        (.alpha, Array("alpha".utf8)), (.beta, Array("beta".utf8)), (.pre, Array("pre".utf8)),
        (.rc, Array("rc".utf8)), (.cvs, Array("cvs".utf8)), (.svn, Array("svn".utf8)),
        (.git, Array("git".utf8)), (.hg, Array("hg".utf8)), (.p, Array("p".utf8)),
    ]

    private static func suffix(_ bytes: Span<UInt8>, _ range: Range<Int>) -> Suffix {
        for (suffix, name) in suffixNames where name.count == range.count {
            var same = true
            for offset in 0..<name.count where bytes[range.lowerBound + offset] != name[offset] {
                same = false
                break
            }
            if same { return suffix }
        }
        return .invalid
    }
}
