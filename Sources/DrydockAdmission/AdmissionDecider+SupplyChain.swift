import DrydockNetwork
import DrydockPolicy
import Foundation

extension AdmissionDecider {
    /// Checks every image's supply-chain rules at once, within the time budget; remembered results answer at once.
    func checkSupplyChain(_ images: [String: ImageReference]) async -> [String: SupplyChainAnswer] {
        guard let check = configuration.supplyChain, !images.isEmpty else { return [:] }
        return await askWithinBudget(images, source: "the registry", remembered: { check.remembered($0) }) {
            try await check.check($0)
        }
    }

    /// Records the image's supply-chain results: each `fail` rule not met is a `supply-chain` violation naming the
    /// rule and why, each `warn` rule not met a warning; every rule's outcome goes to the audit record. Without an
    /// answer from the registry, the failure policy decides.
    func supplyChainChecks(
        image: String, answer: SupplyChainAnswer, failurePolicy: FailurePolicy, containers: [WorkloadContainer],
        into outcome: inout AdmissionOutcome
    ) {
        switch answer {
        case .unavailable(let reason):
            outcome.supplyChain[image] = ["no answer: \(reason)"]
            if failurePolicy == .closed {
                outcome.add(
                    .supplyChain, image: image, containers: containers,
                    "signatures cannot be checked, failing closed (\(reason))")
            } else {
                outcome.warnings.append(
                    "\(image): allowed (failurePolicy: open): signatures cannot be checked (\(reason))")
                outcome.failedOpen = true
            }
        case .answered(let results):
            outcome.supplyChain[image] = results.map(\.summary)
            outcome.warnings += results.compactMap(\.evidenceWarning).map { "\(image): \($0)" }
            for result in results where !result.isSatisfied {
                if result.rule.action == .fail {
                    outcome.add(.supplyChain, image: image, containers: containers, result.summary)
                } else {
                    outcome.warnings.append("\(image): \(result.summary)")
                }
            }
        }
    }
}
