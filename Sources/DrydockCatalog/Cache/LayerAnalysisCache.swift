/// A store of `LayerAnalysis` values by layer diffID, shared by scans and processes, so that a layer seen
/// before is not read again.
///
/// An entry is keyed by the layer's diffID and by `analyzerKey`, the names and versions of the analyzers
/// that produced it (`LayerWalker.analyzerFingerprint`); an implementation may add its own version to the
/// key. A cache never fails a scan: implementations turn their own problems (a corrupt file, a lock held
/// too long) into misses and report them some other way.
public protocol LayerAnalysisCache: Sendable {
    /// The stored analyses among `diffIDs` for `analyzerKey`, by diffID; records that they were used.
    func analyses(for diffIDs: [String], analyzerKey: String) -> [String: LayerAnalysis]
    /// Stores `analyses` (each keyed by its own `diffID`, which must be set) under `analyzerKey`.
    func store(_ analyses: [LayerAnalysis], analyzerKey: String)
}

extension CatalogError.Code {
    /// A cached layer analysis could not be encoded or decoded.
    public static let unusableCacheEntry = CatalogError.Code(rawValue: "unusable-cache-entry")
}
