/// Why a ZIP archive (a jar, a war) could not be read.
public struct ZipError: Error, Sendable, Hashable {
    /// What is wrong (`no end-of-central-directory record`, `entry x runs past the end of the archive`).
    public var reason: String
}

/// A read-only view of a ZIP archive held in memory, found through its central directory.
///
/// Supports stored and deflated entries and ZIP64 sizes and offsets. Archives with bytes before the first
/// entry (a launch script in front of an executable Spring Boot jar) are read by shifting every offset by
/// the prefix length. Encrypted entries and other methods are listed but cannot be read.
public struct ZipArchive: Sendable {
    /// One member of the archive.
    public struct Entry: Sendable, Hashable {
        /// Path inside the archive (`META-INF/MANIFEST.MF`); folders end with `/`.
        public var name: String
        /// 0 stored, 8 deflated.
        public var method: UInt16
        /// Size of the stored bytes.
        public var compressedSize: UInt64
        /// Size once inflated, as the directory declares it.
        public var uncompressedSize: UInt64
        /// Offset of the local header (prefix shift applied).
        var localHeaderOffset: UInt64
        /// Whether the entry is encrypted.
        public var encrypted: Bool
    }

    /// The archive's bytes.
    public let bytes: [UInt8]
    /// The entries, in central-directory order.
    public let entries: [Entry]

    /// Reads the central directory of `bytes`. Throws `ZipError` when they are not a ZIP archive or the
    /// directory is damaged.
    public init(_ bytes: [UInt8], maximumEntries: Int = 200_000) throws(ZipError) {
        let r = ByteReader(bytes)
        guard let end = Self.findEndRecord(r) else { throw ZipError(reason: "no end-of-central-directory record") }
        var count = r.uint(end + 10, 2, true) ?? 0
        var directorySize = r.uint(end + 12, 4, true) ?? 0
        var directoryOffset = r.uint(end + 16, 4, true) ?? 0
        var directoryEnd = UInt64(end)
        if count == 0xffff || directorySize == 0xffff_ffff || directoryOffset == 0xffff_ffff,
            end >= 20, r.uint(end - 20, 4, true) == 0x0706_4b50, let record = r.uint(end - 20 + 8, 8, true),
            let recordAt = Int(exactly: record), r.uint(recordAt, 4, true) == 0x0606_4b50
        {
            count = r.uint(recordAt + 32, 8, true) ?? count
            directorySize = r.uint(recordAt + 40, 8, true) ?? directorySize
            directoryOffset = r.uint(recordAt + 48, 8, true) ?? directoryOffset
            directoryEnd = UInt64(end - 20)
        }
        guard directorySize <= directoryEnd, count <= UInt64(maximumEntries) else {
            throw ZipError(reason: "central directory is larger than the archive or lists too many entries")
        }
        let directoryStart = directoryEnd - directorySize
        guard directoryOffset <= directoryStart else {
            throw ZipError(reason: "central directory offset points past its position")
        }
        let shift = directoryStart - directoryOffset
        var entries: [Entry] = []
        var at = Int(directoryStart)
        for _ in 0..<count {
            guard r.uint(at, 4, true) == 0x0201_4b50, let flags = r.uint(at + 8, 2, true),
                let method = r.uint(at + 10, 2, true), var compressed = r.uint(at + 20, 4, true),
                var uncompressed = r.uint(at + 24, 4, true), let nameLength = r.uint(at + 28, 2, true),
                let extraLength = r.uint(at + 30, 2, true), let commentLength = r.uint(at + 32, 2, true),
                var local = r.uint(at + 42, 4, true), at + 46 + Int(nameLength) <= bytes.count
            else { throw ZipError(reason: "central directory entry \(entries.count) is damaged") }
            let name = String(decoding: bytes[(at + 46)..<(at + 46 + Int(nameLength))], as: UTF8.self)
            // ZIP64 extra field: the 64-bit values of the fields set to 0xffffffff, in this order.
            var extra = at + 46 + Int(nameLength)
            let extraEnd = min(extra + Int(extraLength), bytes.count)
            while extra + 4 <= extraEnd, let id = r.uint(extra, 2, true), let size = r.uint(extra + 2, 2, true) {
                if id == 1 {
                    var field = extra + 4
                    if uncompressed == 0xffff_ffff, let value = r.uint(field, 8, true) {
                        uncompressed = value
                        field += 8
                    }
                    if compressed == 0xffff_ffff, let value = r.uint(field, 8, true) {
                        compressed = value
                        field += 8
                    }
                    if local == 0xffff_ffff, let value = r.uint(field, 8, true) { local = value }
                }
                extra += 4 + Int(size)
            }
            entries.append(
                Entry(
                    name: name, method: UInt16(method), compressedSize: compressed, uncompressedSize: uncompressed,
                    localHeaderOffset: local &+ shift, encrypted: flags & 1 != 0))
            at += 46 + Int(nameLength) + Int(extraLength) + Int(commentLength)
        }
        self.bytes = bytes
        self.entries = entries
    }

    /// The inflated content of `entry`, at most `limit` bytes. Throws `ZipError` for an encrypted entry,
    /// an unsupported method, a damaged local header, corrupt data or a result over `limit`.
    public func contents(of entry: Entry, limit: Int) throws(ZipError) -> [UInt8] {
        let r = ByteReader(bytes)
        guard !entry.encrypted else { throw ZipError(reason: "\(entry.name) is encrypted") }
        guard let local = Int(exactly: entry.localHeaderOffset), r.uint(local, 4, true) == 0x0403_4b50,
            let nameLength = r.uint(local + 26, 2, true), let extraLength = r.uint(local + 28, 2, true)
        else { throw ZipError(reason: "\(entry.name): local header is damaged") }
        let start = local + 30 + Int(nameLength) + Int(extraLength)
        guard entry.compressedSize <= UInt64(bytes.count), start <= bytes.count - Int(entry.compressedSize) else {
            throw ZipError(reason: "\(entry.name) runs past the end of the archive")
        }
        let data = bytes[start..<(start + Int(entry.compressedSize))]
        switch entry.method {
        case 0:
            guard data.count <= limit else { throw ZipError(reason: "\(entry.name) is over \(limit) bytes") }
            return Array(data)
        case 8:
            do {
                return try Inflater.inflate(data, format: .raw, limit: limit)
            } catch {
                throw ZipError(reason: "\(entry.name): \(error.reason)")
            }
        default:
            throw ZipError(reason: "\(entry.name) uses compression method \(entry.method)")
        }
    }

    /// The end-of-central-directory record: searched backwards over the last 64 KiB + 22 bytes.
    private static func findEndRecord(_ r: ByteReader) -> Int? {
        guard r.count >= 22 else { return nil }
        var at = r.count - 22
        let lowest = max(0, r.count - 22 - 65_535)
        while at >= lowest {
            if r.bytes[at] == 0x50, r.uint(at, 4, true) == 0x0605_4b50 { return at }
            at -= 1
        }
        return nil
    }
}
