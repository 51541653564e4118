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
    /// The results, in report order: the reported findings, then those set aside under
    /// `ExperimentalModifiedFindings` (ignore file, VEX, exceptions, policy rules). Findings hidden by
    /// `--severity` or `--ignore-status` are not in a report and so are not here either.
    public var targets: [DetectedTarget]
    /// The decision the report recorded for `targets[i].findings[j]`, or `nil` when it recorded none (reports
    /// by Trivy, or by Drydock before decisions were written).
    public var decisions: [[Decision?]]

    public init(
        path: String, createdAt: Date?, artifact: ArtifactMetadata, operatingSystem: OperatingSystem?,
        targets: [DetectedTarget], decisions: [[Decision?]]? = nil
    ) {
        self.path = path
        self.createdAt = createdAt
        self.artifact = artifact
        self.operatingSystem = operatingSystem
        self.targets = targets
        self.decisions = decisions ?? targets.map { Array(repeating: nil, count: $0.findings.count) }
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
