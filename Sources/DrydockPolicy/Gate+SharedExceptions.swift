import DrydockModel
import Foundation

extension Gate {
    /// Without a policy file: the first live shared exception (a drydock server's) that names the finding
    /// decides it, with the exception's action, as the ignore file would. With a policy file shared exceptions
    /// are tried with the file's own, after them.
    func sharedException(_ context: FindingContext) -> Decision? {
        guard !policy.sharedExceptions.isEmpty else { return nil }
        let facts = facts(context, baseline: nil)
        guard
            let exception = policy.sharedExceptions.first(where: { !$0.isExpired(at: now) && $0.matches(facts) })
        else { return nil }
        return Decision(action: exception.action, rule: GateException.policy(exception).decisionRule)
    }

    /// The exceptions of `exceptions` that name at least one finding of `targets` for `artifact` (expired ones
    /// included, so decisions can say they expired): a client applies only these of its server's exceptions,
    /// so the verdict does not list every other image's exceptions as stale.
    public static func exceptions(
        _ exceptions: [PolicyException], naming targets: [DetectedTarget], artifact: ArtifactMetadata?
    ) -> [PolicyException] {
        guard !exceptions.isEmpty else { return [] }
        let gate = Gate(policy: ScanPolicy(), artifact: artifact)
        var named = Array(repeating: false, count: exceptions.count)
        for target in targets {
            for finding in target.findings {
                let facts = gate.facts(FindingContext(finding, in: target, artifact: artifact), baseline: nil)
                for index in exceptions.indices where !named[index] && exceptions[index].matches(facts) {
                    named[index] = true
                }
            }
        }
        return exceptions.indices.filter { named[$0] }.map { exceptions[$0] }
    }
}

extension Decision {
    /// The decision with `notes` before its own.
    func with(notes: [String]) -> Decision {
        var decision = self
        decision.notes = notes + decision.notes
        return decision
    }
}
