import DrydockMatch
import DrydockModel

/// One result of a scan before the gate: a target (a package group, a file) and what was found in it.
///
/// Trivy's `Result`: vulnerability targets come from matching (``init(match:)``); misconfiguration,
/// secret and license targets are grouped by file by their scanners.
public struct DetectedTarget: Sendable, Hashable {
    /// The name shown (`alpine:3.10 (alpine 3.10.4)`, `app/requirements.txt`, `Dockerfile`).
    public var name: String
    /// Trivy's `Class`.
    public var kind: TargetKind
    /// Trivy's `Type` (`alpine`, `pip`, `dockerfile`, …); empty for secrets and licenses.
    public var type: String
    /// The target's packages (package targets only).
    public var packages: [Package]
    /// Everything found, in report order.
    public var findings: [Finding]
    /// How far the vulnerability results can be trusted (package targets only).
    public var coverage: TargetCoverage?
    /// How many packages were really compared against advisories.
    public var checkedPackageCount: Int
    /// Checks that passed, for misconfiguration targets (Trivy's `MisconfSummary.Successes`).
    public var passedChecks: Int

    public init(
        name: String, kind: TargetKind, type: String, packages: [Package] = [], findings: [Finding],
        coverage: TargetCoverage? = nil, checkedPackageCount: Int = 0, passedChecks: Int = 0
    ) {
        self.name = name
        self.kind = kind
        self.type = type
        self.packages = packages
        self.findings = findings
        self.coverage = coverage
        self.checkedPackageCount = checkedPackageCount
        self.passedChecks = passedChecks
    }

    /// A package target with its vulnerability findings.
    /// A package target listed without matching (no `vuln` scanner): its packages, no findings, no coverage.
    public init(packagesOf target: InventoryTarget) {
        self.init(name: target.name, kind: target.kind, type: target.type, packages: target.packages, findings: [])
    }

    public init(match: TargetMatch) {
        self.init(
            name: match.target.name, kind: match.target.kind, type: match.target.type,
            packages: match.target.packages, findings: match.findings.map(Finding.vulnerability),
            coverage: match.coverage, checkedPackageCount: match.checkedPackageCount)
    }
}

/// A target with a decision for each finding.
public struct DecidedTarget: Sendable, Hashable {
    public var name: String
    public var kind: TargetKind
    public var type: String
    public var packages: [Package]
    public var findings: [DecidedFinding]
    public var coverage: TargetCoverage?
    public var checkedPackageCount: Int
    public var passedChecks: Int

    /// The decided form of `target`, with `findings` in its findings' order.
    public init(_ target: DetectedTarget, findings: [DecidedFinding]) {
        name = target.name
        kind = target.kind
        type = target.type
        packages = target.packages
        self.findings = findings
        coverage = target.coverage
        checkedPackageCount = target.checkedPackageCount
        passedChecks = target.passedChecks
    }

    /// The findings reports show (not ignored).
    public var reported: [DecidedFinding] { findings.filter(\.decision.isReported) }

    /// The reported vulnerabilities.
    public var reportedVulnerabilities: [VulnerabilityFinding] { reported.compactMap(\.finding.vulnerability) }

    /// The target as it was before the gate.
    public var detected: DetectedTarget {
        DetectedTarget(
            name: name, kind: kind, type: type, packages: packages, findings: findings.map(\.finding),
            coverage: coverage, checkedPackageCount: checkedPackageCount, passedChecks: passedChecks)
    }
}
