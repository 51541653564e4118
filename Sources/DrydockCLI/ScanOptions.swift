import ArgumentParser
import DrydockModel
import DrydockPolicy
import Foundation

/// Flags shared by every scan command, with Trivy's names.
struct ScanOptions: ParsableArguments {
    @OptionGroup(title: "Report options") var report: ReportOptions

    @OptionGroup(title: "Gate options") var gate: GateOptions

    @OptionGroup(title: "Secret options") var secret: SecretOptions

    @OptionGroup(title: "Policy options") var policy: PolicyOptions

    @OptionGroup(title: "Triage options") var triage: TriageOptions

    @OptionGroup(title: "Target options") var target: TargetOptions

    @OptionGroup(title: "Server options") var server: ServerOptions

    @OptionGroup(title: "Accepted for Trivy compatibility") var compatibility: CompatibilityOptions

    @OptionGroup(title: "SBOM sources") var sbomSources: SBOMSourceOptions

    @Option(
        name: [.customShort("c"), .long],
        help: "Config file with flags as keys (default: drydock.yaml, else trivy.yaml, in the working directory).")
    var config: String?

    @Option(
        name: .long,
        help: "Give up when the whole scan takes longer than this (5m0s, 90s, 1h; 0 for no limit); exit code 5.")
    var timeout: String = "5m0s"

    @Flag(name: .long, help: "Update the vulnerability DB, then exit without scanning.")
    var downloadDBOnly = false

    @Flag(name: .long, help: "Remove the layer cache, then exit without scanning (as `drydock clean --cache`).")
    var clearCache = false

    @Option(name: .long, help: "Vulnerability DB file (default: CACHE_DIR/db/drydock.db).")
    var db: String?

    @Option(
        name: .long,
        help:
            "Cache directory: the DB's db/ folder and the layer cache (default: $XDG_CACHE_HOME/drydock or ~/.cache/drydock)."
    )
    var cacheDir: String?

    @Option(
        name: [.long, .customLong("security-checks")],
        help:
            ArgumentHelp(
                "Kinds of findings to look for, comma-separated: vuln, misconfig, secret, license (default: "
                    + "vuln,secret, as Trivy; none with --format cyclonedx or spdx-json, which then list packages "
                    + "only, as Trivy; --security-checks is Trivy's older name)."))
    var scanners: String?

    @OptionGroup(title: "Misconfiguration options") var misconfig: MisconfigOptions

    @OptionGroup(title: "License options") var license: LicenseOptions

    @Flag(
        name: [.long, .customLong("skip-update")],
        help: "Do not update the vulnerability DB before scanning (--skip-update is Trivy's older name).")
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
        if let cacheMaxSize, LayerCache.parseSize(cacheMaxSize) == nil {
            throw ValidationError("--cache-max-size \(cacheMaxSize): expected a size such as 512MiB, 2GB or 1048576")
        }
        if GoDuration.seconds(timeout) == nil {
            throw ValidationError("--timeout \(timeout): expected a duration such as 5m0s, 90s, 1h30m (0 for no limit)")
        }
        if let dbMaxAge, DatabaseFreshness.parseDuration(dbMaxAge) == nil {
            throw ValidationError("--db-max-age \(dbMaxAge): expected a duration such as 72h, 3d or 90m")
        }
        let unsupported = enabledScanners.filter { !Self.supportedScanners.contains($0) }
        if !unsupported.isEmpty {
            throw ValidationError(
                "--scanners \(unsupported.sorted().joined(separator: ",")): supported scanners are "
                    + Self.supportedScanners.joined(separator: ", "))
        }
    }

    /// The scanner names `--scanners` accepts.
    static let supportedScanners = ["vuln", "misconfig", "secret", "license"]
    /// Trivy's other spellings of scanner names.
    static let scannerAliases = ["vulnerability": "vuln", "misconf": "misconfig", "misconfiguration": "misconfig"]

    /// The scanners in effect when `--scanners` is not given: Trivy's `vuln,secret`, or none for an SBOM
    /// format (Trivy disables security scanning for CycloneDX and SPDX unless `--scanners` is set).
    var defaultScanners: String { report.writesSBOM ? "" : "vuln,secret" }

    /// The scanners `--scanners` names, aliases resolved.
    var enabledScanners: Set<String> {
        Set(
            (scanners ?? defaultScanners).split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            }
            .filter { !$0.isEmpty }.map { Self.scannerAliases[$0] ?? $0 })
    }

    /// Whether `--scanners` names `scanner` (`vuln`, `misconfig`, `secret`, `license`).
    func scans(_ scanner: String) -> Bool {
        enabledScanners.contains(scanner)
    }

    /// The kinds of findings `--scanners` looks for, in Trivy's order.
    var findingKinds: [FindingKind] {
        let names: [(String, FindingKind)] = [
            ("vuln", .vulnerability), ("misconfig", .misconfiguration), ("secret", .secret), ("license", .license),
        ]
        return names.filter { scans($0.0) }.map(\.1)
    }

    /// The DB path: `--db`, else the cache directory's `db/drydock.db`.
    var databasePath: String {
        db ?? CachePaths(override: cacheDir).databaseFile
    }
}

/// Flags for pulling an image from a registry (`drydock image REF`).
struct RegistryOptions: ParsableArguments {
    @Option(name: .long, help: "Registry user name (with --password or --password-stdin).")
    var username: String?

    @Option(name: .long, help: "Registry password or access token (prefer --password-stdin).")
    var password: String?

    @Flag(name: .long, help: "Read the registry password from standard input.")
    var passwordStdin = false

    @Option(name: .long, help: "Registry bearer token, sent as is.")
    var registryToken: String?

    @Flag(
        name: .long,
        help:
            "Allow plain HTTP to registries and accept unverified TLS certificates (loopback registries always may use HTTP)."
    )
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
