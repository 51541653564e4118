import CDrydockZlib

/// Why a compressed stream could not be inflated.
public struct InflateError: Error, Sendable, Hashable {
    /// What went wrong (`output exceeds 16777216 bytes`, `data error: invalid distance`).
    public var reason: String
}

/// One-shot zlib inflation of in-memory data, with a cap on the output size (zip bombs).
public enum Inflater {
    /// The framing of the compressed bytes.
    public enum Format: Sendable {
        /// Raw deflate, as in ZIP entries (method 8).
        case raw
        /// zlib framing (RFC 1950), as in cargo-auditable's `.dep-v0` section.
        case zlib
    }

    /// Inflates `input`, failing once the output would exceed `limit` bytes or the stream is damaged or
    /// ends early.
    public static func inflate(_ input: some Collection<UInt8>, format: Format, limit: Int) throws(InflateError)
        -> [UInt8]
    {
        var source = Array(input)
        var stream = z_stream()
        let bits = format == .raw ? -MAX_WBITS : MAX_WBITS
        guard inflateInit2_(&stream, bits, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw InflateError(reason: "zlib cannot be initialised")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var status = Z_OK
        var exceeded = false
        let count = source.count
        source.withUnsafeMutableBufferPointer { input in
            stream.next_in = input.baseAddress
            stream.avail_in = uInt(count)
            repeat {
                chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    status = CDrydockZlib.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                if output.count + produced > limit {
                    exceeded = true
                    return
                }
                output.append(contentsOf: chunk[0..<produced])
            } while status == Z_OK && (stream.avail_in > 0 || stream.avail_out == 0)
            stream.next_in = nil
        }
        if exceeded { throw InflateError(reason: "output exceeds \(limit) bytes") }
        switch status {
        case Z_STREAM_END:
            return output
        case Z_OK, Z_BUF_ERROR:
            throw InflateError(reason: "compressed data ends early")
        default:
            let message = stream.msg.map { String(cString: $0) } ?? "status \(status)"
            throw InflateError(reason: "data error: \(message)")
        }
    }
}
