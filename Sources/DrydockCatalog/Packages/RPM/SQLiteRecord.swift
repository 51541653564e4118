/// One column value of an SQLite record, as far as rpm's tables need it.
enum SQLiteValue: Equatable {
    case null
    case integer(Int64)
    case real
    case text(ArraySlice<UInt8>)
    case blob(ArraySlice<UInt8>)
}

/// Decodes SQLite's record format: a header of serial types followed by the column bodies.
enum SQLiteRecord {
    /// Decodes a record; `nil` when the header or a body runs past the payload.
    static func decode(_ payload: [UInt8]) -> [SQLiteValue]? {
        let bytes = payload[...]
        guard let (headerSize, headerLength) = varint(bytes, at: 0), headerSize >= Int64(headerLength),
            headerSize <= Int64(payload.count)
        else { return nil }
        var types: [Int64] = []
        var cursor = headerLength
        while cursor < Int(headerSize) {
            guard let (type, length) = varint(bytes, at: cursor) else { return nil }
            types.append(type)
            cursor += length
        }
        var body = Int(headerSize)
        var values: [SQLiteValue] = []
        values.reserveCapacity(types.count)
        for type in types {
            let length: Int
            switch type {
            case 0, 8, 9: length = 0
            case 1, 2, 3, 4: length = Int(type)
            case 5: length = 6
            case 6, 7: length = 8
            case 10, 11: return nil
            default:
                guard type <= Int64(Int32.max) else { return nil }
                length = Int((type - 12) / 2)
            }
            guard length <= payload.count - body else { return nil }
            let field = bytes[body..<(body + length)]
            switch type {
            case 0: values.append(.null)
            case 8: values.append(.integer(0))
            case 9: values.append(.integer(1))
            case 1...6: values.append(.integer(signedInteger(field)))
            case 7: values.append(.real)
            default: values.append(type % 2 == 0 ? .blob(field) : .text(field))
            }
            body += length
        }
        return values
    }

    /// A big-endian two's-complement integer of 1 to 8 bytes.
    static func signedInteger(_ field: ArraySlice<UInt8>) -> Int64 {
        var value: UInt64 = 0
        for byte in field { value = value << 8 | UInt64(byte) }
        let bits = field.count * 8
        if bits < 64, bits > 0, value & (1 << UInt64(bits - 1)) != 0 {
            value |= ~((1 << UInt64(bits)) - 1)
        }
        return Int64(bitPattern: value)
    }

    /// An SQLite varint: big-endian groups of 7 bits, high bit set on all but the last; the ninth byte
    /// contributes all 8 bits. Returns the value and the number of bytes read.
    static func varint(_ bytes: ArraySlice<UInt8>, at offset: Int) -> (Int64, Int)? {
        var value: UInt64 = 0
        var index = offset
        for position in 0..<9 {
            guard index >= bytes.startIndex, index < bytes.endIndex else { return nil }
            let byte = bytes[index]
            index += 1
            if position == 8 {
                value = value << 8 | UInt64(byte)
                return (Int64(bitPattern: value), 9)
            }
            value = value << 7 | UInt64(byte & 0x7F)
            if byte & 0x80 == 0 { return (Int64(bitPattern: value), position + 1) }
        }
        return nil
    }
}
