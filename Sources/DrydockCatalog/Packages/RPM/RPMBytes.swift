/// Bounds-checked integer reads over a byte array, shared by the RPM database readers.
///
/// Every read returns `nil` instead of trapping when it would run past the end, so a damaged file can only
/// produce an error, never a crash.
struct RPMBytes {
    /// The whole input.
    let bytes: [UInt8]

    /// Number of bytes.
    var count: Int { bytes.count }

    /// One byte at `offset`.
    func u8(_ offset: Int) -> UInt8? {
        guard offset >= 0, offset < bytes.count else { return nil }
        return bytes[offset]
    }

    /// A big-endian 16-bit value.
    func u16BE(_ offset: Int) -> Int? {
        guard offset >= 0, offset <= bytes.count - 2 else { return nil }
        return Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
    }

    /// A big-endian 32-bit value.
    func u32BE(_ offset: Int) -> UInt32? {
        guard offset >= 0, offset <= bytes.count - 4 else { return nil }
        return UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
            | UInt32(bytes[offset + 3])
    }

    /// A 16-bit value, little-endian unless `bigEndian`.
    func u16(_ offset: Int, bigEndian: Bool) -> Int? {
        guard offset >= 0, offset <= bytes.count - 2 else { return nil }
        let first = Int(bytes[offset])
        let second = Int(bytes[offset + 1])
        return bigEndian ? first << 8 | second : second << 8 | first
    }

    /// A 32-bit value, little-endian unless `bigEndian`.
    func u32(_ offset: Int, bigEndian: Bool) -> UInt32? {
        guard let value = u32BE(offset) else { return nil }
        return bigEndian ? value : value.byteSwapped
    }

    /// `length` bytes from `offset`, or `nil` when they are not all there.
    func slice(_ offset: Int, _ length: Int) -> ArraySlice<UInt8>? {
        guard offset >= 0, length >= 0, offset <= bytes.count, length <= bytes.count - offset else { return nil }
        return bytes[offset..<(offset + length)]
    }
}

/// What was wrong with a database or header and where: the byte offset in the file (or blob).
///
/// Internal to the readers; they turn it into a `CatalogError` or a `CatalogWarning` naming the file.
struct RPMFormatProblem: Error {
    /// What was wrong.
    var reason: String
    /// Where, in bytes from the start of the file or blob.
    var offset: Int
}

/// `RPMBytes`' accessors over a database file read by offset, through `ByteReader`'s small page cache: the
/// container readers (SQLite, NDB, Berkeley DB) walk a database of any size without holding it.
struct RPMFile {
    /// The pages.
    let reader: ByteReader

    /// Reads `file`.
    init(_ file: any RandomAccessBytes) { reader = ByteReader(file) }

    /// Reads `bytes`.
    init(bytes: [UInt8]) { reader = ByteReader(bytes) }

    /// Number of bytes.
    var count: Int { reader.count }

    /// The first read error, if any: a `nil` from an accessor then means "could not be read".
    var failure: CatalogError? { reader.failure }

    /// One byte at `offset`.
    func u8(_ offset: Int) -> UInt8? { reader.byte(offset) }

    /// A big-endian 16-bit value.
    func u16BE(_ offset: Int) -> Int? { reader.uint(offset, 2, false).map { Int($0) } }

    /// A big-endian 32-bit value.
    func u32BE(_ offset: Int) -> UInt32? { reader.uint(offset, 4, false).map { UInt32($0) } }

    /// A 16-bit value, little-endian unless `bigEndian`.
    func u16(_ offset: Int, bigEndian: Bool) -> Int? { reader.uint(offset, 2, !bigEndian).map { Int($0) } }

    /// A 32-bit value, little-endian unless `bigEndian`.
    func u32(_ offset: Int, bigEndian: Bool) -> UInt32? { reader.uint(offset, 4, !bigEndian).map { UInt32($0) } }

    /// `length` bytes from `offset`, or `nil` when they are not all there.
    func slice(_ offset: Int, _ length: Int) -> [UInt8]? {
        guard offset >= 0, length >= 0, offset <= count, length <= count - offset else { return nil }
        return reader.bytes(offset..<(offset + length))
    }
}
