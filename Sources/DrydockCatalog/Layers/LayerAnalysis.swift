import DrydockModel

/// What one layer contributes to the catalog: the wanted files it holds and what it deletes.
///
/// A value, independent of the layers below it, so it can be cached by the layer's diffID and the
/// analyzers' names and versions, and merged later in any image that shares the layer.
public struct LayerAnalysis: Sendable, Hashable, Codable {
    /// The layer's uncompressed digest, when known.
    public var diffID: String?
    /// Wanted files present in the layer, in archive order (a path listed twice: the later one counts).
    public var files: [LayerFile]
    /// Paths this layer deletes from the layers below (`.wh.NAME` entries), when they can hold wanted files.
    public var whiteouts: [String]
    /// Folders whose lower-layer content this layer hides (`.wh..wh..opq`), when they can hold wanted files.
    /// The root folder is the empty string.
    public var opaqueDirectories: [String]
    /// Problems met in this layer (skipped records, unreadable files).
    public var warnings: [CatalogWarning]
    /// What the walker's content scanner found in this layer's files (secrets), without layer references:
    /// kept whatever later layers delete, since the layer's blob still holds them.
    public var contentFindings: [Finding]
    /// Counts describing the walk.
    public var stats: LayerStats

    /// Creates an analysis.
    public init(
        diffID: String? = nil, files: [LayerFile] = [], whiteouts: [String] = [], opaqueDirectories: [String] = [],
        warnings: [CatalogWarning] = [], contentFindings: [Finding] = [], stats: LayerStats = LayerStats()
    ) {
        self.diffID = diffID
        self.files = files
        self.whiteouts = whiteouts
        self.opaqueDirectories = opaqueDirectories
        self.warnings = warnings
        self.contentFindings = contentFindings
        self.stats = stats
    }
}

/// One wanted path found in a layer.
public struct LayerFile: Sendable, Hashable, Codable {
    /// Path relative to the root (`lib/apk/db/installed`).
    public var path: String
    /// What is at the path.
    public var node: LayerFileNode

    /// Creates an entry.
    public init(path: String, node: LayerFileNode) {
        self.path = path
        self.node = node
    }
}

/// What a wanted path holds in one layer.
public enum LayerFileNode: Sendable, Hashable, Codable {
    /// A regular file and what its analyzer made of it.
    case file(FileFinding)
    /// A path whose content is not used — a file too large or unparseable, a folder, a link its analyzer does not
    /// follow: it still hides lower copies.
    case unusable
    /// A symbolic link, with its target as written (relative to the link's folder, or absolute).
    case symlink(String)
    /// A hard link to another path of the image (root-relative).
    case hardlink(String)
}

/// Counts describing one layer's walk.
public struct LayerStats: Sendable, Hashable, Codable {
    /// Archive entries seen.
    public var entries: Int
    /// Wanted files whose content was read.
    public var filesRead: Int
    /// Bytes of content read by analyzers: whole files, or the ranges read by offset.
    public var bytesRead: Int
    /// Bytes of large layer entries put aside in temporary files to be read by offset (see `LayerWalker`).
    public var bytesSpilled: Int
    /// Whiteout and opaque-folder markers seen (relevant or not).
    public var whiteoutMarkers: Int

    /// Creates counts.
    public init(
        entries: Int = 0, filesRead: Int = 0, bytesRead: Int = 0, bytesSpilled: Int = 0, whiteoutMarkers: Int = 0
    ) {
        self.entries = entries
        self.filesRead = filesRead
        self.bytesRead = bytesRead
        self.bytesSpilled = bytesSpilled
        self.whiteoutMarkers = whiteoutMarkers
    }
}
