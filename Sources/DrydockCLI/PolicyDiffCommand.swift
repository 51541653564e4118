import ArgumentParser
import DrydockPolicy
import DrydockReport
import Foundation

/// `drydock policy diff --old A --new B REPORT...`: re-decides saved JSON reports under two policies.
struct PolicyDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Decide saved JSON reports under two policies and list what changes (no rescan).",
        discussion: """
            Each report's findings (reported and set aside) are decided under --old and under --new; the \
            output lists the reports whose verdict flips, the targets that flip between pass and fail, and \
            every finding whose decision changes, with the rule on each side. VEX statements and baseline \
            states recorded in the reports are kept. Exit codes: 0 compared (or the --exit-code value when a \
            verdict flips and --exit-code is set); 2 usage error or unusable policy; 3 a report cannot be read.
            """
    )

    @Option(
        name: .long, help: ArgumentHelp("The current policy file ('default' for the built-in one).", valueName: "FILE"))
    var old: String

    @Option(
        name: .long, help: ArgumentHelp("The proposed policy file ('default' for the built-in one).", valueName: "FILE")
    )
    var new: String

    @Argument(help: ArgumentHelp("JSON reports written by drydock or trivy (--format json).", valueName: "REPORT"))
    var reports: [String]

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Ignore file applied under both policies (default: .trivyignore in the working directory).",
            valueName: "FILE"))
    var ignorefile: String?

    @Option(name: [.customShort("f"), .long], help: "Output format: table or json.")
    var format: Format = .table

    @Option(name: .long, help: "Exit with this code when any report's verdict flips (not 2, 3 or 4).")
    var exitCode: Int32 = 0

    /// `policy diff`'s own output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table
        case json
    }

    func validate() throws {
        if reports.isEmpty { throw ValidationError("give at least one JSON report to decide") }
        if ExitStatus.reserved.contains(exitCode) {
            throw ValidationError("--exit-code \(exitCode) is reserved for tool errors (2, 3, 4)")
        }
    }

    func run() throws {
        let ignoreFile = try PolicyFiles.loadIgnoreFile(ignorefile)
        guard let oldDocument = try PolicyFiles.loadPolicy(old), let newDocument = try PolicyFiles.loadPolicy(new)
        else { return }
        let diff = PolicyDiff(
            old: ScanPolicy(ignoreFile: ignoreFile, document: oldDocument),
            new: ScanPolicy(ignoreFile: ignoreFile, document: newDocument))
        var results: [PolicyDiff.ReportDiff] = []
        // Decided as of now: the question is what the new policy would do to these images today.
        let now = Date()
        for path in reports {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CommandFailure(.target, "cannot read report \(path)")
            }
            let saved: SavedReport
            do {
                saved = try TrivyJSONReportReader.read(Array(data), path: path)
            } catch {
                throw CommandFailure(.target, "cannot read report \(error)")
            }
            results.append(diff.compare(path: path, artifact: saved.artifact, recorded: saved.decidedTargets, at: now))
        }
        let output = PolicyDiffReport(
            old: PolicySource(path: oldDocument.path, digest: oldDocument.digest),
            new: PolicySource(path: newDocument.path, digest: newDocument.digest), reports: results)
        switch format {
        case .table: Console.output(Array(output.text().utf8))
        case .json: Console.output(output.json())
        }
        if exitCode != 0, results.contains(where: \.flips) { throw ExitCode(exitCode) }
    }
}
