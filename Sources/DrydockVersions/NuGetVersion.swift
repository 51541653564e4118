/// NuGet version ordering (`NuGetVersion`): `Major.Minor[.Patch[.Revision]][-Prerelease][+Metadata]`.
///
/// One to four numbers (missing ones are 0, so `1.0 == 1.0.0.0`; leading zeros allowed); a pre-release
/// sorts below the release; pre-release labels compare left to right, numeric ones numerically and below
/// alphanumeric ones, which compare case-insensitively; fewer labels sort first. Metadata is ignored.
enum NuGetVersion {
    /// Byte ranges of a parsed version: up to four numbers (missing ones empty, meaning 0).
    struct Parts {
        var numbers: (Range<Int>, Range<Int>, Range<Int>, Range<Int>) = (0..<0, 0..<0, 0..<0, 0..<0)
        var prerelease: Range<Int>?

        func number(_ index: Int) -> Range<Int> {
            switch index {
            case 0: numbers.0
            case 1: numbers.1
            case 2: numbers.2
            default: numbers.3
            }
        }
    }

    static func compare(_ lhs: String, _ rhs: String) throws(VersionError) -> VersionOrder {
        let a = lhs.utf8.span
        let b = rhs.utf8.span
        let pa = try parse(a, text: lhs)
        let pb = try parse(b, text: rhs)
        for index in 0..<4 {
            let order = SemanticVersion.compareNumbers(a, pa.number(index), b, pb.number(index))
            if order != .equal { return order }
        }
        switch (pa.prerelease, pb.prerelease) {
        case (nil, nil): return .equal
        case (nil, _): return .greater
        case (_, nil): return .less
        case (let x?, let y?): return compareLabels(a, x, b, y)
        }
    }

    private static func compareLabels(_ a: Span<UInt8>, _ ra: Range<Int>, _ b: Span<UInt8>, _ rb: Range<Int>)
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
            var an = true
            for k in i..<ie where !ByteClass.isDigit(a[k]) { an = false }
            var bn = true
            for k in j..<je where !ByteClass.isDigit(b[k]) { bn = false }
            var order = VersionOrder.equal
            switch (an, bn) {
            case (true, true): order = SemanticVersion.compareNumbers(a, i..<ie, b, j..<je)
            case (true, false): order = .less
            case (false, true): order = .greater
            case (false, false):
                let common = min(ie - i, je - j)
                for k in 0..<common {
                    let x = ByteClass.lower(a[i + k])
                    let y = ByteClass.lower(b[j + k])
                    if x != y {
                        order = x < y ? .less : .greater
                        break
                    }
                }
                if order == .equal { order = VersionOrder(sign: (ie - i) - (je - j)) }
            }
            if order != .equal { return order }
            i = ie + 1
            j = je + 1
        }
    }

    static func parse(_ bytes: Span<UInt8>, text: String) throws(VersionError) -> Parts {
        let end = bytes.count
        var position = 0
        var parts = Parts()
        var count = 0
        while true {
            let start = position
            while position < end && ByteClass.isDigit(bytes[position]) { position += 1 }
            guard position > start, position - start <= 10 else { throw invalid("expected a number", text) }
            switch count {
            case 0: parts.numbers.0 = start..<position
            case 1: parts.numbers.1 = start..<position
            case 2: parts.numbers.2 = start..<position
            default: parts.numbers.3 = start..<position
            }
            count += 1
            guard count < 4, position < end, bytes[position] == UInt8(ascii: ".") else { break }
            position += 1
        }
        if position < end && bytes[position] == UInt8(ascii: "-") {
            let start = position + 1
            position = try labels(bytes, from: start, end: end, text: text)
            parts.prerelease = start..<position
        }
        if position < end && bytes[position] == UInt8(ascii: "+") {
            position = try labels(bytes, from: position + 1, end: end, text: text)
        }
        guard position == end else { throw invalid("unexpected text at byte \(position)", text) }
        return parts
    }

    private static func labels(_ bytes: Span<UInt8>, from start: Int, end: Int, text: String) throws(VersionError)
        -> Int
    {
        var position = start
        while true {
            let labelStart = position
            while position < end && (ByteClass.isAlnum(bytes[position]) || bytes[position] == UInt8(ascii: "-")) {
                position += 1
            }
            guard position > labelStart else { throw invalid("empty label", text) }
            guard position < end && bytes[position] == UInt8(ascii: ".") else { return position }
            position += 1
        }
    }

    private static func invalid(_ reason: String, _ text: String) -> VersionError {
        VersionError(code: .invalidVersion, reason: "invalid NuGet version: \(reason)", version: text)
    }
}
