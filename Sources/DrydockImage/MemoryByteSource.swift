/// A `ByteSource` over bytes already in memory (small blobs, tests).
public final class MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0
    private let chunkLimit: Int

    /// Serves `bytes`; `chunkLimit` caps each read, to exercise readers against short reads.
    public init(_ bytes: [UInt8], chunkLimit: Int = .max) {
        self.bytes = bytes
        self.chunkLimit = max(1, chunkLimit)
    }

    /// Copies the next bytes into `buffer`.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        let n = min(buffer.count, bytes.count - offset, chunkLimit)
        if n <= 0 { return 0 }
        let start = offset
        bytes.withUnsafeBytes { raw in
            UnsafeMutableRawBufferPointer(rebasing: buffer[0..<n]).copyMemory(
                from: UnsafeRawBufferPointer(rebasing: raw[start..<(start + n)]))
        }
        offset += n
        return n
    }

    /// Moves past `count` bytes.
    public func skip(_ count: Int64) throws(ImageError) -> Int64 {
        let n = Int(max(0, min(count, Int64(bytes.count - offset))))
        offset += n
        return Int64(n)
    }
}
