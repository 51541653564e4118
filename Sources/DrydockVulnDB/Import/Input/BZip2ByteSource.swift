import CDrydockBZip2
import DrydockImage

/// Decompresses a bzip2 stream (one or more, concatenated, as `pbzip2` writes them) with the system's libbz2,
/// as a `ByteSource`: SUSE's `csaf-vex.tar.bz2` archive is read through it entry by entry, never whole.
///
/// Damaged data throws `corruptCompression`; a stream that stops early throws `truncated`.
public final class BZip2ByteSource: ByteSource {
    private let base: any ByteSource
    private let location: String
    private let stream: UnsafeMutablePointer<bz_stream>
    private let input: UnsafeMutableRawBufferPointer
    private var baseEnded = false
    private var streamOpen = false
    private var finished = false

    /// The bzip2 magic: `BZh`.
    public static let magic: [UInt8] = [0x42, 0x5A, 0x68]

    /// Decompresses `base`; `location` names the stream in errors.
    public init(base: any ByteSource, location: String) {
        self.base = base
        self.location = location
        stream = UnsafeMutablePointer<bz_stream>.allocate(capacity: 1)
        stream.initialize(to: bz_stream())
        input = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
    }

    deinit {
        if streamOpen { BZ2_bzDecompressEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
    }

    /// Decompresses into `buffer`; `0` at the end of the last stream.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        guard !finished, buffer.count > 0, let out = buffer.baseAddress else { return 0 }
        while true {
            if stream.pointee.avail_in == 0 && !baseEnded {
                let got = try base.read(into: input)
                if got == 0 { baseEnded = true }
                stream.pointee.next_in = input.baseAddress?.assumingMemoryBound(to: CChar.self)
                stream.pointee.avail_in = UInt32(got)
            }
            if !streamOpen {
                if stream.pointee.avail_in == 0 && baseEnded {
                    finished = true
                    return 0
                }
                // Init leaves the input pointers alone; keep them anyway across it, for clarity.
                let (next, available) = (stream.pointee.next_in, stream.pointee.avail_in)
                guard BZ2_bzDecompressInit(stream, 0, 0) == BZ_OK else {
                    throw ImageError(
                        code: .unreadable, reason: "cannot start bzip2 (out of memory?)", location: location)
                }
                (stream.pointee.next_in, stream.pointee.avail_in) = (next, available)
                streamOpen = true
            }
            stream.pointee.next_out = out.assumingMemoryBound(to: CChar.self)
            stream.pointee.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
            let status = BZ2_bzDecompress(stream)
            let produced = buffer.count - Int(stream.pointee.avail_out)
            switch status {
            case BZ_STREAM_END:
                // Another stream may follow (concatenated bzip2 files) in the input left unconsumed.
                let (next, available) = (stream.pointee.next_in, stream.pointee.avail_in)
                BZ2_bzDecompressEnd(stream)
                (stream.pointee.next_in, stream.pointee.avail_in) = (next, available)
                streamOpen = false
                if produced > 0 { return produced }
            case BZ_OK:
                if produced > 0 { return produced }
                if stream.pointee.avail_in == 0 && baseEnded {
                    throw ImageError(code: .truncated, reason: "bzip2 stream ends early", location: location)
                }
            default:
                throw ImageError(
                    code: .corruptCompression, reason: "bzip2 data is damaged (libbz2 error \(status))",
                    location: location)
            }
        }
    }
}
