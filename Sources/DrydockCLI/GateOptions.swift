import ArgumentParser
import DrydockModel
import DrydockPolicy

/// Flags that decide which findings fail the gate, with Trivy's names.
struct GateOptions: ParsableArguments {
    @Option(
        name: [.customShort("s"), .long],
        help: "Severities to report, comma-separated (UNKNOWN,LOW,MEDIUM,HIGH,CRITICAL).")
    var severity: String = Severity.allCases.map(\.rawValue).joined(separator: ",")

    @Flag(name: .long, help: "Do not report vulnerabilities that have no fixed version.")
    var ignoreUnfixed = false

    @Option(
        name: .long,
        help: """
            Vendor statuses to ignore, comma-separated (unknown, not_affected, affected, fixed, \
            under_investigation, will_not_fix, fix_deferred, end_of_life).
            """)
    var ignoreStatus: String?

    @Option(name: .long, help: "Exit with this code when any finding fails the gate (not 2, 3, 4 or 5).")
    var exitCode: Int32 = 0

    @Flag(
        name: .long,
        help: "Fail the gate when the OS or some packages could not be checked (exit code: --exit-code, else 1).")
    var failOnUncovered = false

    @Flag(name: .customLong("fail-on-eol"), help: "Fail the gate when the OS release is end of life.")
    var failOnEOL = false

    mutating func validate() throws {
        if ExitStatus.reserved.contains(exitCode) {
            throw ValidationError(
                "--exit-code \(exitCode) is reserved for tool errors (2 usage, 3 target, 4 database, 5 timeout); choose another value"
            )
        }
        _ = try severities()
        _ = try ignoredStatuses()
    }

    /// The parsed `--ignore-status` list.
    func ignoredStatuses() throws -> Set<VulnerabilityStatus> {
        var result = Set<VulnerabilityStatus>()
        for name in (ignoreStatus ?? "").split(separator: ",") {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let status = VulnerabilityStatus(rawValue: trimmed.lowercased()) else {
                throw ValidationError(
                    "--ignore-status: unknown status '\(trimmed)' (use unknown, not_affected, affected, fixed, "
                        + "under_investigation, will_not_fix, fix_deferred, end_of_life)")
            }
            result.insert(status)
        }
        return result
    }

    /// The parsed `--severity` list.
    func severities() throws -> Set<Severity> {
        var result = Set<Severity>()
        for name in severity.split(separator: ",") {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let parsed = Severity(rawValue: trimmed.uppercased()) else {
                throw ValidationError(
                    "--severity: unknown severity '\(trimmed)' (use UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL)")
            }
            result.insert(parsed)
        }
        return result
    }

    /// The gate's rules from these flags.
    func policy() throws -> ScanPolicy {
        var policy = ScanPolicy(
            severities: try severities(), ignoreUnfixed: ignoreUnfixed, failureExitCode: exitCode,
            failOnIncompleteCoverage: failOnUncovered, failOnEndOfLife: failOnEOL)
        policy.ignoredStatuses = try ignoredStatuses()
        return policy
    }
}
