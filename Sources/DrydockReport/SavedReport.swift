import DrydockModel
import DrydockPolicy
import Foundation

/// A JSON report read back: what was scanned and what was found, ready to be decided again (`policy diff`),
/// compared with (`--baseline`) or rendered in another format (`convert`).
///
/// Read from Drydock's own reports and from Trivy's (`trivy image -f json`), which share the schema.
public struct SavedReport: Sendable, Hashable {
    /// Where the report was read from.
    public var path: String
    public var createdAt: Date?
    public var artifact: ArtifactMetadata
    public var operatingSystem: OperatingSystem?
    /// The results, in report order. Findings that were set aside when the report was written are not in a
    /// Trivy JSON report and so are not here either.
    public var targets: [DetectedTarget]

    public init(
        path: String, createdAt: Date?, artifact: ArtifactMetadata, operatingSystem: OperatingSystem?,
        targets: [DetectedTarget]
    ) {
        self.path = path
        self.createdAt = createdAt
        self.artifact = artifact
        self.operatingSystem = operatingSystem
        self.targets = targets
    }
}

/// Why a saved report could not be read: the file and what is wrong with it.
public struct SavedReportError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
