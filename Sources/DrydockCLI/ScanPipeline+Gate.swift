import DrydockModel
import DrydockPolicy
import DrydockReport
import Foundation

extension ScanPipeline {
    /// The gate for this scan: Trivy's flags, the ignore file, the policy file and `--mode`, deciding as of `now`.
    ///
    /// VEX statements and baseline states come from their own flags (`--vex`, `--baseline`) through
    /// ``VEXAssessor`` and ``BaselineIndex``; without them every finding has no statement and is new.
    func makeGate(artifact: ArtifactMetadata, now: Date) throws -> Gate {
        try Self.makeGate(gate: options.gate, policy: options.policy, artifact: artifact, now: now)
    }

    /// The gate the flags of `gate` and `policy` describe (shared with `drydock config`, which has no DB).
    static func makeGate(gate: GateOptions, policy options: PolicyOptions, artifact: ArtifactMetadata, now: Date)
        throws -> Gate
    {
        var policy = try gate.policy()
        policy.ignoreFile = try PolicyFiles.loadIgnoreFile(options.ignorefile)
        policy.document = try PolicyFiles.loadPolicy(options.policy)
        policy.modeOverride = options.mode
        return Gate(policy: policy, artifact: artifact, vex: NoVEX(), baseline: NoBaseline(), now: now)
    }

    /// What to warn about the policy and exceptions of this scan (also written into the report).
    func policyWarnings(_ gate: Gate, verdict: Verdict) -> [String] { Self.policyWarnings(gate, verdict: verdict) }

    /// What to warn about the policy and exceptions of a scan decided by `gate`.
    static func policyWarnings(_ gate: Gate, verdict: Verdict) -> [String] {
        let policy = gate.policy
        var warnings: [String] = []
        if !policy.ignoreStatuses.isEmpty, policy.ignoreUnfixed {
            warnings.append("'--ignore-unfixed' is ignored because '--ignore-status' is specified")
        }
        if let document = policy.document {
            warnings += document.diagnostics.map(\.description)
            for entry in policy.ignoreFile?.entries ?? [] {
                warnings.append(
                    "\(entry.location): ignore-file entry \(entry.id) is used as an exception without an owner"
                        + (entry.statement.map { " (reason: \($0))" } ?? " or a reason")
                        + "; policy exceptions name an owner, a reason and an expiry (docs/policy.md)")
            }
        }
        let stale = verdict.exceptions.filter { $0.status == .stale }
        for report in verdict.exceptions {
            switch report.status {
            case .expired, .refused: warnings.append(report.summary)
            case .stale where policy.document != nil: warnings.append(report.summary)
            case .applied where report.isBroad || report.refused > 0: warnings.append(report.summary)
            default: break
            }
        }
        if policy.document == nil, !stale.isEmpty, let file = policy.ignoreFile {
            warnings.append(
                "\(stale.count) entr\(stale.count == 1 ? "y" : "ies") of \(file.path) named no finding in this scan (stale)"
            )
        }
        return warnings
    }

    /// Writes `--evidence`, when asked: one JSON line per finding.
    func writeEvidence(_ report: ScanReport, gate: Gate) throws {
        try Self.writeEvidence(report, gate: gate, to: options.policy.evidence)
    }

    /// Writes the evidence log of `report` to `path`, when there is one.
    static func writeEvidence(_ report: ScanReport, gate: Gate, to path: String?) throws {
        guard let path else { return }
        try ScanPipeline.writeFile(EvidenceLog().render(report, gate: gate), to: path, what: "evidence")
    }
}
