/// The function names of a Go binary, read from its `pclntab` (no I/O).
///
/// The Go linker writes the program-counter/line table into every Go binary, stripped or not: it is how
/// the runtime prints stack traces. ELF keeps it in `.gopclntab` (Mach-O: `__gopclntab`); when the section
/// table is gone (or on PE, which has no such section) the table is found by its header. The header starts
/// with a 4-byte magic that names the layout, two zero bytes, the instruction-size quantum (1, 2 or 4) and
/// the pointer size (4 or 8):
///
/// - `0xfffffffb` (Go 1.2–1.15): after the 8-byte header, the function count (a word) and `nfunc` pairs of
///   words (entry PC, offset of the `_func` record from the table's start); the record's second field is
///   the offset of the NUL-terminated name, also from the table's start.
/// - `0xfffffffa` (Go 1.16–1.17): the header holds, as words, the function and file counts and the
///   offsets of the name table and the function table; function-table pairs are words, the record offset
///   is from the function table, the name offset from the name table.
/// - `0xfffffff0` (Go 1.18–1.19), `0xfffffff1` (Go 1.20 and later): as 1.16 with the text start added
///   after the file count, and function-table pairs of 32-bit values.
///
/// Every offset is checked against the table, so damaged input gives a `GoFunctionTable.Error`, never a
/// crash; a table claiming more functions than it has room for is refused before anything is read.
public struct GoFunctionTable: Sendable, Hashable {
    /// Why a table could not be read.
    public enum Error: Swift.Error, Sendable, Hashable, CustomStringConvertible {
        /// Neither a `pclntab` section nor a header with a known magic was found.
        case notFound
        /// The header's magic, quantum or pointer size is not one the toolchain writes.
        case unsupportedHeader(offset: Int)
        /// A count or offset in the table points outside it.
        case outOfBounds(what: String, offset: Int)

        public var description: String {
            switch self {
            case .notFound: "no Go function table (pclntab) found"
            case .unsupportedHeader(let offset): "unsupported pclntab header at byte \(offset)"
            case .outOfBounds(let what, let offset): "pclntab \(what) at byte \(offset) lies outside the table"
            }
        }
    }

    /// The header layouts, by magic.
    public enum Layout: UInt32, Sendable, Hashable, CaseIterable {
        /// Go 1.2–1.15.
        case go12 = 0xffff_fffb
        /// Go 1.16–1.17.
        case go116 = 0xffff_fffa
        /// Go 1.18–1.19.
        case go118 = 0xffff_fff0
        /// Go 1.20 and later.
        case go120 = 0xffff_fff1
    }

    /// The layout the table was written in.
    public let layout: Layout
    /// Every function name in the table, in table order (runtime-internal ones included).
    public let names: [String]

    /// The function table of `bytes` (an ELF, Mach-O or PE executable, or any file holding a table).
    public init(executable bytes: [UInt8]) throws(Error) {
        let reader = ByteReader(bytes)
        if let executable = ExecutableFile(bytes),
            let section = executable.section(named: ".gopclntab") ?? executable.section(named: "__gopclntab")
        {
            try self.init(table: reader, at: section.offset, end: section.offset + section.size)
            return
        }
        var lastError = Error.notFound
        for start in Self.candidateHeaders(reader) {
            do throws(Error) {
                try self.init(table: reader, at: start, end: bytes.count)
                return
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    /// Reads the table whose header is at `start`, reading nothing at or after `end`.
    init(table reader: ByteReader, at start: Int, end: Int) throws(Error) {
        let header = try Self.header(reader, at: start)
        layout = header.layout
        let little = header.littleEndian
        let word = header.pointerSize
        func read(_ offset: Int, _ width: Int, _ what: String) throws(Error) -> Int {
            guard offset >= start, offset + width <= end, let value = reader.uint(offset, width, little),
                let result = Int(exactly: value)
            else { throw .outOfBounds(what: what, offset: offset) }
            return result
        }
        func headerWord(_ index: Int) throws(Error) -> Int { try read(start + 8 + index * word, word, "header") }
        let count: Int
        let functab: Int  // absolute offset of the function table
        let pairWidth: Int  // width of each value in a (PC, record offset) pair
        let recordBase: Int  // what a record offset is relative to
        let nameBase: Int  // what a name offset is relative to
        switch layout {
        case .go12:
            count = try headerWord(0)
            functab = start + 8 + word
            pairWidth = word
            recordBase = start
            nameBase = start
        case .go116:
            count = try headerWord(0)
            nameBase = start + (try headerWord(2))
            functab = start + (try headerWord(6))
            pairWidth = word
            recordBase = functab
        case .go118, .go120:
            count = try headerWord(0)
            nameBase = start + (try headerWord(3))
            functab = start + (try headerWord(7))
            pairWidth = 4
            recordBase = functab
        }
        // Each function needs a pair in the table: a count the table cannot hold is damage, not a reason
        // to allocate.
        guard count >= 0, count <= (end - start) / (2 * pairWidth) else {
            throw .outOfBounds(what: "function count \(count)", offset: start + 8)
        }
        var names: [String] = []
        names.reserveCapacity(count)
        for index in 0..<count {
            let pair = functab + index * 2 * pairWidth
            let record = recordBase + (try read(pair + pairWidth, pairWidth, "function-table entry"))
            // The record starts with the entry PC (a word before 1.18, a 32-bit offset after), then the
            // 32-bit name offset.
            let entryWidth = layout == .go118 || layout == .go120 ? 4 : word
            let nameOffset = try read(record + entryWidth, 4, "function record")
            let name = nameBase + nameOffset
            guard name >= start, name < end else { throw .outOfBounds(what: "function name", offset: name) }
            names.append(reader.cString(at: UInt64(name), limit: UInt64(end), maxLength: 4096))
        }
        self.names = names
    }

    private struct Header {
        var layout: Layout
        var littleEndian: Bool
        var pointerSize: Int
    }

    private static func header(_ reader: ByteReader, at start: Int) throws(Error) -> Header {
        for little in [true, false] {
            guard let magic = reader.uint(start, 4, little), let layout = Layout(rawValue: UInt32(magic)) else {
                continue
            }
            guard reader.byte(start + 4) == 0, reader.byte(start + 5) == 0,
                let quantum = reader.byte(start + 6), [1, 2, 4].contains(quantum),
                let pointerSize = reader.byte(start + 7), pointerSize == 4 || pointerSize == 8
            else { throw .unsupportedHeader(offset: start) }
            return Header(layout: layout, littleEndian: little, pointerSize: Int(pointerSize))
        }
        throw .unsupportedHeader(offset: start)
    }

    /// Offsets where a table header could start (a known magic in either byte order, two zero bytes, a
    /// valid quantum and pointer size), in file order.
    private static func candidateHeaders(_ reader: ByteReader) -> [Int] {
        let bytes = reader.bytes
        guard bytes.count >= 8 else { return [] }
        var found: [Int] = []
        var index = 0
        while index <= bytes.count - 8 {
            // Every magic has 0xff in its two middle bytes, whichever the byte order.
            if bytes[index + 1] == 0xff, bytes[index + 2] == 0xff, bytes[index + 4] == 0, bytes[index + 5] == 0,
                (try? header(reader, at: index)) != nil
            {
                found.append(index)
            }
            index += 1
        }
        return found
    }
}
