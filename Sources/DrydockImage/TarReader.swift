/// Streams the entries of a tar archive (ustar, old v7, GNU long names and links, PAX headers) from a
/// `ByteSource`.
///
/// Entry content is never buffered whole: read it with `readContent(into:)`, `readContent(limit:)` or
/// `contentSource()`; whatever is left unread is skipped by the next `next()` (with `lseek` when the
/// source is a plain file). Headers are checksum-verified; a damaged or cut archive throws a typed
/// `ImageError` naming the archive and the entry.
public final class TarReader {
    /// Bounds that protect against hostile archives.
    public struct Limits: Sendable, Hashable {
        /// Most entries one archive may hold.
        public var maxEntries: Int
        /// Largest GNU long name or PAX header accepted.
        public var maxMetadataSize: Int

        /// Defaults: 10 million entries, 1 MiB of metadata per entry.
        public init(maxEntries: Int = 10_000_000, maxMetadataSize: Int = 1 << 20) {
            self.maxEntries = maxEntries
            self.maxMetadataSize = maxMetadataSize
        }
    }

    private let source: any ByteSource
    private let location: String
    private let limits: Limits
    private let bufferBase: UnsafeMutableRawPointer
    private let bufferCapacity = ByteSourceDefaults.bufferSize
    private var bufferStart = 0
    private var bufferEnd = 0
    private var sourceEnded = false
    private var contentRemaining: Int64 = 0
    private var paddingRemaining: Int64 = 0
    private var current: TarEntry?
    private var ended = false
    private var globalPAX: [String: String] = [:]
    /// Increases with every entry, so a stale `contentSource()` stops reading.
    private(set) var generation = 0
    /// Entries returned so far.
    public private(set) var entryCount = 0
    /// Bytes of the archive consumed so far (headers, content, padding).
    public private(set) var archiveOffset: Int64 = 0
    /// Where the current entry's content starts, counted from the start of the source.
    public private(set) var contentOffset: Int64 = 0

    /// Reads from `source`; `location` names the archive in errors.
    public convenience init(source: any ByteSource, location: String) {
        self.init(source: source, location: location, limits: Limits())
    }

    /// Reads from `source` with explicit `limits`; `location` names the archive in errors.
    public init(source: any ByteSource, location: String, limits: Limits) {
        self.source = source
        self.location = location
        self.limits = limits
        self.bufferBase = UnsafeMutableRawPointer.allocate(byteCount: ByteSourceDefaults.bufferSize, alignment: 64)
    }

    deinit {
        bufferBase.deallocate()
    }

    /// The entry returned by the last `next()`, if any.
    public var currentEntry: TarEntry? { current }

    /// The next entry, or `nil` at the end of the archive. Unread content of the previous entry is skipped.
    public func next() throws(ImageError) -> TarEntry? {
        if ended { return nil }
        try skipRest()
        generation += 1
        current = nil
        var longName: String?
        var longLink: String?
        var pax: [String: String] = [:]
        while true {
            try skipRest()
            let headerOffset = archiveOffset
            guard try ensureBuffered(TarHeader.blockSize, what: "a header") else {
                ended = true
                return nil
            }
            let block = UnsafeRawBufferPointer(start: bufferBase + bufferStart, count: TarHeader.blockSize)
            if TarHeader.isZeroBlock(block) {
                consume(TarHeader.blockSize)
                ended = true
                // The second end block is optional in practice; read it when it is there.
                // A cut inside it loses nothing, so only read errors matter here.
                do {
                    if try ensureBuffered(TarHeader.blockSize, what: "the end-of-archive block") {
                        consume(TarHeader.blockSize)
                    }
                } catch  where error.code == .truncated {
                    return nil
                }
                return nil
            }
            guard TarHeader.checksumMatches(block) else {
                throw error(
                    .malformedArchive,
                    "bad tar header checksum at offset \(headerOffset)\(afterEntry()); the archive is damaged or not a tar"
                )
            }
            guard let fields = TarHeader.parse(block) else {
                throw error(
                    .malformedArchive, "invalid number in the tar header at offset \(headerOffset)\(afterEntry())")
            }
            consume(TarHeader.blockSize)
            switch fields.typeFlag {
            case UInt8(ascii: "L"), UInt8(ascii: "K"):
                let bytes = try readMetadata(size: fields.size, headerOffset: headerOffset)
                let end = bytes.firstIndex(of: 0) ?? bytes.count
                let text = String(decoding: bytes[0..<end], as: UTF8.self)
                if fields.typeFlag == UInt8(ascii: "L") { longName = text } else { longLink = text }
                continue
            case UInt8(ascii: "x"), UInt8(ascii: "X"), UInt8(ascii: "g"):
                let bytes = try readMetadata(size: fields.size, headerOffset: headerOffset)
                guard let records = TarHeader.parsePAX(bytes) else {
                    throw error(.malformedArchive, "malformed PAX header at offset \(headerOffset)\(afterEntry())")
                }
                if fields.typeFlag == UInt8(ascii: "g") {
                    globalPAX.merge(records) { _, new in new }
                } else {
                    pax.merge(records) { _, new in new }
                }
                continue
            default:
                break
            }
            var size = fields.size
            if let paxSize = pax["size"] ?? globalPAX["size"] {
                guard let parsed = Int64(paxSize), parsed >= 0 else {
                    throw error(.malformedArchive, "invalid PAX size '\(paxSize)' at offset \(headerOffset)")
                }
                size = parsed
            }
            let rawName = pax["path"] ?? longName ?? globalPAX["path"] ?? fields.name
            let rawLink = pax["linkpath"] ?? longLink ?? globalPAX["linkpath"] ?? fields.linkName
            let kind: TarEntry.Kind
            var hasContent = false
            switch fields.typeFlag {
            case 0, UInt8(ascii: "0"), UInt8(ascii: "7"):
                kind = rawName.hasSuffix("/") ? .directory : .file
                hasContent = true
            case UInt8(ascii: "1"): kind = .hardlink
            case UInt8(ascii: "2"): kind = .symlink
            case UInt8(ascii: "5"), UInt8(ascii: "D"): kind = .directory
            case UInt8(ascii: "3"), UInt8(ascii: "4"), UInt8(ascii: "6"): kind = .other
            default:
                // Sparse files, volume labels, vendor types: content is skipped, the entry reported as other.
                kind = .other
                hasContent = true
            }
            if hasContent {
                contentRemaining = size
                paddingRemaining =
                    (Int64(TarHeader.blockSize) - size % Int64(TarHeader.blockSize))
                    % Int64(TarHeader.blockSize)
            }
            contentOffset = archiveOffset
            entryCount += 1
            if entryCount > limits.maxEntries {
                throw error(.limitExceeded, "holds more than \(limits.maxEntries) entries")
            }
            let link: String? =
                switch kind {
                case .symlink: rawLink
                case .hardlink: TarHeader.normalize(rawLink)
                default: nil
                }
            let entry = TarEntry(
                path: TarHeader.normalize(rawName), kind: kind, size: kind == .file ? size : 0, linkTarget: link,
                mode: fields.mode)
            current = entry
            return entry
        }
    }

    /// Reads up to `buffer.count` bytes of the current entry's content; `0` once it is all read.
    public func readContent(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        let want = Int(min(contentRemaining, Int64(buffer.count)))
        if want == 0 { return 0 }
        var got = 0
        if bufferEnd > bufferStart {
            got = min(want, bufferEnd - bufferStart)
            UnsafeMutableRawBufferPointer(rebasing: buffer[0..<got]).copyMemory(
                from: UnsafeRawBufferPointer(start: bufferBase + bufferStart, count: got))
            bufferStart += got
        } else if !sourceEnded && want >= bufferCapacity / 2 {
            got = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<want]))
            if got == 0 { sourceEnded = true }
        } else if !sourceEnded {
            bufferStart = 0
            bufferEnd = try source.read(into: UnsafeMutableRawBufferPointer(start: bufferBase, count: bufferCapacity))
            if bufferEnd == 0 { sourceEnded = true }
            got = min(want, bufferEnd)
            UnsafeMutableRawBufferPointer(rebasing: buffer[0..<got]).copyMemory(
                from: UnsafeRawBufferPointer(start: bufferBase, count: got))
            bufferStart = got
        }
        if got == 0 {
            throw truncatedInContent()
        }
        contentRemaining -= Int64(got)
        archiveOffset += Int64(got)
        return got
    }

    /// The whole content of the current entry; throws `limitExceeded` when it is larger than `limit` bytes.
    public func readContent(limit: Int) throws(ImageError) -> [UInt8] {
        if contentRemaining > Int64(limit) {
            let name = current?.path ?? "entry"
            throw ImageError(
                code: .limitExceeded,
                reason: "'\(name)' is \(contentRemaining) bytes, more than the \(limit)-byte limit",
                location: location)
        }
        let count = Int(contentRemaining)
        var result = [UInt8](repeating: 0, count: count)
        var filled = 0
        try result.withMutableBytes { (raw) throws(ImageError) in
            while filled < count {
                filled += try readContent(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]))
            }
        }
        return result
    }

    /// The current entry's content as a `ByteSource` (for example to read a nested tar with another
    /// `TarReader`). It reads nothing once `next()` moves on.
    public func contentSource() -> any ByteSource {
        TarEntryContentSource(reader: self, generation: generation)
    }

    /// Skips `count` bytes of the current entry's content; returns how many were skipped.
    func skipContent(_ count: Int64) throws(ImageError) -> Int64 {
        let n = min(count, contentRemaining)
        if n <= 0 { return 0 }
        try drop(n, inContent: true)
        contentRemaining -= n
        return n
    }

    // MARK: - Buffer management

    /// Skips whatever is left of the current entry's content and padding.
    private func skipRest() throws(ImageError) {
        if contentRemaining > 0 {
            try drop(contentRemaining, inContent: true)
            contentRemaining = 0
        }
        if paddingRemaining > 0 {
            try drop(paddingRemaining, inContent: false)
            paddingRemaining = 0
        }
    }

    /// Drops `count` bytes: from the buffer, then through `source.skip`.
    private func drop(_ count: Int64, inContent: Bool) throws(ImageError) {
        let buffered = Int64(bufferEnd - bufferStart)
        if count <= buffered {
            bufferStart += Int(count)
            archiveOffset += count
            return
        }
        bufferStart = 0
        bufferEnd = 0
        archiveOffset += buffered
        let rest = count - buffered
        let skipped = sourceEnded ? 0 : try source.skip(rest)
        archiveOffset += skipped
        if skipped < rest {
            sourceEnded = true
            if inContent {
                contentRemaining -= buffered + skipped
                throw truncatedInContent()
            }
            throw error(.truncated, "archive ends inside the padding after '\(current?.path ?? "?")'")
        }
    }

    /// Makes `count` contiguous bytes available at `bufferStart`. `false` when the source ends before
    /// any byte; throws `truncated` when it ends part way.
    private func ensureBuffered(_ count: Int, what: String) throws(ImageError) -> Bool {
        if bufferEnd - bufferStart >= count { return true }
        if bufferStart > 0 {
            let left = bufferEnd - bufferStart
            if left > 0 { bufferBase.copyMemory(from: bufferBase + bufferStart, byteCount: left) }
            bufferStart = 0
            bufferEnd = left
        }
        while bufferEnd < count && !sourceEnded {
            let got = try source.read(
                into: UnsafeMutableRawBufferPointer(start: bufferBase + bufferEnd, count: bufferCapacity - bufferEnd))
            if got == 0 { sourceEnded = true }
            bufferEnd += got
        }
        if bufferEnd >= count { return true }
        if bufferEnd == 0 { return false }
        throw error(.truncated, "archive ends inside \(what) at offset \(archiveOffset)\(afterEntry())")
    }

    private func consume(_ count: Int) {
        bufferStart += count
        archiveOffset += Int64(count)
    }

    /// Reads a GNU long name or PAX header's content, bounded by `maxMetadataSize`.
    private func readMetadata(size: Int64, headerOffset: Int64) throws(ImageError) -> [UInt8] {
        if size > Int64(limits.maxMetadataSize) {
            throw error(
                .limitExceeded,
                "extended header at offset \(headerOffset) is \(size) bytes, more than the \(limits.maxMetadataSize)-byte limit"
            )
        }
        contentRemaining = size
        paddingRemaining = (Int64(TarHeader.blockSize) - size % Int64(TarHeader.blockSize)) % Int64(TarHeader.blockSize)
        return try readContent(limit: Int(size))
    }

    // MARK: - Errors

    private func error(_ code: ImageError.Code, _ reason: String) -> ImageError {
        ImageError(code: code, reason: reason, location: location)
    }

    private func afterEntry() -> String {
        guard let current else { return entryCount == 0 ? " (first header)" : "" }
        return " (after entry '\(current.path)')"
    }

    private func truncatedInContent() -> ImageError {
        let name = current?.path ?? "an extended header"
        let size = current?.size ?? 0
        let read = size - contentRemaining
        let detail = current == nil ? "" : " (\(read) of \(size) bytes present)"
        return error(.truncated, "archive ends inside the content of '\(name)'\(detail)")
    }
}

/// The content of one tar entry as a `ByteSource`; stops at the entry's end or when the reader moves on.
final class TarEntryContentSource: ByteSource {
    private let reader: TarReader
    private let generation: Int

    init(reader: TarReader, generation: Int) {
        self.reader = reader
        self.generation = generation
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        guard reader.generation == generation else { return 0 }
        return try reader.readContent(into: buffer)
    }

    func skip(_ count: Int64) throws(ImageError) -> Int64 {
        guard reader.generation == generation else { return 0 }
        return try reader.skipContent(count)
    }
}
