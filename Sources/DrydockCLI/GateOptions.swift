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
        help: ArgumentHelp(
            "Vendor statuses not to report, comma-separated (Trivy's names: \(GateOptions.statusNames)); "
                + "wins over --ignore-unfixed.",
            valueName: "STATUS"))
    var ignoreStatus: String?

    @Option(
        name: .long,
        help:
            "Exit with this code when any finding fails the gate (not 2, 3, 4 or 5); with --policy, default 1.")
    var exitCode: Int32 = 0

    @Option(
        name: .long,
        help: "Exit with this code when the OS release is end of life, before findings are considered (Trivy's flag).")
    var exitOnEol: Int32 = 0

    @Flag(
        name: .long,
        help: "Fail the gate when the OS or some packages could not be checked (exit code: --exit-code, else 1).")
    var failOnUncovered = false

    @Flag(name: .customLong("fail-on-eol"), help: "Fail the gate when the OS release is end of life.")
    var failOnEOL = false

    mutating func validate() throws {
        for (flag, code) in [("--exit-code", exitCode), ("--exit-on-eol", exitOnEol)]
        where ExitStatus.reserved.contains(code) {
            throw ValidationError(
                "\(flag) \(code) is reserved for tool errors (2 usage, 3 target, 4 database, 5 timeout); choose another value"
            )
        }
        _ = try severities()
        _ = try ignoredStatuses()
    }

    /// Trivy's vulnerability status names, for help and errors.
    static let statusNames = VulnerabilityStatus.allCases.map(\.rawValue).joined(separator: ", ")

    /// The parsed `--ignore-status` list.
    func ignoredStatuses() throws -> Set<VulnerabilityStatus> {
        var result = Set<VulnerabilityStatus>()
        for name in (ignoreStatus ?? "").split(separator: ",") {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let status = VulnerabilityStatus(rawValue: trimmed.lowercased()) else {
                throw ValidationError("--ignore-status: unknown status '\(trimmed)' (use \(GateOptions.statusNames))")
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
        ScanPolicy(
            severities: try severities(), ignoreUnfixed: ignoreUnfixed, ignoreStatuses: try ignoredStatuses(),
            failureExitCode: exitCode, failOnIncompleteCoverage: failOnUncovered, failOnEndOfLife: failOnEOL,
            endOfLifeExitCode: exitOnEol == 0 ? nil : exitOnEol)
    }
}
