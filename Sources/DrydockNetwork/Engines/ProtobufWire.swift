/// The protobuf wire format, for the handful of containerd messages Drydock sends and reads.
///
/// Only what those messages use: varints (`int64`, `bool`), length-delimited fields (`string`, `bytes`,
/// embedded messages, map entries). Unknown fields are skipped, as protobuf requires, so newer
/// containerd releases that add fields still decode.
struct ProtobufWriter {
    private(set) var bytes: [UInt8] = []

    /// Appends `value` as a base-128 varint.
    mutating func writeVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// A `string` field; empty strings are omitted, as proto3 does.
    mutating func string(_ field: Int, _ value: String) {
        guard !value.isEmpty else { return }
        lengthDelimited(field, Array(value.utf8))
    }

    /// An `int64` field; zero is omitted.
    mutating func int64(_ field: Int, _ value: Int64) {
        guard value != 0 else { return }
        writeVarint(UInt64(field << 3))
        writeVarint(UInt64(bitPattern: value))
    }

    /// A length-delimited field (bytes or an embedded message), written even when empty.
    mutating func lengthDelimited(_ field: Int, _ value: [UInt8]) {
        writeVarint(UInt64(field << 3 | 2))
        writeVarint(UInt64(value.count))
        bytes += value
    }
}

/// Reads the fields of one protobuf message.
struct ProtobufReader {
    /// One field as it appears on the wire.
    enum Value {
        case varint(UInt64)
        case lengthDelimited(ArraySlice<UInt8>)
        case fixed64
        case fixed32
    }

    private let bytes: ArraySlice<UInt8>
    private var position: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.position = bytes.startIndex
    }

    /// The next field number and value, or `nil` at the end of the message.
    mutating func next() throws(ProtobufError) -> (field: Int, value: Value)? {
        guard position < bytes.endIndex else { return nil }
        let key = try varint()
        let field = Int(truncatingIfNeeded: key >> 3)
        guard field > 0 else { throw ProtobufError(reason: "field number 0 at offset \(position)") }
        switch key & 7 {
        case 0:
            return (field, .varint(try varint()))
        case 1:
            try skip(8)
            return (field, .fixed64)
        case 2:
            let length = try varint()
            guard length <= UInt64(bytes.endIndex - position) else {
                throw ProtobufError(
                    reason: "field \(field) claims \(length) bytes, \(bytes.endIndex - position) remain")
            }
            let start = position
            position += Int(length)
            return (field, .lengthDelimited(bytes[start..<position]))
        case 5:
            try skip(4)
            return (field, .fixed32)
        default:
            throw ProtobufError(reason: "unsupported wire type \(key & 7) for field \(field)")
        }
    }

    private mutating func varint() throws(ProtobufError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while position < bytes.endIndex {
            let byte = bytes[position]
            position += 1
            guard shift < 64 else { break }
            result |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
        throw ProtobufError(reason: "varint runs past the end of the message")
    }

    private mutating func skip(_ count: Int) throws(ProtobufError) {
        guard bytes.endIndex - position >= count else {
            throw ProtobufError(reason: "fixed-size field runs past the end of the message")
        }
        position += count
    }
}

extension ProtobufReader.Value {
    /// The field as UTF-8 text (`string`), or `nil` for another wire type.
    var string: String? {
        if case .lengthDelimited(let slice) = self { return String(decoding: slice, as: UTF8.self) }
        return nil
    }

    /// The field as `int64`, or `nil` for another wire type.
    var int64: Int64? {
        if case .varint(let value) = self { return Int64(bitPattern: value) }
        return nil
    }

    /// The field's bytes (`bytes` or an embedded message), or `nil` for another wire type.
    var bytes: ArraySlice<UInt8>? {
        if case .lengthDelimited(let slice) = self { return slice }
        return nil
    }
}

/// A protobuf message that does not decode.
struct ProtobufError: Error, Hashable, CustomStringConvertible {
    var reason: String
    var description: String { "malformed protobuf message: \(reason)" }
}
