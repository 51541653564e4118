import DrydockCatalog
import DrydockImage
import DrydockModel

/// A layer held in memory: the entries a layer tar would stream, for walker and merge tests.
final class MemoryLayer: LayerEntrySource {
    /// One member of the layer.
    enum Member {
        case file(String, String)
        case bytes(String, [UInt8])
        case directory(String)
        case symlink(String, String)
        case hardlink(String, String)
        /// `DIR/.wh.NAME` for the given path.
        case whiteout(String)
        /// `DIR/.wh..wh..opq` for the given folder.
        case opaque(String)
    }

    struct ReadFailure: Error {}

    private var entries: [(TarEntry, [UInt8])] = []
    private var position = -1
    /// How far the current entry's content has been read in chunks.
    private var chunkOffset = 0
    /// Paths whose content the walker read, in order.
    private(set) var readPaths: [String] = []
    /// When set, `nextEntry` throws after this many entries (a truncated stream).
    var failAfter: Int?

    init(_ members: [Member]) {
        for member in members {
            switch member {
            case .file(let path, let text):
                entries.append((TarEntry(path: path, kind: .file, size: Int64(text.utf8.count)), Array(text.utf8)))
            case .bytes(let path, let bytes):
                entries.append((TarEntry(path: path, kind: .file, size: Int64(bytes.count)), bytes))
            case .directory(let path):
                entries.append((TarEntry(path: path, kind: .directory, size: 0), []))
            case .symlink(let path, let target):
                entries.append((TarEntry(path: path, kind: .symlink, size: 0, linkTarget: target), []))
            case .hardlink(let path, let target):
                entries.append((TarEntry(path: path, kind: .hardlink, size: 0, linkTarget: target), []))
            case .whiteout(let path):
                let slash = path.lastIndex(of: "/")
                let folder = slash.map { String(path[...$0]) } ?? ""
                let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
                entries.append((TarEntry(path: folder + ".wh." + name, kind: .file, size: 0), []))
            case .opaque(let folder):
                let prefix = folder.isEmpty ? "" : folder + "/"
                entries.append((TarEntry(path: prefix + ".wh..wh..opq", kind: .file, size: 0), []))
            }
        }
    }

    func nextEntry() throws -> TarEntry? {
        position += 1
        chunkOffset = 0
        if let failAfter, position >= failAfter { throw ReadFailure() }
        return position < entries.count ? entries[position].0 : nil
    }

    func readEntryContent(limit: Int) throws -> [UInt8] {
        let content = entries[position].1
        guard content.count <= limit else { throw ReadFailure() }
        readPaths.append(entries[position].0.path)
        return content
    }

    func readEntryContent(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let content = entries[position].1
        if chunkOffset == 0, !content.isEmpty { readPaths.append(entries[position].0.path) }
        let count = min(buffer.count, content.count - chunkOffset)
        guard count > 0 else { return 0 }
        content.withUnsafeBytes { raw in
            UnsafeMutableRawBufferPointer(rebasing: buffer[0..<count]).copyMemory(
                from: UnsafeRawBufferPointer(rebasing: raw[chunkOffset..<(chunkOffset + count)]))
        }
        chunkOffset += count
        return count
    }
}
