/// A license of a package or a license file, classified (Trivy's `DetectedLicense`).
public struct LicenseFinding: Sendable, Hashable, Codable {
    /// Trivy's license categories, from most to least restrictive.
    public enum Category: String, Sendable, Hashable, Codable, CaseIterable {
        case forbidden
        case restricted
        case reciprocal
        case notice
        case permissive
        case unencumbered
        case unknown
    }

    /// The SPDX identifier or expression (`GPL-2.0-or-later`, `LicenseRef-Foo`).
    public var name: String
    public var category: Category
    public var severity: Severity
    /// The package the license belongs to; `nil` for a license file found on its own.
    public var package: Package?
    /// The file it was read from (a copyright file, a LICENSE file, package metadata).
    public var filePath: String?
    /// The license text, when the name was recognised from a full text.
    public var text: String?
    /// How sure the classification is, 0…1 (1 for a declared name).
    public var confidence: Double
    /// The SPDX page for it, when there is one.
    public var link: String?
    /// The layer that holds the file, for images.
    public var layer: LayerReference?

    public init(
        name: String, category: Category, severity: Severity, package: Package? = nil, filePath: String? = nil,
        text: String? = nil, confidence: Double = 1, link: String? = nil, layer: LayerReference? = nil
    ) {
        self.name = name
        self.category = category
        self.severity = severity
        self.package = package
        self.filePath = filePath
        self.text = text
        self.confidence = confidence
        self.link = link
        self.layer = layer
    }
}
