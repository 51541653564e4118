/// Where a layer blob's bytes are.
enum LayerLocation: Hashable {
    /// A file on disk (a blob of an OCI layout directory).
    case file(String)
    /// A window of the plain (uncompressed) archive file, read with `pread`.
    case slice(offset: Int64, length: Int64)
    /// A member of a compressed archive, streamed in a second pass over the archive: its path and its
    /// position among the archive's entries (1 for the first), so a repeated path picks the right copy.
    case member(path: String, ordinal: Int)
}

/// Read access to the members of an archive or layout: small JSON documents and layer locations.
protocol ArchiveStore: AnyObject {
    /// Names the archive or layout in errors.
    var location: String { get }
    /// `true` when `member` is a regular file (after following links).
    func contains(_ member: String) -> Bool
    /// The bytes of a small member (manifest, index, config), or `nil` when it is absent.
    func read(_ member: String) throws(ImageError) -> [UInt8]?
    /// Where a layer member's bytes are, or `nil` when it is absent.
    func layerLocation(_ member: String) -> LayerLocation?
}

/// An OCI layout (or unpacked docker-archive) directory: members are files below `root`.
final class DirectoryStore: ArchiveStore {
    let location: String
    private let root: String
    private let maxDocumentSize: Int

    init(root: String, maxDocumentSize: Int) {
        self.root = root.hasSuffix("/") ? String(root.dropLast()) : root
        self.location = root
        self.maxDocumentSize = maxDocumentSize
    }

    private func filePath(_ member: String) -> String {
        root + "/" + TarHeader.normalize(member)
    }

    func contains(_ member: String) -> Bool {
        ArchiveTarget.exists(filePath(member)) && !ArchiveTarget.isDirectory(filePath(member))
    }

    func read(_ member: String) throws(ImageError) -> [UInt8]? {
        guard contains(member) else { return nil }
        let path = filePath(member)
        let source = try FileByteSource(path: path)
        if let size = source.fileSize, size > Int64(maxDocumentSize) {
            throw ImageError(
                code: .limitExceeded,
                reason: "is \(size) bytes, more than the \(maxDocumentSize)-byte limit for JSON documents",
                location: path)
        }
        return try source.readAll(limit: maxDocumentSize, location: path)
    }

    func layerLocation(_ member: String) -> LayerLocation? {
        contains(member) ? .file(filePath(member)) : nil
    }
}

/// A tar archive (plain or compressed) scanned once: the member table, with the small JSON members kept.
final class TarStore: ArchiveStore {
    struct Member {
        var kind: TarEntry.Kind
        var size: Int64
        var offset: Int64
        var linkTarget: String?
        /// Position among the archive's entries, 1 for the first.
        var ordinal: Int
    }

    let location: String
    /// The outer compression; layers of a compressed archive are streamed in a second pass.
    let compression: Compression
    private var members: [String: Member] = [:]
    private var documents: [String: [UInt8]] = [:]
    private let maxDocumentSize: Int

    private init(location: String, compression: Compression, maxDocumentSize: Int) {
        self.location = location
        self.compression = compression
        self.maxDocumentSize = maxDocumentSize
    }

    /// Reads `path` once: records every member and keeps those up to `maxDocumentSize` bytes that look like
    /// JSON; seeks over everything else when the archive is a plain file.
    static func scan(path: String, maxDocumentSize: Int) throws(ImageError) -> TarStore {
        let file = try FileByteSource(path: path)
        let (source, compression) = try Compression.decompressing(file, location: path)
        let store = TarStore(location: path, compression: compression, maxDocumentSize: maxDocumentSize)
        let reader = TarReader(source: source, location: path)
        do {
            while let entry = try reader.next() {
                // A path that appears again replaces the earlier copy, as when tar extracts.
                store.members[entry.path] = Member(
                    kind: entry.kind, size: entry.size, offset: reader.contentOffset, linkTarget: entry.linkTarget,
                    ordinal: reader.entryCount)
                store.documents[entry.path] = nil
                if entry.kind == .file && entry.size > 0 && entry.size <= Int64(maxDocumentSize) {
                    var first: [UInt8] = [0]
                    _ = try first.withMutableBytes { (raw) throws(ImageError) -> Int in
                        try reader.readContent(into: raw)
                    }
                    // `{`, `[` or leading white space: a JSON document. Layers start with a tar name or gzip magic.
                    if [0x7b, 0x5b, 0x20, 0x0a, 0x0d, 0x09].contains(first[0]) {
                        store.documents[entry.path] = first + (try reader.readContent(limit: maxDocumentSize))
                    }
                }
            }
        } catch  where error.code == .malformedArchive && reader.entryCount == 0 {
            throw notAnArchive(path)
        }
        if reader.entryCount == 0 { throw notAnArchive(path) }
        return store
    }

    private static func notAnArchive(_ path: String) -> ImageError {
        ImageError(
            code: .malformedArchive, reason: "is not a tar archive, docker-archive or OCI layout", location: path)
    }

    /// Follows symbolic and hard links (docker save links duplicate layers) to a regular file.
    private func resolve(_ member: String) -> (String, Member)? {
        var path = TarHeader.normalize(member)
        for _ in 0..<16 {
            guard let found = members[path] else { return nil }
            switch found.kind {
            case .file:
                return (path, found)
            case .hardlink:
                guard let target = found.linkTarget else { return nil }
                path = target
            case .symlink:
                guard let target = found.linkTarget else { return nil }
                if target.hasPrefix("/") {
                    path = TarHeader.normalize(target)
                } else {
                    let parent = path.split(separator: "/").dropLast().joined(separator: "/")
                    path = TarHeader.normalize(parent + "/" + target)
                }
            default:
                return nil
            }
        }
        return nil
    }

    func contains(_ member: String) -> Bool {
        resolve(member) != nil
    }

    func read(_ member: String) throws(ImageError) -> [UInt8]? {
        guard let (path, found) = resolve(member) else { return nil }
        if let bytes = documents[path] { return bytes }
        if found.size == 0 { return [] }
        if found.size > Int64(maxDocumentSize) {
            throw ImageError(
                code: .limitExceeded,
                reason:
                    "member \(path) is \(found.size) bytes, more than the \(maxDocumentSize)-byte limit for JSON documents",
                location: location)
        }
        throw ImageError(code: .malformedManifest, reason: "member \(path) is not a JSON document", location: location)
    }

    func layerLocation(_ member: String) -> LayerLocation? {
        guard let (path, found) = resolve(member) else { return nil }
        if compression == .none {
            return .slice(offset: found.offset, length: found.size)
        }
        return .member(path: path, ordinal: found.ordinal)
    }
}
