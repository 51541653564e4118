/// Bounds-checked reads of integers and strings from a byte array: every accessor returns `nil` (or an
/// empty string) instead of reading past the end.
struct ByteReader {
    /// The bytes read.
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The number of bytes.
    var count: Int { bytes.count }

    /// The byte at `offset`.
    func byte(_ offset: Int) -> UInt8? { offset >= 0 && offset < bytes.count ? bytes[offset] : nil }

    /// An unsigned integer of `width` bytes (1…8) at `offset`.
    func uint(_ offset: Int, _ width: Int, _ littleEndian: Bool) -> UInt64? {
        guard offset >= 0, width > 0, width <= 8, offset <= bytes.count - width else { return nil }
        var value: UInt64 = 0
        for index in 0..<width {
            let byte = UInt64(bytes[offset + (littleEndian ? width - 1 - index : index)])
            value = value << 8 | byte
        }
        return value
    }

    /// An unsigned integer at a 64-bit offset (`nil` when the offset does not fit).
    func uint(_ offset: UInt64, _ width: Int, _ littleEndian: Bool) -> UInt64? {
        guard let offset = Int(exactly: offset) else { return nil }
        return uint(offset, width, littleEndian)
    }

    /// The NUL-terminated string at `offset`, stopping at `limit`, the end or after `maxLength` bytes.
    func cString(at offset: UInt64, limit: UInt64, maxLength: Int = 256) -> String {
        guard offset < UInt64(bytes.count) else { return "" }
        let end = Int(min(limit, UInt64(bytes.count)))
        var index = Int(offset)
        var result: [UInt8] = []
        while index < end, bytes[index] != 0, result.count < maxLength {
            result.append(bytes[index])
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// A fixed-width field holding a NUL-padded name.
    func fixedString(_ offset: Int, _ width: Int) -> String {
        guard offset >= 0, offset <= bytes.count - width else { return "" }
        let field = bytes[offset..<(offset + width)]
        let end = field.firstIndex(of: 0) ?? field.endIndex
        return String(decoding: field[field.startIndex..<end], as: UTF8.self)
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
}
