#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Helpers for scanning text databases byte by byte without building a `String` per line.
enum ByteLines {
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let colon = UInt8(ascii: ":")

    /// Calls `body(lineStart, lineEnd, lineNumber)` for every line of `buffer`; `lineEnd` excludes `\n` and a
    /// trailing `\r`. A final line without `\n` is reported too. Line numbers start at 1.
    @inline(__always)
    static func forEachLine(
        _ buffer: UnsafeBufferPointer<UInt8>, _ body: (_ start: Int, _ end: Int, _ number: Int) -> Void
    ) {
        guard let base = buffer.baseAddress else { return }
        var start = 0
        var number = 1
        let count = buffer.count
        while start < count, let found = memchr(base + start, Int32(newline), count - start) {
            let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            var end = index
            if end > start, buffer[end - 1] == carriageReturn { end -= 1 }
            body(start, end, number)
            number += 1
            start = index + 1
        }
        if start < count {
            var end = count
            if buffer[end - 1] == carriageReturn { end -= 1 }
            body(start, end, number)
        }
    }

    /// The bytes `start..<end` of `buffer` as a `String` (invalid UTF-8 is replaced, never trapped on).
    @inline(__always)
    static func string(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        guard start < end else { return "" }
        return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
    }

    /// `start..<end` with leading and trailing spaces and tabs removed.
    @inline(__always)
    static func trimmed(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Int) {
        var lower = start
        var upper = end
        while lower < upper, buffer[lower] == space || buffer[lower] == tab { lower += 1 }
        while upper > lower, buffer[upper - 1] == space || buffer[upper - 1] == tab { upper -= 1 }
        return (lower, upper)
    }

    /// Whether `buffer[start..<end]` equals the ASCII `literal`, ignoring ASCII case.
    @inline(__always)
    static func equalsIgnoringCase(
        _ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ literal: StaticString
    ) -> Bool {
        guard end - start == literal.utf8CodeUnitCount else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<(end - start) {
            var byte = buffer[start + offset]
            if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
            var expected = pointer[offset]
            if expected >= 0x41 && expected <= 0x5A { expected |= 0x20 }
            if byte != expected { return false }
        }
        return true
    }

    /// Whether the buffer holds a NUL byte (a binary file, not a text database).
    static func containsNUL(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return false }
        return memchr(base, 0, buffer.count) != nil
    }

    /// Runs `body` over contiguous bytes, copying only when the collection is not contiguous.
    @inline(__always)
    static func withContiguousBytes<C: Collection<UInt8>, R>(
        _ bytes: C, _ body: (UnsafeBufferPointer<UInt8>) throws(CatalogError) -> R
    ) throws(CatalogError) -> R {
        let result: Result<R, CatalogError>? = bytes.withContiguousStorageIfAvailable { buffer in
            do throws(CatalogError) { return .success(try body(buffer)) } catch { return .failure(error) }
        }
        if let result { return try result.get() }
        let copy = Array(bytes)
        let copied: Result<R, CatalogError> = copy.withUnsafeBufferPointer { buffer in
            do throws(CatalogError) { return .success(try body(buffer)) } catch { return .failure(error) }
        }
        return try copied.get()
    }
}
