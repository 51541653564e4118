import Foundation

/// The VEX formats Drydock reads.
public enum VEXFormat: String, Sendable, Hashable, CaseIterable {
    /// OpenVEX 0.2.0 (and the 0.0.x documents before it, which share its fields).
    case openVEX = "OpenVEX"
    /// CycloneDX 1.4–1.6 `vulnerabilities[]` with an `analysis`.
    case cycloneDX = "CycloneDX VEX"
    /// CSAF 2.0 (`csaf_vex`, or any CSAF document with `product_status`).
    case csaf = "CSAF VEX"
}

/// A VEX document read into statements Drydock can apply (read by `DrydockSBOM.VEXReader`).
public struct VEXDocument: Sendable, Hashable {
    public var format: VEXFormat
    /// The file the document was read from (named in decisions, evidence and errors).
    public var path: String
    /// The document's own ID (OpenVEX `@id`, CycloneDX `serialNumber`, CSAF `tracking.id`), when given.
    public var id: String?
    /// The document's author or publisher, when given.
    public var author: String?
    /// When the document was issued or last revised.
    public var timestamp: Date?
    public var statements: [VEXStatement]
    /// Parts of the document that were read but cannot be applied (a CycloneDX `affects` reference that names
    /// nothing Drydock can identify, a version range), in words.
    public var warnings: [String]

    public init(
        format: VEXFormat, path: String, id: String? = nil, author: String? = nil, timestamp: Date? = nil,
        statements: [VEXStatement], warnings: [String] = []
    ) {
        self.format = format
        self.path = path
        self.id = id
        self.author = author
        self.timestamp = timestamp
        self.statements = statements
        self.warnings = warnings
    }
}
