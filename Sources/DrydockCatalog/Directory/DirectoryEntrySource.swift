import DrydockImage
import Foundation

/// A directory tree presented as one layer's entries, for the layer walker.
///
/// Walks depth first in name order without following symbolic links: links are reported as links (the
/// merged tree resolves them inside the directory, never outside it). Folders named in `skippedNames`
/// are not entered, and neither are those in `skippedTopLevel` at the root.
public final class DirectoryEntrySource: LayerEntrySource {
    private let root: String
    private let skippedNames: Set<String>
    private let skippedTopLevel: Set<String>
    private let skipsDirectory: (@Sendable (String) -> Bool)?
    private var pending: [String]
    private var currentFile: String?

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
        self.pending = []
        self.pending = children(of: "")
    }

    /// See `LayerEntrySource.nextEntry()`.
    public func nextEntry() throws -> TarEntry? {
        currentFile = nil
        let manager = FileManager.default
        while let relative = pending.popLast() {
            let absolute = root + "/" + relative
            guard let attributes = try? manager.attributesOfItem(atPath: absolute),
                let type = attributes[.type] as? FileAttributeType
            else { continue }
            switch type {
            case .typeDirectory:
                let name = relative.split(separator: "/").last.map(String.init) ?? relative
                let isTopLevel = !relative.contains("/")
                if skippedNames.contains(name) || (isTopLevel && skippedTopLevel.contains(name)) { continue }
                if let skipsDirectory, skipsDirectory(relative) { continue }
                pending += children(of: relative)
                return TarEntry(path: relative, kind: .directory, size: 0)
            case .typeSymbolicLink:
                let target = (try? manager.destinationOfSymbolicLink(atPath: absolute)) ?? ""
                return TarEntry(path: relative, kind: .symlink, size: 0, linkTarget: target)
            case .typeRegular:
                currentFile = absolute
                let size =
                    (attributes[.size] as? NSNumber)?.int64Value ?? (attributes[.size] as? UInt64).map {
                        Int64(clamping: $0)
                    } ?? 0
                let mode = (attributes[.posixPermissions] as? NSNumber)?.uint32Value ?? 0o644
                return TarEntry(path: relative, kind: .file, size: size, mode: mode)
            default:
                return TarEntry(path: relative, kind: .other, size: 0)
            }
        }
        return nil
    }

    /// See `LayerEntrySource.readEntryContent(limit:)`.
    public func readEntryContent(limit: Int) throws -> [UInt8] {
        guard let currentFile else { return [] }
        guard let handle = FileHandle(forReadingAtPath: currentFile) else {
            throw CatalogError(code: .unreadableLayer, reason: "cannot open file", location: currentFile)
        }
        defer { try? handle.close() }
        let data = try handle.read(upToCount: limit + 1) ?? Data()
        guard data.count <= limit else {
            throw CatalogError(code: .unreadableLayer, reason: "file is over \(limit) bytes", location: currentFile)
        }
        return [UInt8](data)
    }

    /// The entries of folder `relative`, in reverse name order (popped from the end, so walked in order).
    private func children(of relative: String) -> [String] {
        let absolute = relative.isEmpty ? root : root + "/" + relative
        let names = (try? FileManager.default.contentsOfDirectory(atPath: absolute)) ?? []
        return names.sorted(by: >).map { relative.isEmpty ? $0 : relative + "/" + $0 }
    }
}
