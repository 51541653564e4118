import DrydockImage

/// The bytes of one advisory input file, decompressed when it is compressed: gzip (`updateinfo.xml.gz`),
/// zstd, xz (`cve-….json.xz`), bzip2. Compression is recognised by magic bytes, never by the file name.
///
/// Pure: bytes in, bytes out.
enum AdvisoryInput {
    /// The most one document may inflate to.
    static let decompressedLimit = 2 << 30

    /// `bytes` as they are, or decompressed; throws `malformedInput` naming `location` for damaged streams.
    static func decode(_ bytes: [UInt8], location: String) throws(VulnDBError) -> [UInt8] {
        if XZDecoder.isXZ(bytes) {
            return try XZDecoder.decompress(bytes, limit: decompressedLimit, location: location)
        }
        let isBZip2 = bytes.starts(with: BZip2ByteSource.magic) && bytes.count > 3 && (0x31...0x39).contains(bytes[3])
        guard isBZip2 || Compression.detect(bytes.prefix(4)) != .none else { return bytes }
        do {
            let source: any ByteSource =
                isBZip2
                ? BZip2ByteSource(base: MemoryByteSource(bytes), location: location)
                : try Compression.decompressing(MemoryByteSource(bytes), location: location).source
            return try source.readAll(limit: decompressedLimit, location: location)
        } catch {
            throw VulnDBError(code: .malformedInput, reason: error.reason, location: location)
        }
    }
}
