/// Debian (dpkg) version ordering: `[epoch:]upstream[-revision]`.
///
/// Follows dpkg's `parseversion` and `verrevcmp`: the epoch compares numerically; upstream version and
/// revision compare alternately by non-digit runs (`~` before everything, even the end; then the end;
/// then letters; then other characters by code) and digit runs (numerically). Strings dpkg rejects
/// (empty parts, a bad epoch, embedded spaces) throw; strings dpkg only warns about (an upstream
/// version not starting with a digit, unusual characters) compare the way dpkg compares them.
enum DebianVersion {
    /// Byte offsets of a parsed version inside its UTF-8 bytes.
    struct Parts {
        var epoch: Int
        var upstream: Range<Int>
        var revision: Range<Int>
    }

    static func compare(_ lhs: String, _ rhs: String) throws(VersionError) -> VersionOrder {
        let a = lhs.utf8.span
        let b = rhs.utf8.span
        let pa = try parse(a, text: lhs)
        let pb = try parse(b, text: rhs)
        if pa.epoch != pb.epoch { return pa.epoch < pb.epoch ? .less : .greater }
        let upstream = verrevcmp(a, pa.upstream, b, pb.upstream)
        if upstream != 0 { return VersionOrder(sign: upstream) }
        return VersionOrder(sign: verrevcmp(a, pa.revision, b, pb.revision))
    }

    /// Checks `text` the way dpkg's `parseversion` does, throwing on its errors (not its warnings).
    static func validate(_ text: String) throws(VersionError) {
        _ = try parse(text.utf8.span, text: text)
    }

    static func parse(_ bytes: Span<UInt8>, text: String) throws(VersionError) -> Parts {
        var start = 0
        var end = bytes.count
        while start < end && ByteClass.isSpace(bytes[start]) { start += 1 }
        while end > start && ByteClass.isSpace(bytes[end - 1]) { end -= 1 }
        if start == end { throw invalid("version string is empty", text) }
        var colon: Int?
        var hyphen: Int?
        for index in start..<end {
            let byte = bytes[index]
            if ByteClass.isSpace(byte) { throw invalid("version string has embedded spaces", text) }
            if byte == UInt8(ascii: ":") && colon == nil { colon = index }
        }
        var epoch = 0
        var upstreamStart = start
        if let colon {
            if colon == start { throw invalid("epoch in version is empty", text) }
            var sawDigit = false
            for index in start..<colon {
                let byte = bytes[index]
                guard ByteClass.isDigit(byte) else { throw invalid("epoch in version is not number", text) }
                sawDigit = true
                epoch = epoch * 10 + Int(byte - 0x30)
                if epoch > Int(Int32.max) { throw invalid("epoch in version is too big", text) }
            }
            if !sawDigit { throw invalid("epoch in version is empty", text) }
            if colon + 1 == end { throw invalid("nothing after colon in version number", text) }
            upstreamStart = colon + 1
        }
        for index in stride(from: end - 1, through: upstreamStart, by: -1) where bytes[index] == UInt8(ascii: "-") {
            hyphen = index
            break
        }
        var upstreamEnd = end
        var revision = end..<end
        if let hyphen {
            if hyphen + 1 == end { throw invalid("revision number is empty", text) }
            upstreamEnd = hyphen
            revision = (hyphen + 1)..<end
        }
        if upstreamStart == upstreamEnd { throw invalid("version number is empty", text) }
        return Parts(epoch: epoch, upstream: upstreamStart..<upstreamEnd, revision: revision)
    }

    /// dpkg's character weight inside a non-digit run: `~` lowest, then end/digit, letters, others.
    private static func order(_ byte: UInt8?) -> Int {
        guard let byte else { return 0 }
        if ByteClass.isDigit(byte) { return 0 }
        if ByteClass.isAlpha(byte) { return Int(byte) }
        if byte == UInt8(ascii: "~") { return -1 }
        return Int(byte) + 256
    }

    /// dpkg's `verrevcmp` over two byte ranges; the sign of the result is the order.
    static func verrevcmp(_ a: Span<UInt8>, _ ra: Range<Int>, _ b: Span<UInt8>, _ rb: Range<Int>) -> Int {
        var i = ra.lowerBound
        var j = rb.lowerBound
        let ie = ra.upperBound
        let je = rb.upperBound
        while i < ie || j < je {
            while (i < ie && !ByteClass.isDigit(a[i])) || (j < je && !ByteClass.isDigit(b[j])) {
                let ac = order(i < ie ? a[i] : nil)
                let bc = order(j < je ? b[j] : nil)
                if ac != bc { return ac - bc }
                i += 1
                j += 1
            }
            while i < ie && a[i] == UInt8(ascii: "0") { i += 1 }
            while j < je && b[j] == UInt8(ascii: "0") { j += 1 }
            var firstDiff = 0
            while i < ie && j < je && ByteClass.isDigit(a[i]) && ByteClass.isDigit(b[j]) {
                if firstDiff == 0 { firstDiff = Int(a[i]) - Int(b[j]) }
                i += 1
                j += 1
            }
            if i < ie && ByteClass.isDigit(a[i]) { return 1 }
            if j < je && ByteClass.isDigit(b[j]) { return -1 }
            if firstDiff != 0 { return firstDiff }
        }
        return 0
    }

    private static func invalid(_ reason: String, _ text: String) -> VersionError {
        VersionError(code: .invalidVersion, reason: "invalid Debian version: \(reason)", version: text)
    }
}
