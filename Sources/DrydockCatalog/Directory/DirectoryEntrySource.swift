import DrydockImage
import DrydockModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A directory tree presented as one layer's entries, for the layer walker.
///
/// Walks depth first in name order without following symbolic links: links are reported as links
/// (the merged tree resolves them inside the directory, never outside it). Folders named in `skippedNames` are
/// not entered, and neither are those in `skippedTopLevel` at the root.
///
/// Cheap per entry: one `readdir` record, plus an `lstat` relative to the open folder for regular files (the
/// walker needs their size and mode) and a `readlink` for links; the only memory held is the names still to
/// visit. Folders for which `skipsDirectory` is true (`--skip-dirs`) are not entered. File content is read only when asked for, and `openEntryFile()` hands the file itself to analyzers
/// that read by offset. A file that cannot be opened throws `CatalogError` (`unreadable-file`), which the
/// walker turns into a warning.
public final class DirectoryEntrySource: LayerEntrySource {
    private struct Pending {
        var path: String
        var kind: TarEntry.Kind
        var size: Int64
        var mode: UInt32
    }

    private let root: String
    private let skippedNames: Set<String>
    private let skippedTopLevel: Set<String>
    private let skipsDirectory: (@Sendable (String) -> Bool)?
    /// Entries still to visit, in reverse order (popped from the end).
    private var pending: [Pending] = []
    private var currentFile: String?
    private var reading: FileBytes?
    private var readOffset = 0

    /// Creates a source for the directory at `root`; folders for which `skipsDirectory` (given the path
    /// relative to `root`) is true are not entered either.
    public init(
        root: String, skippedNames: Set<String> = [".git"], skippedTopLevel: Set<String> = [],
        skipsDirectory: (@Sendable (String) -> Bool)? = nil
    ) {
        self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
        self.skippedNames = skippedNames
        self.skippedTopLevel = skippedTopLevel
        self.skipsDirectory = skipsDirectory
        pending = children(of: "")
    }

    /// See `LayerEntrySource.nextEntry()`.
    public func nextEntry() throws -> TarEntry? {
        currentFile = nil
        reading = nil
        readOffset = 0
        while let next = pending.popLast() {
            switch next.kind {
            case .directory:
                let slash = next.path.lastIndex(of: "/")
                let name = slash.map { String(next.path[next.path.index(after: $0)...]) } ?? next.path
                if skippedNames.contains(name) || (slash == nil && skippedTopLevel.contains(name)) { continue }
                if let skipsDirectory, skipsDirectory(next.path) { continue }
                pending += children(of: next.path)
                return TarEntry(path: next.path, kind: .directory, size: 0)
            case .symlink:
                return TarEntry(path: next.path, kind: .symlink, size: 0, linkTarget: linkTarget(next.path))
            case .file:
                currentFile = root + "/" + next.path
                return TarEntry(path: next.path, kind: .file, size: next.size, mode: next.mode)
            default:
                return TarEntry(path: next.path, kind: .other, size: 0)
            }
        }
        return nil
    }

    /// See `LayerEntrySource.readEntryContent(limit:)`.
    public func readEntryContent(limit: Int) throws -> [UInt8] {
        guard let currentFile else { return [] }
        let file = try FileBytes(path: currentFile)
        guard file.count <= limit else {
            throw CatalogError(
                code: .unreadableFile,
                reason:
                    "file is \(file.count) bytes now, over the \(limit) it was read for (it changed during the scan)",
                location: currentFile)
        }
        return try file.bytes(0..<file.count)
    }

    /// See `LayerEntrySource.readEntryContent(into:)`.
    public func readEntryContent(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let currentFile else { return 0 }
        let file = try reading ?? FileBytes(path: currentFile)
        reading = file
        let got = try file.read(at: readOffset, into: buffer)
        readOffset += got
        return got
    }

    /// See `LayerEntrySource.openEntryFile()`: the regular file itself.
    public func openEntryFile() throws(CatalogError) -> (any RandomAccessBytes)? {
        guard let currentFile else { return nil }
        return try FileBytes(path: currentFile)
    }

    /// The target of the link at `relative`, as written.
    private func linkTarget(_ relative: String) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(root + "/" + relative, &buffer, buffer.count - 1)
        guard count > 0 else { return "" }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The entries of folder `relative`, in reverse name order (popped from the end, so walked in order).
    private func children(of relative: String) -> [Pending] {
        let absolute = relative.isEmpty ? root : root + "/" + relative
        guard let folder = opendir(absolute) else { return [] }
        defer { closedir(folder) }
        let descriptor = dirfd(folder)
        var entries: [Pending] = []
        while let record = readdir(folder) {
            let name = DirectoryRecordName.string(of: record)
            if name == "." || name == ".." { continue }
            var entry = Pending(path: name, kind: .other, size: 0, mode: 0)
            switch Int32(record.pointee.d_type) {
            case Int32(DT_DIR): entry.kind = .directory
            case Int32(DT_LNK): entry.kind = .symlink
            case Int32(DT_REG), Int32(DT_UNKNOWN):
                var status = stat()
                guard fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                switch status.st_mode & S_IFMT {
                case S_IFREG:
                    entry.kind = .file
                    entry.size = Int64(status.st_size)
                    entry.mode = UInt32(status.st_mode & 0o7777)
                case S_IFDIR: entry.kind = .directory
                case S_IFLNK: entry.kind = .symlink
                default: break
                }
            default: break
            }
            entries.append(entry)
        }
        // Names are sorted before they become paths: shorter keys, and `<` compares ASCII bytes directly.
        entries.sort { $0.path > $1.path }
        if !relative.isEmpty {
            let prefix = relative + "/"
            for index in entries.indices { entries[index].path = prefix + entries[index].path }
        }
        return entries
    }
}
