import DrydockNetwork
import DrydockPolicy

/// An answer about one image from a source that may not answer within the time budget (the repository, a
/// registry).
enum BudgetedAnswer<Value: Sendable>: Sendable {
    case answered(Value)
    case unavailable(String)
}

/// The repository's answer about one image: its scan records, one per checked platform of a multi-platform image.
typealias LookupAnswer = BudgetedAnswer<ScanRecords>
/// What the registry said about an image's supply-chain rules: every rule's result.
typealias SupplyChainAnswer = BudgetedAnswer<[SupplyChainRuleResult]>

extension AdmissionDecider {
    /// Asks about every image at once, within the time budget; images without an answer by then are unavailable.
    /// Answers in memory (`remembered`) are taken at once: a busy process never turns a cache hit into a missed
    /// budget. `source` names who did not answer in the reason ("no answer from the registry within 0.5 seconds").
    func askWithinBudget<Value: Sendable>(
        _ images: [String: ImageReference], source: String? = nil, remembered: (ImageReference) -> Value?,
        _ ask: @escaping @Sendable (ImageReference) async throws -> Value
    ) async -> [String: BudgetedAnswer<Value>] {
        var answers: [String: BudgetedAnswer<Value>] = [:]
        for (image, reference) in images {
            if let value = remembered(reference) { answers[image] = .answered(value) }
        }
        let pending = images.filter { answers[$0.key] == nil }
        guard !pending.isEmpty else { return answers }
        let budget = configuration.timeBudget
        let unanswered = "no answer\(source.map { " from \($0)" } ?? "") within \(budget)"
        return await withTaskGroup(of: (String, BudgetedAnswer<Value>).self) { group in
            for (image, reference) in pending {
                group.addTask {
                    switch await Deadline.run(within: budget, { try await ask(reference) }) {
                    case .value(let value): return (image, .answered(value))
                    case .failure(let error): return (image, .unavailable("\(error)"))
                    case .timedOut: return (image, .unavailable(unanswered))
                    }
                }
            }
            var answers = answers
            for await (image, answer) in group { answers[image] = answer }
            return answers
        }
    }
}
