import ArgumentParser
import DrydockModel
import DrydockPolicy
import DrydockReport
import Foundation

/// Decides and writes the report of a scan without vulnerability matching (`drydock config`, or `image`/
/// `fs`/`rootfs` with `--scanners` lacking `vuln`): no vulnerability DB is opened. The gate, the policy and
/// ignore files, the evidence log and every report format are the ones `ScanPipeline` uses.
struct ConfigReporter {
    var report: ReportOptions
    var gate: GateOptions
    var policy: PolicyOptions
    var quiet: Bool

    /// Gates `targets` and writes the report; throws `ExitCode` when the gate fails. Files that could not
    /// be parsed (`warnings`) fail the gate only with `--fail-on-uncovered`.
    func report(
        targets: [DetectedTarget], artifactName: String, artifactType: String = "filesystem",
        warnings: [String], notes: [String] = [], metadata: ArtifactMetadata? = nil
    ) throws {
        let now = Date()
        let artifact = metadata ?? ArtifactMetadata(name: artifactName, type: artifactType)
        let gate = Gate(
            policy: try ScanPipeline.scanPolicy(gate: self.gate, policy: policy), artifact: artifact, now: now)
        let decided = gate.decide(targets)
        var verdict = gate.verdict(decided)
        verdict.failForUnparsedFiles(warnings.count, policy: gate.policy)
        let policyWarnings = ScanPipeline.policyWarnings(gate, verdict: verdict)
        if !quiet {
            for warning in warnings + policyWarnings { Console.error("drydock: warning: \(warning)") }
            for note in notes { Console.error("drydock: note: \(note)") }
        }
        let scanReport = ScanReport(
            createdAt: now, artifact: artifact, operatingSystem: nil, targets: decided, verdict: verdict,
            database: nil, warnings: warnings + policyWarnings + notes)
        let rendered = try report.render(scanReport)
        if !quiet {
            for warning in rendered.warnings { Console.error("drydock: warning: \(warning)") }
        }
        try report.write(rendered.bytes)
        try ScanPipeline.writeEvidence(scanReport, gate: gate, to: policy.evidence)
        if verdict.exitCode != 0 { throw ExitCode(verdict.exitCode) }
    }
}
