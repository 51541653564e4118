import ArgumentParser
import DrydockModel
import DrydockPolicy
import Foundation

/// Flags shared by every scan command, with Trivy's names.
struct ScanOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: table or json.")
    var format: ReportFormat = .table

    @Option(name: [.customShort("o"), .long], help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(
        name: [.customShort("s"), .long],
        help: "Severities to report, comma-separated (UNKNOWN,LOW,MEDIUM,HIGH,CRITICAL).")
    var severity: String = Severity.allCases.map(\.rawValue).joined(separator: ",")

    @Flag(name: .long, help: "Do not report vulnerabilities that have no fixed version.")
    var ignoreUnfixed = false

    @Option(name: .long, help: "Exit with this code when any vulnerability is reported (not 2, 3 or 4).")
    var exitCode: Int32 = 0

    @Flag(
        name: .long,
        help: "Fail the gate when the OS or some packages could not be checked (exit code: --exit-code, else 1).")
    var failOnUncovered = false

    @Flag(name: .customLong("fail-on-eol"), help: "Fail the gate when the OS release is end of life.")
    var failOnEOL = false

    @Flag(name: .long, help: "List every package in the JSON report, not only vulnerable ones.")
    var listAllPkgs = false

    @Option(name: .long, help: "Vulnerability DB file (default: CACHE_DIR/db/drydock.db).")
    var db: String?

    @Option(
        name: .long,
        help:
            "Cache directory: the DB's db/ folder and the layer cache (default: $XDG_CACHE_HOME/drydock or ~/.cache/drydock)."
    )
    var cacheDir: String?

    @Option(name: .long, help: "Kinds of findings to look for; this version supports: vuln.")
    var scanners: String = "vuln"

    @Flag(name: .long, help: "Do not update the vulnerability DB before scanning.")
    var skipDBUpdate = false

    @Flag(
        name: .long,
        help: "Use no network at all in this run: no DB update, and pulling an image from a registry fails.")
    var offline = false

    @Option(
        name: .customLong("db-max-age"),
        help: "Fail with exit code 4 when the vulnerability DB is older than this (72h, 3d, 90m).")
    var dbMaxAge: String?

    @Flag(name: [.customShort("q"), .long], help: "Print no warnings on standard error.")
    var quiet = false

    @Flag(name: .long, help: "Draw no progress bars for DB downloads and builds.")
    var noProgress = false

    @Flag(
        name: [.customShort("d"), .long],
        help: "Print debug lines on standard error (per layer: cached or how long) and every warning, not a summary.")
    var debug = false

    /// Hidden, for `Benchmarks/`: per-stage wall times on standard error (catalog, DB open, match, coverage, report).
    @Flag(name: .long, help: .hidden)
    var timings = false

    @Flag(name: .long, help: "Neither read nor write the layer cache (CACHE_DIR/layers.db) in this run.")
    var noCache = false

    @Option(
        name: .long,
        help:
            "Bound on the layer cache's stored entries, least recently used evicted first (512MiB, 2GB; default 512MiB)."
    )
    var cacheMaxSize: String?

    @Flag(name: .long, help: "Draw progress bars even when standard error is not a terminal or CI is set.")
    var progress = false

    @Option(
        name: .customLong("db-repository"),
        help: "Pull the DB from these OCI repositories (REF[,REF...], tried in order) instead of the feeds.")
    var dbRepository: String?

    mutating func validate() throws {
        if ExitStatus.reserved.contains(exitCode) {
            throw ValidationError(
                "--exit-code \(exitCode) is reserved for tool errors (2 usage, 3 target, 4 database); choose another value"
            )
        }
        _ = try severities()
        if let cacheMaxSize, LayerCache.parseSize(cacheMaxSize) == nil {
            throw ValidationError("--cache-max-size \(cacheMaxSize): expected a size such as 512MiB, 2GB or 1048576")
        }
        if let dbMaxAge, DatabaseFreshness.parseDuration(dbMaxAge) == nil {
            throw ValidationError("--db-max-age \(dbMaxAge): expected a duration such as 72h, 3d or 90m")
        }
        let unsupported = scanners.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            $0 != "vuln"
        }
        if !unsupported.isEmpty {
            throw ValidationError(
                "--scanners \(unsupported.joined(separator: ",")): only 'vuln' is supported in this version")
        }
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
            severities: try severities(), ignoreUnfixed: ignoreUnfixed, failureExitCode: exitCode,
            failOnIncompleteCoverage: failOnUncovered, failOnEndOfLife: failOnEOL)
    }

    /// The DB path: `--db`, else the cache directory's `db/drydock.db`.
    var databasePath: String {
        db ?? CachePaths(override: cacheDir).databaseFile
    }
}

/// Report formats `--format` accepts.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
}

/// Flags for pulling an image from a registry (`drydock image REF`).
struct RegistryOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "Platform of a multi-platform image: os/arch[/variant], or 'all' to scan each (default: the host's).")
    var platform: String?

    @Option(name: .long, help: "Registry user name (with --password or --password-stdin).")
    var username: String?

    @Option(name: .long, help: "Registry password or access token (prefer --password-stdin).")
    var password: String?

    @Flag(name: .long, help: "Read the registry password from standard input.")
    var passwordStdin = false

    @Option(name: .long, help: "Registry bearer token, sent as is.")
    var registryToken: String?

    @Flag(name: .long, help: "Allow plain HTTP to registries (loopback registries always may use it).")
    var insecure = false

    @Option(name: .long, help: "PEM file of extra CA certificates to trust for registries.")
    var cacert: String?

    @Option(
        name: .long,
        help: "Registry mirrors file (default: $XDG_CONFIG_HOME/drydock/registries.json; see docs/registries.md).")
    var registryConfig: String?

    mutating func validate() throws {
        if password != nil && passwordStdin {
            throw ValidationError("--password and --password-stdin cannot be used together")
        }
        if (password != nil || passwordStdin) && username == nil {
            throw ValidationError("--password needs --username")
        }
        if username != nil && password == nil && !passwordStdin {
            throw ValidationError("--username needs --password or --password-stdin")
        }
        if registryToken != nil && username != nil {
            throw ValidationError("--registry-token and --username cannot be used together")
        }
    }
}
