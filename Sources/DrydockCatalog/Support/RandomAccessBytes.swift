extension CatalogError.Code {
    /// A file's bytes could not be read (an I/O error, a file that shrank while it was read), or could not be
    /// put aside in a temporary file.
    public static let unreadableFile = CatalogError.Code(rawValue: "unreadable-file")
}

/// The bytes of one file, read by offset: parsers of big formats (executables, ZIP archives) read the headers,
/// then only the ranges the headers lead to, so a file of any size is read in bounded memory.
///
/// Implementations: `InMemoryBytes` (a small file already read), `FileBytes` (a file on disk, or a layer entry
/// spilled to a private temporary file), `SliceBytes` (a range of another: one program of a universal binary,
/// a stored archive inside an archive) and `CountingBytes` (counts what is read).
public protocol RandomAccessBytes: AnyObject {
    /// The length in bytes.
    var count: Int { get }
    /// Copies bytes starting at `offset` into `buffer`; returns how many were copied, fewer than
    /// `buffer.count` only at the end. Throws `CatalogError` (`unreadable-file`) on an I/O error.
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(CatalogError) -> Int
}

extension RandomAccessBytes {
    /// The bytes of `range`, clamped to the file; throws `CatalogError` (`unreadable-file`) on an I/O error.
    public func bytes(_ range: Range<Int>) throws(CatalogError) -> [UInt8] {
        let lower = max(0, min(range.lowerBound, count))
        let upper = max(lower, min(range.upperBound, count))
        var result = [UInt8](repeating: 0, count: upper - lower)
        var filled = 0
        while filled < result.count {
            let start = filled
            let got = try result.withUnsafeMutableBytes { raw in
                Result { () throws(CatalogError) -> Int in
                    try read(at: lower + start, into: UnsafeMutableRawBufferPointer(rebasing: raw[start...]))
                }
            }.get()
            if got == 0 { break }
            filled += got
        }
        if filled < result.count { result.removeLast(result.count - filled) }
        return result
    }
}

/// A file already held in memory.
public final class InMemoryBytes: RandomAccessBytes {
    /// The content.
    public let content: [UInt8]

    /// Wraps `content`.
    public init(_ content: [UInt8]) { self.content = content }

    /// See `RandomAccessBytes.count`.
    public var count: Int { content.count }

    /// See `RandomAccessBytes.read(at:into:)`.
    public func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(CatalogError) -> Int {
        guard offset >= 0, offset < content.count else { return 0 }
        let n = min(buffer.count, content.count - offset)
        content.withUnsafeBytes { raw in
            UnsafeMutableRawBufferPointer(rebasing: buffer[0..<n]).copyMemory(
                from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + n)]))
        }
        return n
    }
}

/// A range of another file, read as a file of its own: a thin program inside a universal Mach-O file, a jar
/// stored uncompressed inside another jar.
public final class SliceBytes: RandomAccessBytes {
    private let base: any RandomAccessBytes
    private let start: Int
    /// See `RandomAccessBytes.count`.
    public let count: Int

    /// The part of `base` in `range` (clamped to `base`).
    public init(_ base: any RandomAccessBytes, range: Range<Int>) {
        self.base = base
        self.start = max(0, min(range.lowerBound, base.count))
        self.count = max(0, min(range.upperBound, base.count) - start)
    }

    /// See `RandomAccessBytes.read(at:into:)`.
    public func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(CatalogError) -> Int {
        guard offset >= 0, offset < count else { return 0 }
        let n = min(buffer.count, count - offset)
        return try base.read(at: start + offset, into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<n]))
    }
}

/// Counts the bytes read through it: how `LayerWalker` tells how much of a file an analyzer read.
public final class CountingBytes: RandomAccessBytes {
    private let base: any RandomAccessBytes
    /// Bytes handed out so far.
    public private(set) var bytesRead = 0
    /// Read calls so far.
    public private(set) var reads = 0

    /// Counts reads of `base`.
    public init(_ base: any RandomAccessBytes) { self.base = base }

    /// See `RandomAccessBytes.count`.
    public var count: Int { base.count }

    /// See `RandomAccessBytes.read(at:into:)`.
    public func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(CatalogError) -> Int {
        let got = try base.read(at: offset, into: buffer)
        bytesRead += got
        reads += 1
        return got
    }
}
