import DrydockModel

/// The gate's rules for one scan, from the command line (and later a policy file).
public struct ScanPolicy: Sendable, Hashable {
    /// Severities that are reported; others are ignored. All by default.
    public var severities: Set<Severity>
    /// Ignore vulnerabilities with no fixed version.
    public var ignoreUnfixed: Bool
    /// Vendor statuses whose findings are ignored (`--ignore-status will_not_fix,end_of_life`).
    public var ignoredStatuses: Set<VulnerabilityStatus> = []
    /// Exit code when at least one finding fails the gate; `0` means the gate never fails.
    public var failureExitCode: Int32
    /// Fail the gate when something could not be checked: OS not detected or unsupported, no advisories for
    /// the release, unmatched packages (`--fail-on-uncovered`).
    public var failOnIncompleteCoverage: Bool
    /// Fail the gate when the OS release gets no more fixes from its vendor (`--fail-on-eol`).
    public var failOnEndOfLife: Bool

    public init(
        severities: Set<Severity> = Set(Severity.allCases), ignoreUnfixed: Bool = false, failureExitCode: Int32 = 0,
        failOnIncompleteCoverage: Bool = false, failOnEndOfLife: Bool = false
    ) {
        self.severities = severities
        self.ignoreUnfixed = ignoreUnfixed
        self.failureExitCode = failureExitCode
        self.failOnIncompleteCoverage = failOnIncompleteCoverage
        self.failOnEndOfLife = failOnEndOfLife
    }

    /// The exit code for a gate failure that is not a finding: `--exit-code`, else `1`.
    public var coverageExitCode: Int32 { failureExitCode != 0 ? failureExitCode : 1 }
}
