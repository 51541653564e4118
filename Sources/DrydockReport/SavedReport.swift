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
    /// The results, in report order, with the findings the report lists (`Vulnerabilities`).
    public var targets: [DetectedTarget]
    /// When each finding was first seen, as Drydock's report records it (`FirstSeen`), by position.
    public var firstSeen: [Position: Date] = [:]
    /// Findings the report lists as set aside (Trivy's `ExperimentalModifiedFindings`: ignore files, VEX).
    public var setAside: [SetAsideFinding] = []

    /// A finding's place: `targets[target].findings[finding]`.
    public struct Position: Sendable, Hashable {
        public var target: Int
        public var finding: Int

        public init(target: Int, finding: Int) {
            self.target = target
            self.finding = finding
        }
    }

    /// A finding the report lists as set aside, with why.
    public struct SetAsideFinding: Sendable, Hashable {
        /// Index of its target in ``SavedReport/targets``.
        public var target: Int
        public var finding: Finding
        /// `not_affected`, `fixed`, `ignored`, … as the report writes it.
        public var status: String?
        public var statement: String?
        public var source: String?
        public var firstSeen: Date?

        public init(
            target: Int, finding: Finding, status: String?, statement: String?, source: String?, firstSeen: Date?
        ) {
            self.target = target
            self.finding = finding
            self.status = status
            self.statement = statement
            self.source = source
            self.firstSeen = firstSeen
        }
    }

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
