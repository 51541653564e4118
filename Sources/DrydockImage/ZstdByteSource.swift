/// Decompresses a Zstandard stream (one or more frames, skippable frames included) with the system's
/// `libzstd.so.1`, loaded at run time.
///
/// Skippable frames — where `zstd:chunked` keeps its table of contents — are passed over, so a chunked
/// layer decodes to the same tar as a plain one. Corrupt data throws `corruptCompression` with the
/// compressed offset; a stream that stops inside a frame throws `truncated`; a missing library throws
/// `unsupported` naming `libzstd.so.1`.
public final class ZstdByteSource: ByteSource {
    private let base: any ByteSource
    private let location: String
    private let library: ZstdLibrary
    private let stream: OpaquePointer
    private let inputBase: UnsafeMutableRawPointer
    private var inputStart = 0
    private var inputEnd = 0
    private var baseEnded = false
    private var finished = false
    /// `true` after a frame was fully decoded and flushed (the stream may end there).
    private var atFrameEnd = false
    private var scratch: UnsafeMutableRawBufferPointer?
    /// Compressed bytes consumed so far.
    public private(set) var compressedOffset: Int64 = 0
    /// Decompressed bytes produced so far.
    public private(set) var decompressedOffset: Int64 = 0

    /// Decompresses `base` with the system's `libzstd.so.1`; `location` names the stream in errors.
    public convenience init(base: any ByteSource, location: String) throws(ImageError) {
        let library: ZstdLibrary
        switch ZstdLibrary.shared {
        case .success(let loaded): library = loaded
        case .failure(let error):
            throw ImageError(code: error.code, reason: error.reason, location: location)
        }
        try self.init(base: base, location: location, library: library)
    }

    init(base: any ByteSource, location: String, library: ZstdLibrary) throws(ImageError) {
        guard let stream = library.createDStream() else {
            throw ImageError(code: .unreadable, reason: "cannot start zstd (out of memory?)", location: location)
        }
        let status = library.initDStream(stream)
        if library.isError(status) != 0 {
            _ = library.freeDStream(stream)
            throw ImageError(
                code: .unreadable, reason: "cannot start zstd: \(library.errorName(status))", location: location)
        }
        self.base = base
        self.location = location
        self.library = library
        self.stream = stream
        self.inputBase = UnsafeMutableRawPointer.allocate(byteCount: ByteSourceDefaults.bufferSize, alignment: 64)
    }

    deinit {
        _ = library.freeDStream(stream)
        inputBase.deallocate()
        scratch?.deallocate()
    }

    /// Fills `buffer` with decompressed bytes; `0` after the last frame.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        guard let out = buffer.baseAddress, !buffer.isEmpty, !finished else { return 0 }
        var output = ZstdOutBuffer(dst: out, size: buffer.count, pos: 0)
        while output.pos == 0 {
            if inputStart == inputEnd && !baseEnded {
                try refill()
            }
            let noInput = inputStart == inputEnd
            if noInput && atFrameEnd {
                finished = true
                return 0
            }
            var input = ZstdInBuffer(src: UnsafeRawPointer(inputBase + inputStart), size: inputEnd - inputStart, pos: 0)
            let result = library.decompress(stream, &output, &input)
            inputStart += input.pos
            compressedOffset += Int64(input.pos)
            if library.isError(result) != 0 {
                throw ImageError(
                    code: .corruptCompression,
                    reason:
                        "corrupt zstd data near compressed offset \(compressedOffset): \(library.errorName(result))",
                    location: location)
            }
            atFrameEnd = result == 0
            if noInput && output.pos == 0 && !atFrameEnd {
                throw ImageError(
                    code: .truncated,
                    reason:
                        "zstd stream ends early after \(compressedOffset) bytes (\(decompressedOffset) bytes decompressed; file cut short or download interrupted?)",
                    location: location)
            }
        }
        decompressedOffset += Int64(output.pos)
        return output.pos
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

    /// Reads more compressed bytes from `base` once the previous ones are used up.
    private func refill() throws(ImageError) {
        inputStart = 0
        inputEnd = 0
        let got = try base.read(
            into: UnsafeMutableRawBufferPointer(start: inputBase, count: ByteSourceDefaults.bufferSize))
        if got == 0 {
            baseEnded = true
        }
        inputEnd = got
    }
}
