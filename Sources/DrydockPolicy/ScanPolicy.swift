import DrydockModel

/// The gate's rules for one scan, from the command line (and later a policy file).
public struct ScanPolicy: Sendable, Hashable {
    /// Severities that are reported; others are ignored. All by default.
    public var severities: Set<Severity>
    /// Ignore vulnerabilities with no fixed version.
    public var ignoreUnfixed: Bool
    /// Exit code when at least one finding fails the gate; `0` means the gate never fails.
    public var failureExitCode: Int32

    public init(
        severities: Set<Severity> = Set(Severity.allCases), ignoreUnfixed: Bool = false, failureExitCode: Int32 = 0
    ) {
        self.severities = severities
        self.ignoreUnfixed = ignoreUnfixed
        self.failureExitCode = failureExitCode
    }
}
