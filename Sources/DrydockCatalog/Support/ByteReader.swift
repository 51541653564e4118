/// Bounds-checked reads of integers and strings from a file read by offset: every accessor returns `nil` (or an
/// empty string) instead of reading past the end, so a damaged file gives an error, never a crash.
///
/// Fields are read through a small cache of 4 KiB pages (at most `maximumPages` at a time), so a parser can ask
/// for one header field after another without a system call each and without holding the file; a file held in
/// memory is read directly. An I/O error makes the accessors answer `nil` and is kept in `failure`, which
/// the parser checks before trusting a `nil` as "not there".
final class ByteReader {
    /// The file read.
    let file: any RandomAccessBytes
    /// The number of bytes.
    let count: Int
    /// The first read error, if any.
    private(set) var failure: CatalogError?

    static let pageSize = 4096
    static let maximumPages = 64
    private let memory: [UInt8]?
    private var pages: [Int: [UInt8]] = [:]
    private var lastPageIndex = -1
    private var lastPage: [UInt8] = []

    /// Reads `file`.
    init(_ file: any RandomAccessBytes) {
        self.file = file
        self.count = file.count
        self.memory = (file as? InMemoryBytes)?.content
    }

    /// Reads `bytes`.
    convenience init(_ bytes: [UInt8]) { self.init(InMemoryBytes(bytes)) }

    /// The byte at `offset`.
    func byte(_ offset: Int) -> UInt8? {
        guard offset >= 0, offset < count else { return nil }
        if let memory { return memory[offset] }
        let index = offset / Self.pageSize
        if index != lastPageIndex {
            guard let page = page(index) else { return nil }
            lastPageIndex = index
            lastPage = page
        }
        let within = offset - index * Self.pageSize
        return within < lastPage.count ? lastPage[within] : nil
    }

    /// An unsigned integer of `width` bytes (1…8) at `offset`.
    func uint(_ offset: Int, _ width: Int, _ littleEndian: Bool) -> UInt64? {
        guard offset >= 0, width > 0, width <= 8, offset <= count - width else { return nil }
        var value: UInt64 = 0
        for index in 0..<width {
            guard let byte = byte(offset + (littleEndian ? width - 1 - index : index)) else { return nil }
            value = value << 8 | UInt64(byte)
        }
        return value
    }

    /// An unsigned integer at a 64-bit offset (`nil` when the offset does not fit).
    func uint(_ offset: UInt64, _ width: Int, _ littleEndian: Bool) -> UInt64? {
        guard let offset = Int(exactly: offset) else { return nil }
        return uint(offset, width, littleEndian)
    }

    /// The NUL-terminated string at `offset`, stopping at `limit`, the end, or after `maxLength` bytes.
    func cString(at offset: UInt64, limit: UInt64, maxLength: Int = 256) -> String {
        guard offset < UInt64(count), let start = Int(exactly: offset) else { return "" }
        let end = Int(min(limit, UInt64(count)))
        var index = start
        var result: [UInt8] = []
        while index < end, let byte = byte(index), byte != 0, result.count < maxLength {
            result.append(byte)
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// A fixed-width field holding a NUL-padded name.
    func fixedString(_ offset: Int, _ width: Int) -> String {
        guard offset >= 0, offset <= count - width, let field = bytes(offset..<(offset + width)) else { return "" }
        let end = field.firstIndex(of: 0) ?? field.endIndex
        return String(decoding: field[..<end], as: UTF8.self)
    }

    /// An unsigned LEB128 varint at `offset`: the value and the offset after it.
    func uvarint(_ offset: Int) -> (value: UInt64, next: Int)? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        var index = offset
        while let byte = byte(index), shift < 64 {
            value |= UInt64(byte & 0x7f) << shift
            index += 1
            if byte & 0x80 == 0 { return (value, index) }
            shift += 7
        }
        return nil
    }

    /// The bytes in `range`, or `nil` when they are not all in the file (or cannot be read). Ranges of up to
    /// two pages come through the cache (a ZIP directory's names, one after the other); larger ones are read
    /// straight from the file: callers bound them.
    func bytes(_ range: Range<Int>) -> [UInt8]? {
        guard range.lowerBound >= 0, range.upperBound <= count else { return nil }
        if let memory { return Array(memory[range]) }
        if range.count <= 2 * Self.pageSize {
            var result: [UInt8] = []
            result.reserveCapacity(range.count)
            var offset = range.lowerBound
            while offset < range.upperBound {
                let index = offset / Self.pageSize
                guard let page = page(index) else { return nil }
                let within = offset - index * Self.pageSize
                let take = min(range.upperBound - offset, page.count - within)
                guard take > 0 else { return nil }
                result.append(contentsOf: page[within..<(within + take)])
                offset += take
            }
            return result
        }
        do {
            let result = try file.bytes(range)
            return result.count == range.count ? result : nil
        } catch {
            if failure == nil { failure = error }
            return nil
        }
    }

    private func page(_ index: Int) -> [UInt8]? {
        if let page = pages[index] { return page }
        let start = index * Self.pageSize
        let page: [UInt8]
        do {
            page = try file.bytes(start..<min(count, start + Self.pageSize))
        } catch {
            if failure == nil { failure = error }
            return nil
        }
        if pages.count >= Self.maximumPages { pages.removeAll(keepingCapacity: true) }
        pages[index] = page
        return page
    }
}
