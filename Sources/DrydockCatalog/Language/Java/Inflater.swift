import CDrydockZlib

/// Why a compressed stream could not be inflated.
public struct InflateError: Error, Sendable, Hashable {
    /// What went wrong (`output exceeds 16777216 bytes`, `data error: invalid distance`).
    public var reason: String
}

/// zlib inflation with a cap on the output size (zip bombs): of bytes in memory, or streamed from a range of a
/// file read by offset into a sink, so neither side is ever held whole.
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
        var output: [UInt8] = []
        let source = InMemoryBytes(Array(input))
        try inflate(source, range: 0..<source.count, format: format, limit: limit) { chunk in
            output.append(contentsOf: chunk)
        }
        return output
    }

    /// Inflates the compressed bytes in `range` of `file`, read 256 KiB at a time, handing the output to `sink`
    /// in chunks of up to 64 KiB; returns the number of bytes produced. Fails once the output would exceed
    /// `limit` bytes, when the stream is damaged or ends early, when `file` cannot be read, or when `sink` throws.
    @discardableResult
    public static func inflate(
        _ file: any RandomAccessBytes, range: Range<Int>, format: Format, limit: Int,
        into sink: (UnsafeRawBufferPointer) throws(InflateError) -> Void
    ) throws(InflateError) -> Int {
        var stream = z_stream()
        let bits = format == .raw ? -MAX_WBITS : MAX_WBITS
        guard inflateInit2_(&stream, bits, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw InflateError(reason: "zlib cannot be initialised")
        }
        defer { inflateEnd(&stream) }
        let input = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 16)
        defer { input.deallocate() }
        let output = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
        defer { output.deallocate() }
        var position = range.lowerBound
        var produced = 0
        var status = Z_OK
        while true {
            if stream.avail_in == 0, position < range.upperBound {
                let want = min(input.count, range.upperBound - position)
                let got: Int
                do {
                    got = try file.read(at: position, into: UnsafeMutableRawBufferPointer(rebasing: input[0..<want]))
                } catch {
                    throw InflateError(reason: error.reason)
                }
                // A file shorter than the range: no more input.
                position = got > 0 ? position + got : range.upperBound
                stream.next_in = input.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.avail_in = uInt(got)
            }
            stream.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(output.count)
            status = CDrydockZlib.inflate(&stream, Z_NO_FLUSH)
            let made = output.count - Int(stream.avail_out)
            if made > 0 {
                guard produced + made <= limit else { throw InflateError(reason: "output exceeds \(limit) bytes") }
                produced += made
                try sink(UnsafeRawBufferPointer(rebasing: output[0..<made]))
            }
            guard status == Z_OK || status == Z_BUF_ERROR else { break }
            // No output, and no input left to give: the stream ends early.
            if made == 0, stream.avail_in == 0, position >= range.upperBound { break }
        }
        stream.next_in = nil
        switch status {
        case Z_STREAM_END:
            return produced
        case Z_OK, Z_BUF_ERROR:
            throw InflateError(reason: "compressed data ends early")
        default:
            let message = stream.msg.map { String(cString: $0) } ?? "status \(status)"
            throw InflateError(reason: "data error: \(message)")
        }
    }

    /// Hands the bytes in `range` of `file` to `sink` unchanged, 64 KiB at a time (a stored ZIP entry).
    public static func copy(
        _ file: any RandomAccessBytes, range: Range<Int>,
        into sink: (UnsafeRawBufferPointer) throws(InflateError) -> Void
    ) throws(InflateError) {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
        defer { chunk.deallocate() }
        var position = range.lowerBound
        while position < range.upperBound {
            let want = min(chunk.count, range.upperBound - position)
            let got: Int
            do {
                got = try file.read(at: position, into: UnsafeMutableRawBufferPointer(rebasing: chunk[0..<want]))
            } catch {
                throw InflateError(reason: error.reason)
            }
            guard got > 0 else { throw InflateError(reason: "stored data ends early") }
            try sink(UnsafeRawBufferPointer(rebasing: chunk[0..<got]))
            position += got
        }
    }
}
