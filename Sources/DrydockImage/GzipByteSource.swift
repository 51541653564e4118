import CDrydockZlib

/// Decompresses a gzip stream (one or more concatenated members) with zlib.
///
/// Corrupt data throws `corruptCompression` with the compressed offset; a stream that stops before the
/// end of a member throws `truncated`. Bytes after the last member that do not start another gzip member
/// are ignored, as `gzip -d` does.
public final class GzipByteSource: ByteSource {
    private let base: any ByteSource
    private let location: String
    private let stream: UnsafeMutablePointer<z_stream>
    private let inputBase: UnsafeMutableRawPointer
    private let input: UnsafeMutableRawBufferPointer
    private var inputStart = 0
    private var inputEnd = 0
    private var baseEnded = false
    private var finished = false
    private var scratch: UnsafeMutableRawBufferPointer?
    /// Compressed bytes consumed so far.
    public private(set) var compressedOffset: Int64 = 0
    /// Decompressed bytes produced so far.
    public private(set) var decompressedOffset: Int64 = 0

    /// Decompresses `base`; `location` names the stream in errors.
    public init(base: any ByteSource, location: String) throws(ImageError) {
        self.base = base
        self.location = location
        self.stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        self.stream.initialize(to: z_stream())
        self.inputBase = UnsafeMutableRawPointer.allocate(byteCount: ByteSourceDefaults.bufferSize, alignment: 64)
        self.input = UnsafeMutableRawBufferPointer(start: inputBase, count: ByteSourceDefaults.bufferSize)
        let status = inflateInit2_(stream, 16 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        if status != Z_OK {
            stream.deinitialize(count: 1)
            stream.deallocate()
            input.deallocate()
            throw ImageError(code: .unreadable, reason: "cannot start zlib (status \(status))", location: location)
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
        scratch?.deallocate()
    }

    /// Fills `buffer` with decompressed bytes; `0` at the end of the last member.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        guard let out = buffer.baseAddress, !buffer.isEmpty, !finished else { return 0 }
        let capacity = UInt32(clamping: buffer.count)
        stream.pointee.next_out = out.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = capacity
        while stream.pointee.avail_out == capacity {
            if inputStart == inputEnd {
                try refill()
                if inputStart == inputEnd {
                    throw ImageError(
                        code: .truncated,
                        reason:
                            "gzip stream ends early after \(compressedOffset) bytes (\(decompressedOffset) bytes decompressed; file cut short or download interrupted?)",
                        location: location)
                }
            }
            let available = inputEnd - inputStart
            stream.pointee.next_in = (inputBase + inputStart).assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_in = UInt32(available)
            let status = inflate(stream, Z_NO_FLUSH)
            let used = available - Int(stream.pointee.avail_in)
            inputStart += used
            compressedOffset += Int64(used)
            switch status {
            case Z_OK, Z_BUF_ERROR:
                break
            case Z_STREAM_END:
                let produced = Int(capacity - stream.pointee.avail_out)
                decompressedOffset += Int64(produced)
                if try !startNextMember() {
                    finished = true
                }
                if produced > 0 || finished { return produced }
                stream.pointee.next_out = out.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = capacity
                continue
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "status \(status)"
                throw ImageError(
                    code: .corruptCompression,
                    reason: "corrupt gzip data near compressed offset \(compressedOffset): \(message)",
                    location: location)
            }
        }
        let produced = Int(capacity - stream.pointee.avail_out)
        decompressedOffset += Int64(produced)
        return produced
    }

    /// Decompresses and discards `count` bytes into an internal scratch buffer.
    public func skip(_ count: Int64) throws(ImageError) -> Int64 {
        if count <= 0 { return 0 }
        let buffer: UnsafeMutableRawBufferPointer
        if let scratch {
            buffer = scratch
        } else {
            buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: ByteSourceDefaults.scratchSize, alignment: 64)
            scratch = buffer
        }
        return try discardByReading(count, through: buffer)
    }

    /// After a member ends: when the next bytes are another gzip header, resets zlib and returns `true`.
    private func startNextMember() throws(ImageError) -> Bool {
        while inputEnd - inputStart < 2 && !baseEnded {
            try refill()
        }
        guard inputEnd - inputStart >= 2 else { return false }
        let first = input[inputStart]
        let second = input[inputStart + 1]
        guard first == 0x1f && second == 0x8b else { return false }
        let status = inflateReset(stream)
        if status != Z_OK {
            throw ImageError(
                code: .corruptCompression, reason: "cannot reset zlib (status \(status))", location: location)
        }
        return true
    }

    /// Moves unread input to the front and reads more from `base`.
    private func refill() throws(ImageError) {
        if baseEnded { return }
        if inputStart > 0 {
            let left = inputEnd - inputStart
            if left > 0 {
                inputBase.copyMemory(from: inputBase + inputStart, byteCount: left)
            }
            inputStart = 0
            inputEnd = left
        }
        let got = try base.read(into: UnsafeMutableRawBufferPointer(rebasing: input[inputEnd...]))
        if got == 0 {
            baseEnded = true
        }
        inputEnd += got
    }
}
