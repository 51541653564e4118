import DrydockModel

/// Trivy's "Dependency Origin Tree (Reversed)": each vulnerable package, then the chains of packages that
/// pull it in, up to the project's direct dependencies, built from the packages' `DependsOn`.
///
/// Unlike Trivy, which prints only the direct dependency and `...(omitted)...` for what lies between, each
/// direct dependency is shown with the shortest chain from it down to the vulnerable package, so the path to
/// upgrade is readable. At most ``maxChains`` chains are shown per package.
struct DependencyTree {
    var packages: [Package]
    var findings: [VulnerabilityFinding]
    var colour: Bool
    var maxChains = 10

    func render(target: String) -> String {
        let parents = parentMap()
        guard !parents.isEmpty else { return "" }
        let byID = Dictionary(packages.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var vulnerable: [String] = []
        var counts: [String: [Severity: Int]] = [:]
        for finding in findings {
            let id = finding.package.id
            if counts[id] == nil { vulnerable.append(id) }
            counts[id, default: [:]][finding.severity, default: 0] += 1
        }
        var out = "\nDependency Origin Tree (Reversed)\n=================================\n\(target)\n"
        for (index, id) in vulnerable.enumerated() {
            let last = index == vulnerable.count - 1
            let summary = Severity.allCases.reversed().compactMap { severity in
                counts[id]?[severity].map { "\(severity.rawValue): \($0)" }
            }.joined(separator: ", ")
            let label = "\(id), (\(summary))"
            out += (last ? "└── " : "├── ") + (colour ? "\u{1B}[31m\(label)\u{1B}[0m" : label) + "\n"
            let chains = self.chains(to: id, parents: parents, byID: byID)
            let prefix = last ? "    " : "│   "
            let shown = chains.prefix(maxChains)
            for (chainIndex, chain) in shown.enumerated() {
                let lastChain = chainIndex == shown.count - 1 && chains.count <= maxChains
                out += renderChain(chain, prefix: prefix, last: lastChain)
            }
            if chains.count > maxChains {
                out += prefix + "└── … and \(chains.count - maxChains) more\n"
            }
        }
        return out
    }

    /// Each package's dependents (reverse `DependsOn`), keyed by ID.
    private func parentMap() -> [String: [String]] {
        var parents: [String: [String]] = [:]
        for package in packages {
            for child in package.dependsOn { parents[child, default: []].append(package.id) }
        }
        return parents
    }

    /// The shortest chain (vulnerable package's parent first, direct dependency last) to each direct
    /// dependency that reaches `id`; a dependent without dependents counts as direct, as Trivy guesses for
    /// lockfiles that record no relationships. Empty when `id` is itself direct.
    private func chains(to id: String, parents: [String: [String]], byID: [String: Package]) -> [[String]] {
        if byID[id]?.relationship == .direct || byID[id]?.relationship == .root { return [] }
        var previous: [String: String] = [:]
        var seen: Set<String> = [id]
        var queue = [id]
        var found: [String] = []
        var head = 0
        while head < queue.count {
            let current = queue[head]
            head += 1
            for parent in (parents[current] ?? []).sorted() where !seen.contains(parent) {
                seen.insert(parent)
                previous[parent] = current
                let relationship = byID[parent]?.relationship
                if relationship == .root { continue }
                let grandparents = parents[parent] ?? []
                if relationship == .direct || grandparents.allSatisfy({ byID[$0]?.relationship == .root }) {
                    found.append(parent)
                } else {
                    queue.append(parent)
                }
            }
        }
        return found.sorted().map { direct in
            var chain = [direct]
            var step = previous[direct]
            while let current = step, current != id {
                chain.append(current)
                step = previous[current]
            }
            return Array(chain.reversed())
        }
    }

    private func renderChain(_ chain: [String], prefix: String, last: Bool) -> String {
        var out = ""
        var indent = prefix
        for (depth, id) in chain.enumerated() {
            let isLast = depth > 0 || last
            out += indent + (isLast ? "└── " : "├── ") + id + "\n"
            indent += isLast ? "    " : "│   "
        }
        return out
    }
}
