/// How a blob is compressed, detected from its first bytes.
public enum Compression: String, Sendable, Hashable {
    /// Plain bytes.
    case none
    /// gzip (`1f 8b`), one or more members.
    case gzip
    /// Zstandard (`28 b5 2f fd`), one or more frames, skippable frames included (`zstd:chunked`).
    case zstd

    /// Detects the compression from the first bytes: gzip `1f 8b`, zstd `28 b5 2f fd` (or a zstd skippable
    /// frame, `5? 2a 4d 18`), else none.
    public static func detect(_ prefix: some Collection<UInt8>) -> Compression {
        let bytes = Array(prefix.prefix(4))
        if bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b { return .gzip }
        if bytes == [0x28, 0xb5, 0x2f, 0xfd] { return .zstd }
        if bytes.count == 4 && bytes[0] & 0xf0 == 0x50 && bytes[1...] == [0x2a, 0x4d, 0x18] { return .zstd }
        return .none
    }

    /// Peeks at `source`'s first bytes and returns the decompressed stream and the compression found.
    /// zstd needs the system's `libzstd.so.1`; without it this throws `unsupported` naming the library.
    public static func decompressing(
        _ source: any ByteSource, location: String
    ) throws(ImageError) -> (source: any ByteSource, compression: Compression) {
        var prefix = [UInt8](repeating: 0, count: 4)
        let got = try prefix.withMutableBytes { (raw) throws(ImageError) -> Int in
            try source.readFully(into: raw)
        }
        prefix.removeSubrange(got...)
        let peeked = PrefixedByteSource(prefix: prefix, base: source)
        let compression = detect(prefix)
        switch compression {
        case .none:
            return (peeked, .none)
        case .gzip:
            return (try GzipByteSource(base: peeked, location: location), .gzip)
        case .zstd:
            return (try ZstdByteSource(base: peeked, location: location), .zstd)
        }
    }
}
