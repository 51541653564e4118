import DrydockLicenses
import DrydockModel

/// The gate's rules for one scan: Trivy's flags, an ignore file, and optionally a Drydock policy file.
///
/// Without a ``document`` the gate behaves exactly as Trivy does: nothing fails unless `--exit-code` is set,
/// and then every reported finding fails. With one, its rules decide and `--exit-code` only chooses the code.
public struct ScanPolicy: Sendable, Hashable {
    /// Severities that are reported; others are ignored. All by default.
    public var severities: Set<Severity>
    /// Ignore vulnerabilities with no fixed version (`--ignore-unfixed`: every status except `fixed`).
    public var ignoreUnfixed: Bool
    /// Vulnerability statuses that are ignored (`--ignore-status`); when set, `ignoreUnfixed` is not used.
    public var ignoreStatuses: Set<VulnerabilityStatus>
    /// Licenses whose findings are set aside (`--ignored-licenses`); an expression when each of its licenses is.
    public var ignoredLicenses = LicenseNameSet()
    /// `--exit-code`: exit code when at least one finding fails the gate; `0` means not set.
    public var failureExitCode: Int32
    /// Fail the gate when something could not be checked: OS not detected or unsupported, no advisories for
    /// the release, unmatched packages (`--fail-on-uncovered`).
    public var failOnIncompleteCoverage: Bool
    /// Fail the gate when the OS release gets no more fixes from its vendor (`--fail-on-eol`).
    public var failOnEndOfLife: Bool
    /// `--exit-on-eol N`: exit with `N` when the OS release is end of life (checked before findings, as Trivy).
    public var endOfLifeExitCode: Int32?
    /// `.trivyignore` / `.trivyignore.yaml` (`--ignorefile`).
    public var ignoreFile: IgnoreFile?
    /// The policy file (`--policy`); `nil` for Trivy's behaviour.
    public var document: PolicyDocument?
    /// `--mode`, which wins over the file's `mode`.
    public var modeOverride: PolicyMode?
    /// Exceptions kept outside the policy file — a drydock server's (`--server`), each located at its stored
    /// version. Tried after the policy file's exceptions; without a policy file, after the ignore file.
    public var sharedExceptions: [PolicyException] = []

    public init(
        severities: Set<Severity> = Set(Severity.allCases), ignoreUnfixed: Bool = false,
        ignoreStatuses: Set<VulnerabilityStatus> = [], failureExitCode: Int32 = 0,
        failOnIncompleteCoverage: Bool = false, failOnEndOfLife: Bool = false, endOfLifeExitCode: Int32? = nil,
        ignoreFile: IgnoreFile? = nil, document: PolicyDocument? = nil, modeOverride: PolicyMode? = nil
    ) {
        self.severities = severities
        self.ignoreUnfixed = ignoreUnfixed
        self.ignoreStatuses = ignoreStatuses
        self.failureExitCode = failureExitCode
        self.failOnIncompleteCoverage = failOnIncompleteCoverage
        self.failOnEndOfLife = failOnEndOfLife
        self.endOfLifeExitCode = endOfLifeExitCode
        self.ignoreFile = ignoreFile
        self.document = document
        self.modeOverride = modeOverride
    }

    /// The exit code for failing findings: `--exit-code`, else `1` (a policy file always enforces).
    public var gateExitCode: Int32 { failureExitCode != 0 ? failureExitCode : 1 }

    /// The exit code for a gate failure that is not a finding: `--exit-code`, else `1`.
    public var coverageExitCode: Int32 { gateExitCode }

    /// `--mode`, else the file's `mode`, else `enforce`.
    public var mode: PolicyMode { modeOverride ?? document?.mode ?? .enforce }

    /// The statuses that are ignored, as Trivy works them out: `--ignore-status` wins over `--ignore-unfixed`,
    /// which means every status but `fixed`.
    public var effectiveIgnoredStatuses: Set<VulnerabilityStatus> {
        if !ignoreStatuses.isEmpty { return ignoreStatuses }
        guard ignoreUnfixed else { return [] }
        return Set(VulnerabilityStatus.allCases).subtracting([.fixed])
    }

    /// Every exception the gate can apply, in the order it tries them: the policy's, the shared ones, then the
    /// ignore file's.
    public var exceptions: [GateException] {
        ((document?.exceptions ?? []) + sharedExceptions).map(GateException.policy)
            + (ignoreFile?.entries ?? []).map(GateException.ignoreFile)
    }
}
