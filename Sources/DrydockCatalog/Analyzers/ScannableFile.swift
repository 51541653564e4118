import DrydockModel

/// A file an analyzer keeps whole for a scanner that runs after the catalog (misconfiguration checks):
/// the catalog only selects and stores it, per layer, so that cached layers keep it too.
public struct ScannableFile: Sendable, Hashable, Codable {
    /// The scanner that wants it (`misconfig`).
    public var scanner: String
    /// What the analyzer took it for (`dockerfile`, `manifest`, `helm-chart`), or empty when the file
    /// turned out not to be one: it is kept as an empty marker so that it still hides lower layers' copies.
    public var kind: String
    /// The file's bytes (empty for markers).
    public var content: [UInt8]

    /// Creates a kept file.
    public init(scanner: String, kind: String, content: [UInt8]) {
        self.scanner = scanner
        self.kind = kind
        self.content = content
    }
}

/// A scannable file of the merged tree: where it is and which layer put it there.
public struct ScannableFileEntry: Sendable, Hashable, Codable {
    /// Root-relative path.
    public var path: String
    /// The layer holding the top copy (`nil` for directories).
    public var layer: LayerReference?
    /// The file.
    public var file: ScannableFile

    /// Creates an entry.
    public init(path: String, layer: LayerReference?, file: ScannableFile) {
        self.path = path
        self.layer = layer
        self.file = file
    }
}

extension LayerMerger {
    /// Every scannable file of the top view that holds content, in path order.
    static func scannableFiles(in tree: MergedTree, references: [LayerReference]) -> [ScannableFileEntry] {
        tree.entries.compactMap { path, entry -> ScannableFileEntry? in
            guard case .file(.scannable(let file)) = entry.node, !file.kind.isEmpty else { return nil }
            let layer = entry.layer < references.count ? references[entry.layer] : nil
            return ScannableFileEntry(
                path: path, layer: layer?.diffID == nil && layer?.digest == nil ? nil : layer, file: file)
        }.sorted { $0.path < $1.path }
    }
}
