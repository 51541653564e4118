import DrydockImage

/// One `db build` input file as stored on disk, read through its compression: gzip (`updateinfo.xml.gz`), zstd,
/// xz (`cve-….json.xz`), bzip2 (`com.oracle.elsa-all.xml.bz2`). Compression is recognised by magic bytes, never
/// by the file name.
///
/// Importers choose how to read it: ``head()`` to recognise the format, ``content(limit:)`` for the whole
/// document, or ``stream()`` to parse as it decompresses (Oracle's ELSA OVAL grows past a gigabyte uncompressed
/// and is never held whole). Pure: the bytes are already in memory; nothing here touches the file system.
public struct FeedFile: Sendable {
    /// How a file is compressed.
    public enum Compression: String, Sendable {
        case none, gzip, zstd, bzip2, xz
    }

    /// How many leading bytes ``AdvisoryFileImporter/recognizes(head:)`` sees.
    public static let headLength = 8192
    /// The most one document may inflate to when read whole (streaming readers have no limit).
    public static let decompressedLimit = 2 << 30

    /// The path, for messages.
    public let path: String
    /// The bytes on disk.
    public let bytes: [UInt8]
    /// The compression found in the first bytes.
    public let compression: Compression

    /// A file's bytes as stored.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        compression = Self.compression(of: bytes)
    }

    /// The compression `bytes` start with: xz `FD 37 7A 58 5A 00`, bzip2 `BZh1`…`BZh9`, gzip, zstd, else none.
    public static func compression(of bytes: [UInt8]) -> Compression {
        if bytes.starts(with: XZByteSource.magic) { return .xz }
        if bytes.starts(with: BZip2ByteSource.magic), bytes.count > 3, (0x31...0x39).contains(bytes[3]) {
            return .bzip2
        }
        switch DrydockImage.Compression.detect(bytes.prefix(4)) {
        case .gzip: return .gzip
        case .zstd: return .zstd
        case .none: return .none
        }
    }

    /// The content as a stream, decompressed as it is read.
    public func stream() throws(VulnDBError) -> any ByteSource {
        do {
            return try Self.decompressing(MemoryByteSource(bytes), compression: compression, location: path)
        } catch {
            throw Self.failure(error, path: path)
        }
    }

    /// `base` read through `compression` (the one reader per format: gzip and zstd from `DrydockImage`, bzip2 and
    /// xz beside this type); `location` names the stream in errors.
    public static func decompressing(
        _ base: any ByteSource, compression: Compression, location: String
    ) throws(ImageError) -> any ByteSource {
        switch compression {
        case .none: return base
        case .bzip2: return BZip2ByteSource(base: base, location: location)
        case .xz: return XZByteSource(base: base, location: location)
        case .gzip, .zstd: return try DrydockImage.Compression.decompressing(base, location: location).source
        }
    }

    /// The first ``headLength`` bytes of the content (fewer for a shorter file), decompressed.
    public func head() throws(VulnDBError) -> [UInt8] {
        guard compression != .none else { return Array(bytes.prefix(Self.headLength)) }
        let source = try stream()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.headLength, alignment: 1)
        defer { buffer.deallocate() }
        let filled: Int
        do {
            filled = try source.readFully(into: buffer)
        } catch {
            throw Self.failure(error, path: path)
        }
        return Array(buffer[0..<filled])
    }

    /// The whole content, decompressed; throws `malformedInput` naming the file for damaged or cut-off data and
    /// for content larger than `limit` bytes.
    public func content(limit: Int = decompressedLimit) throws(VulnDBError) -> [UInt8] {
        guard compression != .none else { return bytes }
        let source = try stream()
        do {
            return try source.readAll(limit: limit, location: path)
        } catch {
            throw Self.failure(error, path: path)
        }
    }

    /// A decompression error as the DB builder reports it.
    static func failure(_ error: ImageError, path: String) -> VulnDBError {
        VulnDBError(code: .malformedInput, reason: error.reason, location: path)
    }
}
