import CDrydockZlib
import Foundation

/// How the store keeps large documents (inventories): `DJZ1`, the JSON's length (8 bytes, little-endian)
/// and the JSON compressed with zlib — package lists are repetitive and shrink about tenfold.
enum CompressedJSON {
    static let magic: [UInt8] = Array("DJZ1".utf8)
    /// The largest document a stored value may expand to: a corrupt length never allocates more.
    static let maxDecodedSize = 1 << 30

    static func encode(_ value: some Encodable) throws(RepositoryError) -> [UInt8] {
        let json: [UInt8]
        do {
            json = Array(try JSONEncoder().encode(value))
        } catch {
            throw RepositoryError(.invalid, "cannot encode a document for the store", underlying: error)
        }
        var bound = compressBound(uLong(json.count))
        var output = [UInt8](repeating: 0, count: magic.count + 8 + Int(bound))
        let status = output.withUnsafeMutableBufferPointer { out -> Int32 in
            json.withUnsafeBufferPointer { input in
                guard let destination = out.baseAddress, let source = input.baseAddress else { return Z_BUF_ERROR }
                return compress2(destination + magic.count + 8, &bound, source, uLong(json.count), 6)
            }
        }
        guard status == Z_OK else { throw RepositoryError(.storage, "cannot compress a document: zlib \(status)") }
        output.replaceSubrange(0..<magic.count, with: magic)
        var length = UInt64(json.count)
        for offset in 0..<8 {
            output[magic.count + offset] = UInt8(truncatingIfNeeded: length)
            length >>= 8
        }
        output.removeLast(output.count - (magic.count + 8 + Int(bound)))
        return output
    }

    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws(RepositoryError) -> T {
        guard bytes.count > magic.count + 8, bytes.starts(with: magic) else {
            throw RepositoryError(.storage, "a stored document is not in the store's format")
        }
        var length: UInt64 = 0
        for offset in (0..<8).reversed() { length = length << 8 | UInt64(bytes[magic.count + offset]) }
        guard length > 0, length <= UInt64(maxDecodedSize) else {
            throw RepositoryError(.storage, "a stored document claims an implausible length \(length)")
        }
        var json = [UInt8](repeating: 0, count: Int(length))
        var written = uLong(length)
        let status = json.withUnsafeMutableBufferPointer { out -> Int32 in
            bytes.withUnsafeBufferPointer { input in
                guard let destination = out.baseAddress, let source = input.baseAddress else { return Z_BUF_ERROR }
                return uncompress(destination, &written, source + magic.count + 8, uLong(bytes.count - magic.count - 8))
            }
        }
        guard status == Z_OK, written == uLong(length) else {
            throw RepositoryError(.storage, "cannot decompress a stored document: zlib \(status)")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(json))
        } catch {
            throw RepositoryError(.storage, "cannot decode a stored document", underlying: error)
        }
    }
}
