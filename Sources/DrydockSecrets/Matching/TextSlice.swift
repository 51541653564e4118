/// A byte range of a file as a `String` for `NSRegularExpression`, with the way back from the string's
/// UTF-16 offsets to byte offsets.
///
/// Bytes that are not valid UTF-8 become one U+FFFD each, as Go's `regexp` reads them, so the offsets
/// of everything around them stay exact. Pure ASCII (the usual case) needs no table.
struct TextSlice {
    /// The decoded text.
    let string: String
    /// Byte offset of the slice in the file.
    let base: Int
    /// Length of `string` in UTF-16 units.
    let utf16Count: Int
    /// UTF-16 offset → byte offset in the file (one more entry than `utf16Count`); `nil` for ASCII.
    private let byteOffsets: [Int]?

    /// Decodes `bytes[range]`.
    init(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) {
        base = range.lowerBound
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        if !slice.contains(where: { $0 >= 0x80 }) {
            string = String(decoding: slice, as: UTF8.self)
            utf16Count = slice.count
            byteOffsets = nil
            return
        }
        var units: [UInt16] = []
        var offsets: [Int] = []
        units.reserveCapacity(slice.count)
        offsets.reserveCapacity(slice.count + 1)
        var index = 0
        while index < slice.count {
            let (scalar, length) = Self.decode(slice, at: index)
            if scalar.value < 0x10000 {
                units.append(UInt16(scalar.value))
                offsets.append(base + index)
            } else {
                let value = scalar.value - 0x10000
                units += [UInt16(0xD800 + (value >> 10)), UInt16(0xDC00 + (value & 0x3FF))]
                offsets += [base + index, base + index]
            }
            index += length
        }
        offsets.append(base + slice.count)
        string = String(decoding: units, as: UTF16.self)
        utf16Count = units.count
        byteOffsets = offsets
    }

    /// The file offset of UTF-16 offset `utf16`.
    func byteOffset(_ utf16: Int) -> Int {
        byteOffsets.map { $0[utf16] } ?? base + utf16
    }

    /// The byte range in the file of a UTF-16 range of `string`.
    func byteRange(location: Int, length: Int) -> Range<Int> {
        byteOffset(location)..<byteOffset(location + length)
    }

    /// The scalar starting at `index` and its length in bytes; an invalid sequence is U+FFFD of length 1.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let replacement: (Unicode.Scalar, Int) = ("\u{FFFD}", 1)
        let lead = bytes[index]
        let length: Int
        var value: UInt32
        switch lead {
        case 0..<0x80: return (Unicode.Scalar(lead), 1)
        case 0xC2...0xDF: (length, value) = (2, UInt32(lead & 0x1F))
        case 0xE0...0xEF: (length, value) = (3, UInt32(lead & 0x0F))
        case 0xF0...0xF4: (length, value) = (4, UInt32(lead & 0x07))
        default: return replacement
        }
        guard index + length <= bytes.count else { return replacement }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return replacement }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return replacement }
        return (scalar, length)
    }
}
