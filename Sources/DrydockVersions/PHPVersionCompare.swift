/// PHP's `version_compare`, which Composer uses on normalised versions.
enum PHPVersionCompare {
    /// `php_canonicalize_version`: `-`, `_`, `+` become `.`, and `.` is inserted between digits and letters.
    static func canonicalParts(_ text: String) -> [Substring] {
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        guard let first = bytes.first else { return [] }
        out.append(first)
        var previous = first
        func isDigit(_ b: UInt8) -> Bool { ByteClass.isDigit(b) }
        func isNonDigit(_ b: UInt8) -> Bool { !ByteClass.isDigit(b) && b != UInt8(ascii: ".") }
        for byte in bytes.dropFirst() {
            if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "+") {
                if out.last != UInt8(ascii: ".") { out.append(UInt8(ascii: ".")) }
            } else if (isNonDigit(previous) && isDigit(byte)) || (isDigit(previous) && isNonDigit(byte)) {
                if out.last != UInt8(ascii: ".") { out.append(UInt8(ascii: ".")) }
                out.append(byte)
            } else if !ByteClass.isAlnum(byte) {
                if out.last != UInt8(ascii: ".") { out.append(UInt8(ascii: ".")) }
            } else {
                out.append(byte)
            }
            previous = byte
        }
        return String(decoding: out, as: UTF8.self).split(separator: ".", omittingEmptySubsequences: true)
    }

    /// `compare_special_version_forms`: prefix match against PHP's list, unknown forms lowest.
    static func specialForm(_ part: Substring) -> Int {
        let forms: [(String, Int)] = [
            ("dev", 0), ("alpha", 1), ("a", 1), ("beta", 2), ("b", 2), ("RC", 3), ("rc", 3), ("#", 4), ("pl", 5),
            ("p", 5),
        ]
        for (form, order) in forms where part.hasPrefix(form) { return order }
        return -1
    }

    static func compare(_ lhs: String, _ rhs: String) -> VersionOrder {
        let a = canonicalParts(lhs)
        let b = canonicalParts(rhs)
        func isNumber(_ part: Substring) -> Bool { part.first.map { $0.isASCII && $0.isNumber } ?? false }
        for (x, y) in zip(a, b) {
            let order: VersionOrder
            switch (isNumber(x), isNumber(y)) {
            case (true, true):
                let m = x.drop { $0 == "0" }
                let n = y.drop { $0 == "0" }
                order =
                    m.count != n.count
                    ? (m.count < n.count ? .less : .greater) : (m < n ? .less : (m > n ? .greater : .equal))
            case (true, false): order = VersionOrder(sign: specialForm("#") - specialForm(y))
            case (false, true): order = VersionOrder(sign: specialForm(x) - specialForm("#"))
            case (false, false): order = VersionOrder(sign: specialForm(x) - specialForm(y))
            }
            if order != .equal { return order }
        }
        if a.count > b.count {
            let next = a[b.count]
            return isNumber(next) ? .greater : VersionOrder(sign: specialForm(next) - specialForm("#"))
        }
        if b.count > a.count {
            let next = b[a.count]
            return isNumber(next) ? .less : VersionOrder(sign: specialForm("#") - specialForm(next))
        }
        return .equal
    }
}
