/// An image whose layers can be streamed one at a time: an archive or layout on disk (`ImageArchive`) or an
/// image in a registry (`RegistryImage`). The catalog reads every source through this one protocol.
public protocol LayeredImage {
    /// The image's config and ordered layers.
    var image: Image { get }
    /// Whether a streamed layer is checked against its config diffID (a mismatch fails the read), so that
    /// what was read from it may be stored under that diffID.
    var verifiesDiffIDs: Bool { get }
    /// Streams the uncompressed tar of each layer `include` accepts to `body`, one layer at a time; the
    /// others are never opened (a registry blob is not downloaded, an archive member is skipped).
    ///
    /// Layers may arrive in storage order rather than layer order: use `ImageLayer.index`. The diffID check
    /// happens after `body` returns, so a thrown error can follow a `body` call for the same layer.
    func forEachLayer(where include: (ImageLayer) -> Bool, _ body: (ImageLayer, TarReader) throws -> Void) throws
}
