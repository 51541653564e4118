/// Why a ZIP archive (a jar, a war) could not be read.
public struct ZipError: Error, Sendable, Hashable {
    /// What is wrong (`no end-of-central-directory record`, `entry x runs past the end of the archive`).
    public var reason: String
}

/// A read-only view of a ZIP archive read by offset, found through its central directory: the end record, the
/// directory, then only the entries asked for, inflated as they stream from the file.
///
/// Supports stored and deflated entries and ZIP64 sizes and offsets. Archives with bytes before the first
/// entry (a launch script in front of an executable Spring Boot jar) are read by shifting every offset by
/// the prefix length. Encrypted entries and other methods are listed but cannot be read.
public struct ZipArchive {
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

    /// The archive.
    public let file: any RandomAccessBytes
    /// The entries kept, in central-directory order.
    public let entries: [Entry]

    /// Reads the central directory of `bytes`. Throws `ZipError` when they are not a ZIP archive or the
    /// directory is damaged.
    public init(_ bytes: [UInt8], maximumEntries: Int = 200_000) throws(ZipError) {
        try self.init(InMemoryBytes(bytes), maximumEntries: maximumEntries)
    }

    /// Reads the central directory of `file`, keeping the entries whose name `keeping` accepts (all by
    /// default): memory grows with the entries kept, not with the archive. Throws `ZipError` when it is not a
    /// ZIP archive, the directory is damaged or lists more than `maximumEntries`, or the file cannot be read.
    public init(
        _ file: any RandomAccessBytes, maximumEntries: Int = 200_000, keeping: (String) -> Bool = { _ in true }
    ) throws(ZipError) {
        let r = ByteReader(file)
        guard let end = Self.findEndRecord(file, r) else {
            throw ZipError(reason: r.failure?.reason ?? "no end-of-central-directory record")
        }
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
        for index in 0..<count {
            guard r.uint(at, 4, true) == 0x0201_4b50, let flags = r.uint(at + 8, 2, true),
                let method = r.uint(at + 10, 2, true), var compressed = r.uint(at + 20, 4, true),
                var uncompressed = r.uint(at + 24, 4, true), let nameLength = r.uint(at + 28, 2, true),
                let extraLength = r.uint(at + 30, 2, true), let commentLength = r.uint(at + 32, 2, true),
                var local = r.uint(at + 42, 4, true),
                let nameBytes = r.bytes((at + 46)..<(at + 46 + Int(nameLength)))
            else {
                throw ZipError(reason: r.failure?.reason ?? "central directory entry \(index) is damaged")
            }
            let name = String(decoding: nameBytes, as: UTF8.self)
            defer { at += 46 + Int(nameLength) + Int(extraLength) + Int(commentLength) }
            guard keeping(name) else { continue }
            // ZIP64 extra field: the 64-bit values of the fields set to 0xffffffff, in this order.
            var extra = at + 46 + Int(nameLength)
            let extraEnd = min(extra + Int(extraLength), r.count)
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
        }
        self.file = file
        self.entries = entries
    }

    /// The inflated content of `entry`, at most `limit` bytes. Throws `ZipError` for an encrypted entry,
    /// an unsupported method, a damaged local header, corrupt data or a result over `limit`.
    public func contents(of entry: Entry, limit: Int) throws(ZipError) -> [UInt8] {
        var output: [UInt8] = []
        try stream(entry, limit: limit) { chunk in output.append(contentsOf: chunk) }
        return output
    }

    /// The content of `entry` as a file read by offset: a stored entry is read in place; a deflated one is
    /// inflated into memory up to `policy.inMemoryLimit` bytes and into a private temporary file beyond.
    /// Throws `ZipError` as `contents(of:limit:)` does, or when the temporary file cannot be written.
    public func file(of entry: Entry, limit: Int, policy: SpillPolicy) throws(ZipError) -> any RandomAccessBytes {
        let data = try dataRange(of: entry)
        if entry.method == 0 {
            guard data.count <= limit else { throw ZipError(reason: "\(entry.name) is over \(limit) bytes") }
            return SliceBytes(file, range: data)
        }
        let buffer = SpillBuffer(policy: policy)
        try stream(entry, limit: limit) { (chunk) throws(InflateError) in
            do throws(CatalogError) {
                try buffer.append(chunk)
            } catch {
                throw InflateError(reason: error.reason)
            }
        }
        return buffer.finish()
    }

    /// Hands the inflated content of `entry` to `sink` in chunks, at most `limit` bytes in all.
    private func stream(
        _ entry: Entry, limit: Int, into sink: (UnsafeRawBufferPointer) throws(InflateError) -> Void
    ) throws(ZipError) {
        let data = try dataRange(of: entry)
        switch entry.method {
        case 0:
            guard data.count <= limit else { throw ZipError(reason: "\(entry.name) is over \(limit) bytes") }
            do {
                try Inflater.copy(file, range: data, into: sink)
            } catch {
                throw ZipError(reason: "\(entry.name): \(error.reason)")
            }
        case 8:
            do {
                try Inflater.inflate(file, range: data, format: .raw, limit: limit, into: sink)
            } catch {
                throw ZipError(reason: "\(entry.name): \(error.reason)")
            }
        default:
            throw ZipError(reason: "\(entry.name) uses compression method \(entry.method)")
        }
    }

    /// Where `entry`'s stored bytes are, after its local header.
    private func dataRange(of entry: Entry) throws(ZipError) -> Range<Int> {
        let r = ByteReader(file)
        guard !entry.encrypted else { throw ZipError(reason: "\(entry.name) is encrypted") }
        guard let local = Int(exactly: entry.localHeaderOffset), r.uint(local, 4, true) == 0x0403_4b50,
            let nameLength = r.uint(local + 26, 2, true), let extraLength = r.uint(local + 28, 2, true)
        else { throw ZipError(reason: r.failure?.reason ?? "\(entry.name): local header is damaged") }
        let start = local + 30 + Int(nameLength) + Int(extraLength)
        guard entry.compressedSize <= UInt64(file.count), start <= file.count - Int(entry.compressedSize) else {
            throw ZipError(reason: "\(entry.name) runs past the end of the archive")
        }
        return start..<(start + Int(entry.compressedSize))
    }

    /// The end-of-central-directory record: searched backwards over the last 64 KiB + 22 bytes.
    private static func findEndRecord(_ file: any RandomAccessBytes, _ r: ByteReader) -> Int? {
        guard file.count >= 22 else { return nil }
        let lowest = max(0, file.count - 22 - 65_535)
        guard let tail = r.bytes(lowest..<file.count) else { return nil }
        var at = tail.count - 22
        while at >= 0 {
            if tail[at] == 0x50, tail[at + 1] == 0x4b, tail[at + 2] == 0x05, tail[at + 3] == 0x06 {
                return lowest + at
            }
            at -= 1
        }
        return nil
    }
}
