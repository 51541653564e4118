import ArgumentParser
import DrydockModel
import DrydockPolicy
import DrydockReport
import Foundation

/// Decides and writes the report of a scan without vulnerability matching (`drydock config`, or `image`/
/// `fs`/`rootfs` with `--scanners` lacking `vuln`): no vulnerability DB is opened.
struct ConfigReporter {
    var report: ReportOptions
    var gate: GateOptions
    var quiet: Bool

    /// Gates `targets` and writes the report; throws `ExitCode` when the gate fails. Files that could not
    /// be parsed (`warnings`) fail the gate only with `--fail-on-uncovered`.
    func report(
        targets: [DetectedTarget], artifactName: String, artifactType: String = "filesystem",
        warnings: [String], notes: [String] = [], metadata: ArtifactMetadata? = nil
    ) throws {
        let policy = try gate.policy()
        let gate = Gate(policy: policy)
        let decided = gate.decide(targets)
        var verdict = gate.verdict(decided)
        if policy.failOnIncompleteCoverage, !warnings.isEmpty {
            verdict.coverageFailures.append(
                "--fail-on-uncovered: \(warnings.count) configuration file(s) could not be parsed and were not checked")
            if verdict.exitCode == 0 { verdict.exitCode = policy.coverageExitCode }
        }
        let all = warnings + notes
        if !quiet {
            for warning in warnings { Console.error("drydock: warning: \(warning)") }
            for note in notes { Console.error("drydock: note: \(note)") }
        }
        let scanReport = ScanReport(
            createdAt: Date(), artifact: metadata ?? ArtifactMetadata(name: artifactName, type: artifactType),
            operatingSystem: nil, targets: decided, verdict: verdict, database: nil, warnings: all)
        let bytes: [UInt8]
        switch report.format {
        case .json: bytes = TrivyJSONReport(listAllPackages: report.listAllPkgs).render(scanReport)
        case .table:
            let colour = report.output == nil && Console.colourOutput
            bytes = Array(TableReport(colour: colour).render(scanReport).utf8)
        }
        try ScanPipeline.write(bytes, to: report.output)
        if verdict.exitCode != 0 { throw ExitCode(verdict.exitCode) }
    }
}
