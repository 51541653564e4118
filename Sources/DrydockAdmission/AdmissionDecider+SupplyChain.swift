import DrydockNetwork
import DrydockPolicy
import Foundation

/// What the registry said about an image's supply-chain rules: every rule's result, or no answer in time.
enum SupplyChainAnswer: Sendable {
    case judged([SupplyChainRuleResult])
    case unavailable(String)
}

extension AdmissionDecider {
    /// Checks every image's supply-chain rules at once, within the time budget; remembered results answer at once.
    func checkSupplyChain(_ images: [String: ImageReference]) async -> [String: SupplyChainAnswer] {
        guard let check = configuration.supplyChain, !images.isEmpty else { return [:] }
        var answers: [String: SupplyChainAnswer] = [:]
        for (image, reference) in images {
            if let remembered = check.remembered(reference) { answers[image] = .judged(remembered) }
        }
        let pending = images.filter { answers[$0.key] == nil }
        guard !pending.isEmpty else { return answers }
        let budget = configuration.timeBudget
        return await withTaskGroup(of: (String, SupplyChainAnswer).self) { group in
            for (image, reference) in pending {
                group.addTask {
                    switch await Deadline.run(within: budget, { try await check.check(reference) }) {
                    case .value(let results): return (image, .judged(results))
                    case .failure(let error): return (image, .unavailable("\(error)"))
                    case .timedOut: return (image, .unavailable("no answer from the registry within \(budget)"))
                    }
                }
            }
            var answers = answers
            for await (image, answer) in group { answers[image] = answer }
            return answers
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
        case .judged(let results):
            outcome.supplyChain[image] = results.map(\.summary)
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
