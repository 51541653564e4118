import DrydockMatch
import DrydockModel
import DrydockPolicy
import Foundation

/// A JSON report read back: what was scanned, what was found and what was decided, ready to be decided again
/// (`policy diff`), compared with (`--baseline`) or rendered in another format (`convert`).
///
/// Read from Drydock's own reports and from Trivy's (`trivy image -f json`), which share the schema. A report
/// Drydock wrote renders back to the same bytes (``scanReport``); one Trivy wrote keeps every field Drydock
/// models.
public struct SavedReport: Sendable, Hashable {
    /// Where the report was read from.
    public var path: String
    public var createdAt: Date?
    public var artifact: ArtifactMetadata
    public var operatingSystem: OperatingSystem?
    /// The results, in report order, before the gate: reported findings first, then those that were set aside
    /// (`ExperimentalModifiedFindings`). Findings a flag left out (`--severity`, `--ignore-status`,
    /// `--ignore-unfixed`) are not in the report and so are not here either.
    public var targets: [DetectedTarget]
    /// The same results with the decisions the report records: each finding's `Decision` (rule, location, owner,
    /// expiry, VEX statement, baseline state, notes) exactly as written. A report that records none (Trivy's) gives
    /// `warn` for reported findings and, for set-aside ones, the ignore file or VEX statement Trivy names.
    public var decidedTargets: [DecidedTarget]
    /// The gate's verdict as saved (`Drydock.Verdict`), when the report is Drydock's.
    public var verdict: Verdict?
    public var database: DatabaseSummary?
    public var coverage: ScanCoverage?
    public var warnings: [String]
    /// The Drydock version that wrote the report (`Drydock.Version`).
    public var toolVersion: String?
    /// The baseline the report's scan was compared with (`Drydock.Baseline`), when it was.
    public var baseline: BaselineComparison?
    /// The supply-chain rules' results (`Drydock.SupplyChain`), when the scan's policy had any.
    public var supplyChain: [SupplyChainRuleResult]
    /// The verified attestations the report stated (`Drydock.Provenance`, `Drydock.InventorySource`).
    public var attestations: ImageAttestations

    public init(
        path: String, createdAt: Date?, artifact: ArtifactMetadata, operatingSystem: OperatingSystem?,
        targets: [DetectedTarget], decidedTargets: [DecidedTarget]? = nil, verdict: Verdict? = nil,
        database: DatabaseSummary? = nil, coverage: ScanCoverage? = nil, warnings: [String] = [],
        toolVersion: String? = nil, baseline: BaselineComparison? = nil, supplyChain: [SupplyChainRuleResult] = [],
        attestations: ImageAttestations = ImageAttestations()
    ) {
        self.supplyChain = supplyChain
        self.attestations = attestations
        self.path = path
        self.createdAt = createdAt
        self.artifact = artifact
        self.operatingSystem = operatingSystem
        self.targets = targets
        self.decidedTargets =
            decidedTargets
            ?? targets.map { target in
                DecidedTarget(
                    target,
                    findings: target.findings.map {
                        DecidedFinding(finding: $0, decision: .warn("as saved in \(path)"))
                    })
            }
        self.verdict = verdict
        self.database = database
        self.coverage = coverage
        self.warnings = warnings
        self.toolVersion = toolVersion
        self.baseline = baseline
    }

    /// The report as the writers take it, for rendering in another format without scanning again.
    ///
    /// A report without Drydock's verdict (Trivy's) gets the verdict its decisions give: every reported finding
    /// warns, so it passes.
    public func scanReport() -> ScanReport {
        let failing = decidedTargets.flatMap(\.findings).filter { $0.decision.action == .fail }.count
        var report = ScanReport(
            createdAt: createdAt ?? Date(timeIntervalSince1970: 0), artifact: artifact,
            operatingSystem: operatingSystem, targets: decidedTargets,
            verdict: verdict ?? Verdict(failingCount: failing, exitCode: 0), database: database,
            warnings: warnings.map { ScanWarning($0) },
            coverage: coverage, baseline: baseline)
        report.supplyChain = supplyChain
        report.attestations = attestations
        return report
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
