import ArgumentParser
import DrydockMisconfig
import Foundation

/// `drydock config`: misconfiguration scanning of Dockerfiles, Kubernetes manifests and `helm template`
/// output; `drydock config test` runs custom checks' own tests.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Scan configuration files for misconfigurations: Dockerfiles, Kubernetes manifests, Helm output.",
        discussion: """
            drydock config PATH scans a folder or a file; '-' reads `helm template` output (or a Dockerfile) \
            from standard input. No vulnerability DB is needed or opened. Checks: docs/checks.md; custom \
            checks and inline ignores: docs/misconfig.md. (A folder literally named 'test' is written ./test.)
            """,
        subcommands: [ConfigScanCommand.self, ConfigTestCommand.self],
        defaultSubcommand: ConfigScanCommand.self
    )
}

/// `drydock config PATH`.
struct ConfigScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract:
            "Scan a folder, a file, or standard input ('-'); 'drydock config PATH' runs it "
            + "(its flags: drydock config scan --help).")

    @Argument(help: "A folder, a file, or '-' for standard input.")
    var path: String

    @OptionGroup(title: "Report options") var report: ReportOptions

    @OptionGroup(title: "Gate options") var gate: GateOptions

    @OptionGroup(title: "Policy options") var policy: PolicyOptions

    @OptionGroup(title: "Misconfiguration options") var misconfig: MisconfigOptions

    @OptionGroup(title: "Target options") var paths: PathFilterOptions

    @Flag(name: [.customShort("q"), .long], help: "Print no warnings on standard error.")
    var quiet = false

    mutating func validate() throws {
        // Only configuration files are read here: a pattern for another analyzer (pip:…) would match nothing.
        for pattern in paths.resolvedFilter.filePatterns where ConfigFileAnalyzer.patternTypes[pattern.type] == nil {
            throw ValidationError(
                "--file-patterns \(pattern): drydock config reads "
                    + ConfigFileAnalyzer.patternTypes.keys.sorted().joined(separator: ", ")
                    + " files, not '\(pattern.type)'")
        }
    }

    mutating func run() async throws {
        let scanner = try misconfig.scanner()
        let outcome = try ConfigScan(scanner: scanner, filter: paths.resolvedFilter).scan(path)
        let targets = outcome.results.map { $0.detectedTarget(includePasses: misconfig.includeNonFailures) }
        let reporter = ConfigReporter(report: report, gate: gate, policy: policy, quiet: quiet)
        try reporter.report(
            targets: targets, artifactName: path == "-" ? "stdin" : path, warnings: outcome.warnings.map(\.description),
            notes: outcome.notes + misconfig.unreadScannerNotes)
    }
}

/// `drydock config test DIR`.
struct ConfigTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the tests written in custom check files (their 'tests:' cases) and report each.",
        discussion: "Exit code 0 when every test passes, 1 when one fails, 2 when a check file is malformed.")

    @Argument(help: "Custom check files or folders.")
    var paths: [String]

    mutating func run() throws {
        let sources = try CustomCheckFiles.load(paths)
        var total = 0
        var failed = 0
        for source in sources {
            let folder = (source.path as NSString).deletingLastPathComponent
            for check in source.custom {
                if check.tests.isEmpty {
                    Console.output("\(check.metadata.id) (\(source.path)): no tests\n")
                }
                let outcomes = CustomCheckTester.run(check) { relative in
                    let path =
                        relative.hasPrefix("/") ? relative : (folder as NSString).appendingPathComponent(relative)
                    guard let data = FileManager.default.contents(atPath: path) else {
                        throw CommandFailure(.usage, "cannot read \(path)")
                    }
                    return String(decoding: data, as: UTF8.self)
                }
                for outcome in outcomes {
                    total += 1
                    if !outcome.passed { failed += 1 }
                    Console.output(
                        "\(outcome.passed ? "PASS" : "FAIL") \(outcome.checkID) \(outcome.name): \(outcome.detail)\n")
                }
            }
        }
        Console.output("\(total - failed) passed, \(failed) failed\n")
        if failed > 0 { throw ExitCode(1) }
    }
}
