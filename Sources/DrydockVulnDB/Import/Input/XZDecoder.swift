import CDrydockLZMA

/// Decompresses an xz stream (one or more, concatenated) with the system's liblzma.
///
/// Pure: bytes in, bytes out. Red Hat publishes its largest CSAF VEX documents xz-compressed
/// (`cve-2024-2961.json.xz` inflates to 23 MB), and the DB builder reads them as they are.
enum XZDecoder {
    /// The xz magic: `FD 37 7A 58 5A 00`.
    static let magic: [UInt8] = [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]

    /// Whether `bytes` start with the xz magic.
    static func isXZ(_ bytes: some Collection<UInt8>) -> Bool { bytes.starts(with: magic) }

    /// The decompressed bytes; throws `malformedInput` naming `location` for damaged or cut streams, and when the
    /// output would exceed `limit` bytes.
    static func decompress(_ input: [UInt8], limit: Int, location: String) throws(VulnDBError) -> [UInt8] {
        var stream = lzma_stream()
        // LZMA_CONCATENATED (0x08; the C macro does not import): `xz` itself accepts streams one after another.
        let flags: UInt32 = 0x08
        guard lzma_stream_decoder(&stream, UInt64.max, flags) == LZMA_OK else {
            throw VulnDBError(
                code: .ioFailure, reason: "cannot start the xz decoder (out of memory?)", location: location)
        }
        defer { lzma_end(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let status: lzma_ret = input.withUnsafeBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = inputBuffer.count
            while true {
                let (code, produced) = chunk.withUnsafeMutableBufferPointer { out -> (lzma_ret, Int) in
                    stream.next_out = out.baseAddress
                    stream.avail_out = out.count
                    let action = stream.avail_in == 0 ? LZMA_FINISH : LZMA_RUN
                    let code = lzma_code(&stream, action)
                    return (code, out.count - stream.avail_out)
                }
                output.append(contentsOf: chunk[0..<produced])
                if output.count > limit { return LZMA_MEMLIMIT_ERROR }
                if code == LZMA_STREAM_END { return code }
                if code != LZMA_OK { return code }
                if stream.avail_in == 0 && produced == 0 { return LZMA_BUF_ERROR }
            }
        }
        switch status {
        case LZMA_STREAM_END:
            return output
        case LZMA_MEMLIMIT_ERROR:
            throw VulnDBError(
                code: .malformedInput, reason: "xz content is larger than the \(limit)-byte limit", location: location)
        case LZMA_BUF_ERROR:
            throw VulnDBError(
                code: .malformedInput, reason: "xz stream ends early (file cut off?)", location: location)
        default:
            throw VulnDBError(
                code: .malformedInput, reason: "xz stream is damaged (liblzma error \(status.rawValue))",
                location: location)
        }
    }
}
