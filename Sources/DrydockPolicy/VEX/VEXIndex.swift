import DrydockModel
import Foundation

/// The statements of every `--vex` document, indexed by vulnerability ID, and how they apply to findings.
///
/// For a vulnerability finding, the statements naming one of its IDs are tried against its product graph
/// (``VEXProductGraph``), as Trivy applies VEX:
/// 1. a statement whose product is the package itself applies (its subcomponents, if any, do not matter);
/// 2. otherwise the finding is set aside when every path from the package up to the image passes through a
///    product (a dependent package, the operating system, the image) whose statement lists the package as a
///    subcomponent (or lists no subcomponents) and sets it aside.
///
/// Where several statements apply to one product, the latest wins (statement timestamp, else the document's;
/// on a tie the later document, then the later statement) — OpenVEX's "later statements override earlier
/// ones", across all documents. Only `not_affected` and `fixed` set a finding aside; an `affected` or
/// `under_investigation` statement is returned as a fact and the finding goes on to the policy.
public struct VEXIndex: Sendable {
    public let documents: [VEXDocument]
    private let byVulnerability: [String: [Entry]]

    struct Entry: Hashable {
        var document: Int
        var statement: Int
    }

    public init(documents: [VEXDocument]) {
        self.documents = documents
        var index: [String: [Entry]] = [:]
        for (documentIndex, document) in documents.enumerated() {
            for (statementIndex, statement) in document.statements.enumerated() {
                for id in statement.vulnerabilityIDs {
                    index[id, default: []].append(Entry(document: documentIndex, statement: statementIndex))
                }
            }
        }
        byVulnerability = index
    }

    /// Whether no document has any statement.
    public var isEmpty: Bool { byVulnerability.isEmpty }

    /// The statement that applies to each finding of each target, in their order (`nil` where none does).
    public func matches(_ targets: [DetectedTarget], context: VEXScanContext) -> [[VEXMatch?]] {
        targets.map { target in
            var graph: VEXProductGraph?
            return target.findings.map { finding in
                let candidates = self.candidates(for: finding)
                guard !candidates.isEmpty, let package = finding.package else { return nil }
                if graph == nil { graph = VEXProductGraph(target: target, context: context) }
                guard let graph else { return nil }
                return match(package: package, candidates: candidates, graph: graph).map(self.match)
            }
        }
    }

    /// The VEX assessment of one finding of `target`, or `nil` when no statement applies. Only vulnerability
    /// findings are assessed.
    public func assess(_ finding: Finding, in target: DetectedTarget, context: VEXScanContext) -> VEXAssessment? {
        let candidates = candidates(for: finding)
        guard !candidates.isEmpty, let package = finding.package else { return nil }
        let graph = VEXProductGraph(target: target, context: context)
        return match(package: package, candidates: candidates, graph: graph).map { self.match($0).assessment }
    }

    /// Statements naming one of the finding's IDs, in index order.
    private func candidates(for finding: Finding) -> [Entry] {
        guard case .vulnerability = finding else { return [] }
        var seen = Set<Entry>()
        var found: [Entry] = []
        for id in finding.allIDs {
            for entry in byVulnerability[id] ?? [] where seen.insert(entry).inserted { found.append(entry) }
        }
        return found
    }

    private func match(package: Package, candidates: [Entry], graph: VEXProductGraph) -> Entry? {
        let leaf = graph.node(of: package)
        let own = latest(candidates, node: leaf, subcomponent: nil, graph: graph, package: package)
        if let own, statement(own).status.setsAside { return own }
        // Breadth-first from the package towards the image through nodes no statement blocks.
        var queue: [VEXProductGraph.Node] = [leaf]
        var visited: Set<VEXProductGraph.Node> = [leaf]
        var blocking: Entry?
        var other: Entry? = own
        var reachedRoot = false
        while !queue.isEmpty, !reachedRoot {
            let node = queue.removeFirst()
            if let entry = latest(candidates, node: node, subcomponent: package, graph: graph, package: package) {
                if statement(entry).status.setsAside {
                    if blocking == nil { blocking = entry }
                    continue
                }
                if other == nil { other = entry }
            }
            if node == .root {
                reachedRoot = true
                break
            }
            for parent in graph.parents(of: node) where visited.insert(parent).inserted {
                queue.append(parent)
            }
        }
        // Set aside only when paths to the image exist and every one of them is blocked; a package cut off
        // from the image (a dependency cycle) is never set aside by a product statement (Trivy's fail-safe).
        if !reachedRoot, let blocking { return blocking }
        return other
    }

    /// The latest candidate statement that names `node` as product, limited to `subcomponent` when the product
    /// lists subcomponents (with `subcomponent` nil, a statement about the product applies whatever it lists).
    private func latest(
        _ candidates: [Entry], node: VEXProductGraph.Node, subcomponent: Package?, graph: VEXProductGraph,
        package: Package
    ) -> Entry? {
        var best: Entry?
        for entry in candidates {
            let applies = statement(entry).products.contains { product in
                guard product.identifiers.contains(where: { graph.matches($0, node: node, leaf: package) }) else {
                    return false
                }
                guard let subcomponent, !product.subcomponents.isEmpty else { return true }
                return product.subcomponents.contains { identifiers in
                    identifiers.contains { VEXProductGraph.matches($0, package: subcomponent) }
                }
            }
            guard applies else { continue }
            if let current = best, !isLater(entry, than: current) { continue }
            best = entry
        }
        return best
    }

    private func isLater(_ entry: Entry, than other: Entry) -> Bool {
        let time = statement(entry).timestamp ?? .distantPast
        let otherTime = statement(other).timestamp ?? .distantPast
        if time != otherTime { return time > otherTime }
        return (entry.document, entry.statement) > (other.document, other.statement)
    }

    private func statement(_ entry: Entry) -> VEXStatement {
        documents[entry.document].statements[entry.statement]
    }

    /// The statement of `entry` with its document.
    private func match(_ entry: Entry) -> VEXMatch {
        let document = documents[entry.document]
        return VEXMatch(statement: document.statements[entry.statement], format: document.format, path: document.path)
    }
}
