import DrydockImage
import DrydockModel

/// The catalog stage for container images: walks every layer once, reading only the files the analyzers
/// want, and merges the layers into an `Inventory`.
///
/// With a `cache`, a layer whose analysis is stored under its diffID and the analyzers' fingerprint is
/// not opened at all (a registry blob is not downloaded); layers it reads are stored once the whole image
/// has been read and every diffID verified.
public struct ImageCataloger: Sendable {
    /// The analyzers run on every layer.
    public var analyzers: [any CatalogAnalyzer]
    /// Where per-layer analyses are looked up and stored; `nil` reads every layer.
    public var cache: (any LayerAnalysisCache)?
    /// Paths left out and extra files read (`--skip-dirs`, `--skip-files`, `--file-patterns`).
    public var filter: PathFilter = PathFilter()
    /// How merged layers become the inventory (`--include-dev-deps`, `--detection-priority`).
    public var merging: MergeOptions = MergeOptions()

    /// The analyzers Drydock runs by default: OS ones and installed language package metadata.
    public static var defaultAnalyzers: [any CatalogAnalyzer] {
        osAnalyzers + LanguageFormats.analyzers(LanguageFormats.installed) + JVMGoRustFormats.installedAnalyzers
    }

    /// Release files, apk, dpkg (and Debian copyright files) and rpm.
    public static var osAnalyzers: [any CatalogAnalyzer] {
        [OSReleaseAnalyzer(), ApkAnalyzer(), DpkgAnalyzer(), DpkgCopyrightAnalyzer(), RPMAnalyzer()]
    }

    /// Creates a cataloger with `analyzers`, using `cache` when given.
    public init(
        analyzers: [any CatalogAnalyzer] = ImageCataloger.defaultAnalyzers, cache: (any LayerAnalysisCache)? = nil
    ) {
        self.analyzers = analyzers
        self.cache = cache
    }

    /// Catalogs an opened image (an archive, a layout or a registry image). `artifactName` is the name shown
    /// in targets (`alpine:3.10`); it defaults to the reference the image was opened with. `onLayer` hears,
    /// for each layer, whether it came from the cache or how long reading it took.
    ///
    /// Throws `CatalogError` when a layer cannot be read or the source does not stream every layer.
    public func catalog(
        _ source: some LayeredImage, artifactName: String? = nil, onLayer: (LayerCatalogEvent) -> Void = { _ in }
    ) throws(CatalogError) -> CatalogResult {
        let image = source.image
        let walker = LayerWalker(analyzers: analyzers, filter: filter)
        let key = walker.analyzerFingerprint
        var analyses = [LayerAnalysis?](repeating: nil, count: image.layers.count)
        // Only a verified diffID can key an analysis: elsewhere the config could name another layer's content.
        let cacheable = { (diffID: String?) -> String? in
            guard source.verifiesDiffIDs, let diffID, diffID.hasPrefix("sha256:"), diffID.count == 71 else {
                return nil
            }
            return diffID
        }
        let cached = cache?.analyses(for: image.layers.compactMap { cacheable($0.reference.diffID) }, analyzerKey: key)
        for layer in image.layers {
            if let diffID = cacheable(layer.reference.diffID), let analysis = cached?[diffID] {
                analyses[layer.index] = analysis
                onLayer(LayerCatalogEvent(layer: layer, outcome: .cached))
            }
        }
        let wanted = Set(analyses.indices.filter { analyses[$0] == nil })
        var fresh: [LayerAnalysis] = []
        do {
            let clock = ContinuousClock()
            try source.forEachLayer(where: { wanted.contains($0.index) }) {
                layer, reader in
                let start = clock.now
                let name = layer.reference.diffID ?? layer.path
                let analysis = try walker.analyze(
                    reader, diffID: layer.reference.diffID, location: "layer \(name) of \(image.reference)")
                analyses[layer.index] = analysis
                if cacheable(layer.reference.diffID) != nil { fresh.append(analysis) }
                onLayer(LayerCatalogEvent(layer: layer, outcome: .analysed(duration: clock.now - start)))
            }
        } catch let error as CatalogError {
            throw error
        } catch {
            throw CatalogError(
                code: .unreadableLayer, reason: "cannot read the image's layers", location: image.reference,
                underlying: String(describing: error))
        }
        var complete: [LayerAnalysis] = []
        for (index, analysis) in analyses.enumerated() {
            guard let analysis else {
                throw CatalogError(
                    code: .missingLayer, reason: "layer \(index) (\(image.layers[index].path)) was not in the archive",
                    location: image.reference)
            }
            complete.append(analysis)
        }
        if let cache, !fresh.isEmpty { cache.store(fresh, analyzerKey: key) }
        return LayerMerger.merge(
            complete, references: image.layers.map(\.reference), artifactName: artifactName ?? image.reference,
            keepOSOwnedLanguagePackages: merging.keepOSOwnedLanguagePackages,
            includeDevelopmentDependencies: merging.includeDevelopmentDependencies)
    }
}
