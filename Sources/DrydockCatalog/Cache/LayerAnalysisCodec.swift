import CDrydockZlib
import Foundation

/// The bytes a `LayerAnalysis` is cached as: `DLA1`, the JSON's length (8 bytes, little-endian), and the
/// JSON compressed with zlib. JSON keeps the format readable and tolerant; zlib makes the repetitive
/// package records about ten times smaller, so more layers fit in a bounded cache.
public enum LayerAnalysisCodec {
    /// The leading bytes; a new layout gets a new magic, and old entries then read as misses.
    static let magic: [UInt8] = Array("DLA1".utf8)
    /// The largest JSON an entry may expand to (1 GiB): a corrupt length never allocates more.
    static let maxDecodedSize = 1 << 30

    /// Encodes `analysis`. Throws `CatalogError` (`unusableCacheEntry`) when it cannot be encoded.
    public static func encode(_ analysis: LayerAnalysis) throws(CatalogError) -> [UInt8] {
        let json: [UInt8]
        do {
            json = Array(try JSONEncoder().encode(analysis))
        } catch {
            throw failure("cannot encode the layer analysis", String(describing: error))
        }
        var bound = compressBound(uLong(json.count))
        var output = [UInt8](repeating: 0, count: magic.count + 8 + Int(bound))
        let status = output.withUnsafeMutableBufferPointer { out -> Int32 in
            json.withUnsafeBufferPointer { input in
                guard let destination = out.baseAddress, let source = input.baseAddress else { return Z_BUF_ERROR }
                return compress2(destination + magic.count + 8, &bound, source, uLong(json.count), 6)
            }
        }
        guard status == Z_OK else { throw failure("cannot compress the layer analysis", "zlib status \(status)") }
        output.replaceSubrange(0..<magic.count, with: magic)
        var length = UInt64(json.count)
        for offset in 0..<8 {
            output[magic.count + offset] = UInt8(truncatingIfNeeded: length)
            length >>= 8
        }
        output.removeLast(output.count - (magic.count + 8 + Int(bound)))
        return output
    }

    /// Decodes bytes written by `encode`. Throws `CatalogError` (`unusableCacheEntry`) for anything else.
    public static func decode(_ bytes: [UInt8]) throws(CatalogError) -> LayerAnalysis {
        guard bytes.count > magic.count + 8, bytes.starts(with: magic) else {
            throw failure("not a cached layer analysis", nil)
        }
        var length: UInt64 = 0
        for offset in (0..<8).reversed() { length = length << 8 | UInt64(bytes[magic.count + offset]) }
        guard length > 0, length <= UInt64(maxDecodedSize) else {
            throw failure("implausible length \(length)", nil)
        }
        var json = [UInt8](repeating: 0, count: Int(length))
        var written = uLong(length)
        let status = json.withUnsafeMutableBufferPointer { out -> Int32 in
            bytes.withUnsafeBufferPointer { input in
                guard let destination = out.baseAddress, let source = input.baseAddress else { return Z_BUF_ERROR }
                return uncompress(
                    destination, &written, source + magic.count + 8, uLong(bytes.count - magic.count - 8))
            }
        }
        guard status == Z_OK, written == uLong(length) else {
            throw failure("cannot decompress", "zlib status \(status)")
        }
        do {
            return try JSONDecoder().decode(LayerAnalysis.self, from: Data(json))
        } catch {
            throw failure("cannot decode", String(describing: error))
        }
    }

    private static func failure(_ reason: String, _ underlying: String?) -> CatalogError {
        CatalogError(code: .unusableCacheEntry, reason: reason, location: "layer cache entry", underlying: underlying)
    }
}
