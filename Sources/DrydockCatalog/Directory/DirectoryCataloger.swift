import DrydockModel

/// The catalog stage for directories: a project (`drydock fs`) or an unpacked root filesystem
/// (`drydock rootfs`), read as one layer by the same analyzers as images.
public struct DirectoryCataloger: Sendable {
    /// What the directory is, which decides what is read.
    public enum Mode: String, Sendable, Hashable {
        /// A project: OS release, apk and dpkg databases if present, and lockfiles and manifests (rpm's database
        /// is not read: a project folder holds no installed RPMs).
        case filesystem
        /// An unpacked root filesystem: OS packages and installed language package metadata.
        case rootfs
    }

    /// What the directory is.
    public var mode: Mode
    /// The analyzers run.
    public var analyzers: [any CatalogAnalyzer]

    /// The analyzers Drydock runs for `mode`.
    public static func defaultAnalyzers(for mode: Mode) -> [any CatalogAnalyzer] {
        switch mode {
        case .filesystem:
            ImageCataloger.osAnalyzers.filter { $0.name != "rpm" }
                + LanguageFormats.analyzers(LanguageFormats.lockfiles)
                + JVMGoRustFormats.lockfileAnalyzers
        case .rootfs: ImageCataloger.defaultAnalyzers
        }
    }

    /// Creates a cataloger for `mode`.
    public init(mode: Mode, analyzers: [any CatalogAnalyzer]? = nil, filter: PathFilter = PathFilter()) {
        self.mode = mode
        self.analyzers = analyzers ?? Self.defaultAnalyzers(for: mode)
        self.filter = filter
    }

    /// Paths left out and extra files read (`--skip-dirs`, `--skip-files`, `--file-patterns`).
    public var filter: PathFilter
    /// How the walked tree becomes the inventory (`--include-dev-deps`, `--detection-priority`).
    public var merging: MergeOptions = MergeOptions()

    /// Catalogs the directory at `path`; targets are named after `artifactName` (default: `path`).
    ///
    /// Throws `CatalogError` when `path` is not a readable directory.
    public func catalog(directory path: String, artifactName: String? = nil) throws(CatalogError) -> CatalogResult {
        let filter = self.filter
        var skipsDirectory: (@Sendable (String) -> Bool)?
        if !filter.skipDirectories.isEmpty {
            skipsDirectory = { path in filter.skipsDirectory(path) }
        }
        let source = DirectoryEntrySource(
            root: path, skippedNames: mode == .filesystem ? [".git", "node_modules"] : [".git"],
            skippedTopLevel: mode == .rootfs ? ["proc", "sys", "dev"] : [], skipsDirectory: skipsDirectory)
        let walker = LayerWalker(analyzers: analyzers, filter: filter)
        let analysis = try walker.analyze(source, diffID: nil, location: path)
        return LayerMerger.merge(
            [analysis], references: [LayerReference()], artifactName: artifactName ?? path,
            keepOSOwnedLanguagePackages: merging.keepOSOwnedLanguagePackages,
            includeDevelopmentDependencies: merging.includeDevelopmentDependencies)
    }
}
