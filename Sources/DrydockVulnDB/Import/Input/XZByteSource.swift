import CDrydockLZMA
import DrydockImage

/// Decompresses an xz stream (one or more, concatenated, as `xz -d` accepts them) with the system's liblzma, as a
/// `ByteSource`: Red Hat publishes its largest CSAF VEX documents xz-compressed (`cve-2024-2961.json.xz` inflates
/// to 23 MB), and the DB builder reads them as they are.
///
/// Damaged data throws `corruptCompression`; a stream that stops early throws `truncated`.
public final class XZByteSource: ByteSource {
    private let base: any ByteSource
    private let location: String
    private let stream: UnsafeMutablePointer<lzma_stream>
    private let input: UnsafeMutableRawBufferPointer
    private var baseEnded = false
    private var started = false
    private var finished = false

    /// The xz magic: `FD 37 7A 58 5A 00`.
    public static let magic: [UInt8] = [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]

    /// Decompresses `base`; `location` names the stream in errors.
    public init(base: any ByteSource, location: String) {
        self.base = base
        self.location = location
        stream = UnsafeMutablePointer<lzma_stream>.allocate(capacity: 1)
        stream.initialize(to: lzma_stream())
        input = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
    }

    deinit {
        if started { lzma_end(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
    }

    /// Decompresses into `buffer`; `0` at the end of the last stream.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        guard !finished, buffer.count > 0, let out = buffer.baseAddress else { return 0 }
        if !started {
            // LZMA_CONCATENATED (0x08; the C macro does not import): streams one after another.
            guard lzma_stream_decoder(stream, UInt64.max, 0x08) == LZMA_OK else {
                throw ImageError(code: .unreadable, reason: "cannot start xz (out of memory?)", location: location)
            }
            started = true
        }
        while true {
            if stream.pointee.avail_in == 0 && !baseEnded {
                let got = try base.read(into: input)
                if got == 0 { baseEnded = true }
                stream.pointee.next_in = UnsafePointer(input.baseAddress?.assumingMemoryBound(to: UInt8.self))
                stream.pointee.avail_in = got
            }
            stream.pointee.next_out = out.assumingMemoryBound(to: UInt8.self)
            stream.pointee.avail_out = buffer.count
            // liblzma answers LZMA_BUF_ERROR, never looping, when FINISH gets no further (the input was cut).
            let status = lzma_code(stream, baseEnded ? LZMA_FINISH : LZMA_RUN)
            let produced = buffer.count - stream.pointee.avail_out
            switch status {
            case LZMA_STREAM_END:
                finished = true
                return produced
            case LZMA_OK:
                if produced > 0 { return produced }
            case LZMA_BUF_ERROR:
                if produced > 0 { return produced }
                throw ImageError(code: .truncated, reason: "xz stream ends early (file cut off?)", location: location)
            default:
                throw ImageError(
                    code: .corruptCompression, reason: "xz data is damaged (liblzma error \(status.rawValue))",
                    location: location)
            }
        }
    }
}
