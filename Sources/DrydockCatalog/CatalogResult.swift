import DrydockLicenses
import DrydockModel

/// What the catalog stage found in one image: the inventory and how each layer contributed.
public struct CatalogResult: Sendable, Hashable, Codable {
    /// The OS and packages, each package with the layer that introduced it.
    public var inventory: Inventory
    /// The detected distribution with its os-release ID (kept even for unsupported distributions).
    public var detectedOS: DetectedOS?
    /// One summary per layer, base first.
    public var layers: [LayerSummary]
    /// Files kept for later scanners (misconfiguration), as the top layer shows them.
    public var scannableFiles: [ScannableFileEntry]
    /// License files and what their texts hold, when `LicenseFileAnalyzer` ran (`--license-full`).
    public var licenseFiles: [LicenseFile]

    /// Creates a result.
    public init(
        inventory: Inventory, detectedOS: DetectedOS?, layers: [LayerSummary],
        scannableFiles: [ScannableFileEntry] = [], licenseFiles: [LicenseFile] = []
    ) {
        self.inventory = inventory
        self.detectedOS = detectedOS
        self.layers = layers
        self.scannableFiles = scannableFiles
        self.licenseFiles = licenseFiles
    }
}

/// How one layer contributed to the inventory.
public struct LayerSummary: Sendable, Hashable, Codable {
    /// Position, 0 for the base layer.
    public var index: Int
    /// Digest, diffID and history step.
    public var reference: LayerReference
    /// Counts from the walk.
    public var stats: LayerStats
    /// Packages in the final inventory attributed to this layer.
    public var packagesIntroduced: Int
    /// Warnings raised while reading this layer.
    public var warnings: Int

    /// Creates a summary.
    public init(index: Int, reference: LayerReference, stats: LayerStats, packagesIntroduced: Int, warnings: Int) {
        self.index = index
        self.reference = reference
        self.stats = stats
        self.packagesIntroduced = packagesIntroduced
        self.warnings = warnings
    }
}
