import DrydockMatch
import DrydockModel
import Foundation

/// Everything a report writer needs, already decided: writers only format it.
public struct ScanReport: Sendable, Hashable {
    /// When the scan ran (the only field allowed to differ between two identical scans).
    public var createdAt: Date
    public var artifact: ArtifactMetadata
    public var operatingSystem: OperatingSystem?
    public var targets: [DecidedTarget]
    public var verdict: Verdict
    /// Facts about the vulnerability DB used.
    public var database: DatabaseSummary?
    /// Warnings to show with the report (uncovered releases, skipped records), each with its kind.
    public var warnings: [ScanWarning]
    /// What the scan could check: OS release, advisories, support, unchecked packages.
    public var coverage: ScanCoverage?
    /// The whole inventory that was scanned, including the packages that are not matched on their own
    /// (``Inventory/ownedTargets``), for SBOM writers; `nil` when the report was read back from a file.
    public var inventory: Inventory?
    /// The kinds of findings the scan looked for (`--scanners`), in Trivy's order; `nil` when unknown (a report
    /// read back from a file). The table's summary has a column for each, as Trivy's has.
    public var scanners: [FindingKind]?
    /// The baseline the findings were compared with (`--baseline`) and its findings that are gone.
    public var baseline: BaselineComparison?
    /// The policy's supply-chain rules, each met or not, for an image scan with such rules.
    public var supplyChain: [SupplyChainRuleResult] = []
    /// The image's verified attestations the report states: SLSA provenance, and the SBOM attestation the
    /// inventory came from (`--sbom-sources oci`).
    public var attestations = ImageAttestations()

    public init(
        createdAt: Date, artifact: ArtifactMetadata, operatingSystem: OperatingSystem?, targets: [DecidedTarget],
        verdict: Verdict, database: DatabaseSummary?, warnings: [ScanWarning], coverage: ScanCoverage? = nil,
        inventory: Inventory? = nil, baseline: BaselineComparison? = nil, scanners: [FindingKind]? = nil
    ) {
        self.createdAt = createdAt
        self.artifact = artifact
        self.operatingSystem = operatingSystem
        self.targets = targets
        self.verdict = verdict
        self.database = database
        self.warnings = warnings
        self.coverage = coverage
        self.inventory = inventory
        self.scanners = scanners
        self.baseline = baseline
    }
}

/// The vulnerability DB facts a report states.
public struct DatabaseSummary: Sendable, Hashable {
    public var path: String
    public var schemaVersion: Int
    public var builtAt: Date?
    /// `sha256:…` of the DB file, from its `metadata.json` or computed.
    public var digest: String?
    /// When the DB's publisher plans the next update, from `metadata.json`.
    public var nextUpdate: Date?

    public init(path: String, schemaVersion: Int, builtAt: Date?, digest: String? = nil, nextUpdate: Date? = nil) {
        self.path = path
        self.schemaVersion = schemaVersion
        self.builtAt = builtAt
        self.digest = digest
        self.nextUpdate = nextUpdate
    }
}
