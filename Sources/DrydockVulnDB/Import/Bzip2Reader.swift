import CDrydockBZip2
import Foundation

/// Decompresses a bzip2 file held in memory piece by piece, so a large feed (Oracle's ELSA OVAL grows
/// past a gigabyte uncompressed) is never held decompressed as a whole.
///
/// Concatenated streams (what parallel compressors write) are read one after the other. A stream that ends
/// early or is damaged is an error naming `file`, never a silently shortened document.
///
/// Not thread-safe: one reader is used by one parse.
final class Bzip2Reader {
    /// `BZh` followed by the block size digit `1`…`9`.
    static func isBzip2(_ bytes: some Collection<UInt8>) -> Bool {
        let head = Array(bytes.prefix(4))
        return head.count == 4 && head[0] == 0x42 && head[1] == 0x5A && head[2] == 0x68
            && (0x31...0x39).contains(head[3])
    }

    private let input: UnsafeMutableBufferPointer<CChar>
    private var stream = bz_stream()
    private var active = false
    private var finished = false
    private let file: String
    /// Decompressed bytes produced so far.
    private(set) var produced = 0

    /// A reader over `bytes` (the whole compressed file); `file` names it in errors.
    init(_ bytes: [UInt8], file: String) {
        let buffer = UnsafeMutableBufferPointer<CChar>.allocate(capacity: max(bytes.count, 1))
        bytes.withUnsafeBytes { raw in
            if let source = raw.baseAddress, let target = buffer.baseAddress { memcpy(target, source, raw.count) }
        }
        input = buffer
        self.file = file
        stream.next_in = input.baseAddress
        stream.avail_in = UInt32(bytes.count)
    }

    deinit {
        if active { BZ2_bzDecompressEnd(&stream) }
        input.deallocate()
    }

    /// Fills up to `capacity` bytes at `buffer`; returns how many, `0` at the end of the last stream.
    func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) throws(VulnDBError) -> Int {
        guard !finished, capacity > 0 else { return 0 }
        while true {
            if !active {
                guard BZ2_bzDecompressInit(&stream, 0, 0) == BZ_OK else { throw damaged("cannot start decompression") }
                active = true
            }
            let count: Int = buffer.withMemoryRebound(to: CChar.self, capacity: capacity) { target in
                stream.next_out = target
                stream.avail_out = UInt32(min(capacity, Int(UInt32.max)))
                let before = stream.avail_out
                let code = BZ2_bzDecompress(&stream)
                let written = Int(before - stream.avail_out)
                switch code {
                case BZ_OK: return stream.avail_in == 0 && written == 0 ? -2 : written
                case BZ_STREAM_END:
                    BZ2_bzDecompressEnd(&stream)
                    active = false
                    if stream.avail_in == 0 { finished = true }
                    return written
                default: return -1
                }
            }
            if count == -1 { throw damaged("the bzip2 data is damaged") }
            if count == -2 { throw damaged("the bzip2 stream ends early (truncated download?)") }
            produced += count
            if count > 0 || finished { return count }
        }
    }

    /// Reads everything, refusing more than `limit` bytes.
    func readAll(limit: Int) throws(VulnDBError) -> [UInt8] {
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = try chunk.withUnsafeMutableBufferPointer { (pointer) throws(VulnDBError) -> Int in
                guard let base = pointer.baseAddress else { return 0 }
                return try read(into: base, capacity: pointer.count)
            }
            if count == 0 { return output }
            output += chunk[0..<count]
            if output.count > limit {
                throw VulnDBError(
                    code: .malformedInput, reason: "decompresses to more than \(limit) bytes; refused", location: file)
            }
        }
    }

    private func damaged(_ reason: String) -> VulnDBError {
        VulnDBError(code: .malformedInput, reason: "\(reason) after \(produced) decompressed bytes", location: file)
    }
}
