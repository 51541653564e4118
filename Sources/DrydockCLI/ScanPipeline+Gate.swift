import DrydockModel
import DrydockPolicy
import DrydockReport
import Foundation

extension ScanPipeline {
    /// The gate for this scan: Trivy's flags, the ignore file, the policy file and `--mode`, deciding as of `now`,
    /// with the triage hooks for `targets` (the findings before the gate): the VEX statements of `--vex` (files,
    /// and with `--vex oci` the image's verified OpenVEX attestations, ``attestedVEX``) and
    /// the baseline states of `--baseline` (without them no finding has a statement and every finding is new).
    /// `sharedExceptions` are the `--server`'s: only those naming a finding of `targets` are applied.
    func makeGate(
        artifact: ArtifactMetadata, operatingSystem: OperatingSystem?, targets: [DetectedTarget], now: Date,
        sharedExceptions: [PolicyException] = []
    ) throws -> (gate: Gate, triage: Triage.Prepared) {
        var policy = try Self.scanPolicy(gate: options.gate, policy: options.policy)
        policy.sharedExceptions = Gate.exceptions(sharedExceptions, naming: targets, artifact: artifact)
        policy.ignoredLicenses = options.license.ignoredLicenseNames
        var triage = try options.triage.load(attested: attestedVEX ?? []).prepare(
            targets, context: VEXScanContext(artifact: artifact, operatingSystem: operatingSystem), scanTime: now)
        if attestedVEX == nil, let warning = options.triage.notFromRegistryWarning(artifact.name) {
            triage.warnings.append(warning)
        }
        let gate = Gate(
            policy: policy, artifact: artifact, vex: triage.assessor, baseline: triage.baselineIndex, now: now)
        return (gate, triage)
    }

    /// The policy the gate and policy flags describe: Trivy's flags, the ignore file, the policy file and
    /// `--mode` (shared with `drydock config`, which has no licenses, VEX or baseline).
    static func scanPolicy(gate: GateOptions, policy options: PolicyOptions) throws -> ScanPolicy {
        var policy = try gate.policy()
        policy.ignoreFile = try PolicyFiles.loadIgnoreFile(options.ignorefile)
        policy.document = try PolicyFiles.loadPolicy(options.policy)
        policy.modeOverride = options.mode
        return policy
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
