/// RPM version ordering: `[epoch:]version[-release]` compared with `rpmvercmp`.
///
/// The epoch (default 0) compares numerically, then version and release with `rpmvercmp`: separators
/// (anything but letters, digits, `~` and `^`) only split segments; `~` sorts before everything, even the
/// end; `^` sorts after the end but before any other segment; digit segments compare numerically and
/// beat letter segments; letter segments compare by bytes. As in `rpm.labelCompare`, a missing release
/// sorts before any release.
enum RPMVersion {
    /// Byte offsets of a parsed EVR.
    struct Parts {
        var epoch: Range<Int>?
        var version: Range<Int>
        var release: Range<Int>?
    }

    static func compare(_ lhs: String, _ rhs: String) throws(VersionError) -> VersionOrder {
        let a = lhs.utf8.span
        let b = rhs.utf8.span
        let pa = try parse(a, text: lhs)
        let pb = try parse(b, text: rhs)
        let zero: Range<Int> = 0..<0
        let epoch = compareEpochs(a, pa.epoch ?? zero, b, pb.epoch ?? zero)
        if epoch != .equal { return epoch }
        let version = rpmvercmp(a, pa.version, b, pb.version)
        if version != .equal { return version }
        switch (pa.release, pb.release) {
        case (nil, nil): return .equal
        case (nil, _): return .less
        case (_, nil): return .greater
        case (let ra?, let rb?): return rpmvercmp(a, ra, b, rb)
        }
    }

    static func parse(_ bytes: Span<UInt8>, text: String) throws(VersionError) -> Parts {
        let count = bytes.count
        guard count > 0 else { throw invalid("empty version", text) }
        var colon: Int?
        var hyphen: Int?
        for index in 0..<count {
            let byte = bytes[index]
            if ByteClass.isSpace(byte) { throw invalid("embedded whitespace", text) }
            if byte == UInt8(ascii: ":") && colon == nil && hyphen == nil { colon = index }
            if byte == UInt8(ascii: "-") { hyphen = index }
        }
        var start = 0
        var epoch: Range<Int>?
        if let colon {
            guard colon > 0 else { throw invalid("empty epoch", text) }
            for index in 0..<colon where !ByteClass.isDigit(bytes[index]) {
                throw invalid("epoch is not a number", text)
            }
            epoch = 0..<colon
            start = colon + 1
        }
        var end = count
        var release: Range<Int>?
        if let hyphen, hyphen >= start {
            guard hyphen + 1 < count else { throw invalid("empty release", text) }
            release = (hyphen + 1)..<count
            end = hyphen
        }
        guard end > start else { throw invalid("empty version", text) }
        return Parts(epoch: epoch, version: start..<end, release: release)
    }

    private static func compareEpochs(_ a: Span<UInt8>, _ ra: Range<Int>, _ b: Span<UInt8>, _ rb: Range<Int>)
        -> VersionOrder
    {
        var i = ra.lowerBound
        var j = rb.lowerBound
        while i < ra.upperBound && a[i] == UInt8(ascii: "0") { i += 1 }
        while j < rb.upperBound && b[j] == UInt8(ascii: "0") { j += 1 }
        let la = ra.upperBound - i
        let lb = rb.upperBound - j
        if la != lb { return la < lb ? .less : .greater }
        return APKVersion.compareBytes(a, i..<ra.upperBound, b, j..<rb.upperBound)
    }

    private static func isSegmentByte(_ byte: UInt8) -> Bool {
        ByteClass.isAlnum(byte) || byte == UInt8(ascii: "~") || byte == UInt8(ascii: "^")
    }

    /// rpm's `rpmvercmp` over two byte ranges.
    static func rpmvercmp(_ a: Span<UInt8>, _ ra: Range<Int>, _ b: Span<UInt8>, _ rb: Range<Int>) -> VersionOrder {
        var i = ra.lowerBound
        var j = rb.lowerBound
        let ie = ra.upperBound
        let je = rb.upperBound
        if APKVersion.compareBytes(a, ra, b, rb) == .equal { return .equal }
        while i < ie || j < je {
            while i < ie && !isSegmentByte(a[i]) { i += 1 }
            while j < je && !isSegmentByte(b[j]) { j += 1 }
            let ca: UInt8? = i < ie ? a[i] : nil
            let cb: UInt8? = j < je ? b[j] : nil
            if ca == UInt8(ascii: "~") || cb == UInt8(ascii: "~") {
                if ca != UInt8(ascii: "~") { return .greater }
                if cb != UInt8(ascii: "~") { return .less }
                i += 1
                j += 1
                continue
            }
            if ca == UInt8(ascii: "^") || cb == UInt8(ascii: "^") {
                if ca == nil { return .less }
                if cb == nil { return .greater }
                if ca != UInt8(ascii: "^") { return .greater }
                if cb != UInt8(ascii: "^") { return .less }
                i += 1
                j += 1
                continue
            }
            guard let first = ca, cb != nil else { break }
            var si = i
            var sj = j
            let numeric = ByteClass.isDigit(first)
            if numeric {
                while si < ie && ByteClass.isDigit(a[si]) { si += 1 }
                while sj < je && ByteClass.isDigit(b[sj]) { sj += 1 }
            } else {
                while si < ie && ByteClass.isAlpha(a[si]) { si += 1 }
                while sj < je && ByteClass.isAlpha(b[sj]) { sj += 1 }
            }
            if sj == j { return numeric ? .greater : .less }
            if numeric {
                while i < si && a[i] == UInt8(ascii: "0") { i += 1 }
                while j < sj && b[j] == UInt8(ascii: "0") { j += 1 }
                if si - i != sj - j { return si - i > sj - j ? .greater : .less }
            }
            let segment = APKVersion.compareBytes(a, i..<si, b, j..<sj)
            if segment != .equal { return segment }
            i = si
            j = sj
        }
        if i >= ie && j >= je { return .equal }
        return i >= ie ? .less : .greater
    }

    private static func invalid(_ reason: String, _ text: String) -> VersionError {
        VersionError(code: .invalidVersion, reason: "invalid RPM version: \(reason)", version: text)
    }
}
