import DrydockImage
import DrydockModel

/// The catalog stage for container images: walks every layer once, reading only the files the analyzers
/// want, and merges the layers into an `Inventory`.
public struct ImageCataloger: Sendable {
    /// The analyzers run on every layer.
    public var analyzers: [any CatalogAnalyzer]

    /// The analyzers Drydock runs by default: OS ones and installed language package metadata.
    public static var defaultAnalyzers: [any CatalogAnalyzer] {
        osAnalyzers + LanguageFormats.analyzers(LanguageFormats.installed) + JVMGoRustFormats.installedAnalyzers
    }

    /// Release files, apk, dpkg and rpm.
    public static var osAnalyzers: [any CatalogAnalyzer] {
        [OSReleaseAnalyzer(), ApkAnalyzer(), DpkgAnalyzer(), RPMAnalyzer()]
    }

    /// Creates a cataloger with `analyzers`.
    public init(analyzers: [any CatalogAnalyzer] = ImageCataloger.defaultAnalyzers) {
        self.analyzers = analyzers
    }

    /// Catalogs an opened image. `artifactName` is the name shown in targets (`alpine:3.10`); it defaults
    /// to the reference the image was opened with.
    ///
    /// Throws `CatalogError` when a layer cannot be read or the archive does not stream every layer.
    public func catalog(_ archive: ImageArchive, artifactName: String? = nil) throws(CatalogError) -> CatalogResult {
        let image = archive.image
        let walker = LayerWalker(analyzers: analyzers)
        var analyses = [LayerAnalysis?](repeating: nil, count: image.layers.count)
        do {
            try archive.forEachLayer { layer, reader in
                guard layer.index >= 0, layer.index < analyses.count else { return }
                let name = layer.reference.diffID ?? layer.path
                analyses[layer.index] = try walker.analyze(
                    reader, diffID: layer.reference.diffID, location: "layer \(name) of \(image.reference)")
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
        return LayerMerger.merge(
            complete, references: image.layers.map(\.reference), artifactName: artifactName ?? image.reference)
    }
}
