/// A sequential source of bytes: a file, a decompressor, a tar entry's content.
///
/// `read` fills as much of `buffer` as it can and returns the count; `0` means the end.
/// `skip` drops bytes without handing them out; sources that can seek (plain files) override it,
/// the default reads and discards.
public protocol ByteSource: AnyObject {
    /// Reads up to `buffer.count` bytes into `buffer`; returns how many were read, `0` at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int
    /// Drops the next `count` bytes; returns how many were dropped (fewer only at the end of the source).
    func skip(_ count: Int64) throws(ImageError) -> Int64
}

extension ByteSource {
    /// Reads and discards `count` bytes through a scratch buffer.
    public func skip(_ count: Int64) throws(ImageError) -> Int64 {
        try discardByReading(count)
    }

    /// Reads and discards `count` bytes; what `skip` does for sources that cannot seek.
    public func discardByReading(_ count: Int64) throws(ImageError) -> Int64 {
        if count <= 0 { return 0 }
        let scratch = UnsafeMutableRawBufferPointer.allocate(
            byteCount: Int(min(count, Int64(ByteSourceDefaults.scratchSize))), alignment: 16)
        defer { scratch.deallocate() }
        return try discardByReading(count, through: scratch)
    }

    /// Reads and discards `count` bytes through the caller's `scratch` buffer (which must not be empty).
    public func discardByReading(
        _ count: Int64, through scratch: UnsafeMutableRawBufferPointer
    ) throws(ImageError) -> Int64 {
        var skipped: Int64 = 0
        while skipped < count {
            let want = Int(min(count - skipped, Int64(scratch.count)))
            let got = try read(into: UnsafeMutableRawBufferPointer(rebasing: scratch[0..<want]))
            if got == 0 { break }
            skipped += Int64(got)
        }
        return skipped
    }

    /// Reads until `buffer` is full or the source ends; returns how many bytes were read.
    public func readFully(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        var filled = 0
        while filled < buffer.count {
            let got = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            if got == 0 { break }
            filled += got
        }
        return filled
    }

    /// Reads everything that is left, up to `limit` bytes; throws `limitExceeded` beyond that.
    public func readAll(limit: Int, location: String) throws(ImageError) -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let got = try chunk.withMutableBytes { (raw) throws(ImageError) -> Int in
                try read(into: raw)
            }
            if got == 0 { return result }
            if result.count + got > limit {
                throw ImageError(
                    code: .limitExceeded, reason: "content is larger than the \(limit)-byte limit", location: location)
            }
            result.append(contentsOf: chunk[0..<got])
        }
    }
}

/// Buffer sizes shared by the byte sources.
enum ByteSourceDefaults {
    /// Read size for files and decompressors.
    static let bufferSize = 256 * 1024
    /// Scratch buffer for read-and-discard skipping.
    static let scratchSize = 256 * 1024
}

/// A source that first returns `prefix`, then the rest of `base`: lets a reader peek at magic bytes.
final class PrefixedByteSource: ByteSource {
    private var prefix: [UInt8]
    private var prefixOffset = 0
    private let base: any ByteSource

    init(prefix: [UInt8], base: any ByteSource) {
        self.prefix = prefix
        self.base = base
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        if prefixOffset < prefix.count {
            let n = min(buffer.count, prefix.count - prefixOffset)
            let start = prefixOffset
            prefix.withUnsafeBytes { raw in
                UnsafeMutableRawBufferPointer(rebasing: buffer[0..<n]).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: raw[start..<(start + n)]))
            }
            prefixOffset += n
            return n
        }
        return try base.read(into: buffer)
    }

    func skip(_ count: Int64) throws(ImageError) -> Int64 {
        var skipped: Int64 = 0
        if prefixOffset < prefix.count {
            let n = min(count, Int64(prefix.count - prefixOffset))
            prefixOffset += Int(n)
            skipped = n
        }
        if skipped < count {
            skipped += try base.skip(count - skipped)
        }
        return skipped
    }
}

extension Array where Element == UInt8 {
    /// `withUnsafeMutableBytes` that keeps the typed `ImageError` (the standard one only rethrows).
    mutating func withMutableBytes<R>(
        _ body: (UnsafeMutableRawBufferPointer) throws(ImageError) -> R
    ) throws(ImageError) -> R {
        let result: Result<R, ImageError> = withUnsafeMutableBytes { raw in
            Result { () throws(ImageError) -> R in try body(raw) }
        }
        return try result.get()
    }
}
