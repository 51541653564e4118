import DrydockModel
import Foundation

/// What `drydock k8s` found for one distinct image.
public struct ClusterImageResult: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Hashable, Codable {
        /// Scanned by this run.
        case scanned
        /// Already in the repository (`--server`), not scanned again.
        case known
        /// Could not be scanned (the reason is kept).
        case failed
        /// Not scanned (`--skip-scan` without a repository answer).
        case skipped
    }

    public var state: State
    public var digest: String?
    /// Vulnerabilities per severity (`--severity` applied when scanned here; all open ones when known).
    public var vulnerabilities: [String: Int]
    /// Whether the gate passed (`nil` when not decided here).
    public var gatePassed: Bool?
    public var reason: String?

    public init(
        state: State, digest: String? = nil, vulnerabilities: [String: Int] = [:], gatePassed: Bool? = nil,
        reason: String? = nil
    ) {
        self.state = state
        self.digest = digest
        self.vulnerabilities = vulnerabilities
        self.gatePassed = gatePassed
        self.reason = reason
    }
}

/// The per-workload report and the cluster summary of `drydock k8s`, as a value that renders to a table or JSON.
public struct ClusterReport: Sendable, Codable {
    public struct Container: Sendable, Codable {
        public var name: String
        public var role: WorkloadContainer.Role
        public var image: String
        public var imageKey: String
        public var state: ClusterImageResult.State
        public var vulnerabilities: [String: Int]
    }

    public struct Workload: Sendable, Codable {
        public var namespace: String
        public var kind: String
        public var name: String
        public var containers: [Container]
        /// Failed misconfiguration checks per severity.
        public var misconfigurations: [String: Int]
        /// Failed check IDs (`KSV001`, …).
        public var misconfigurationIDs: [String]
    }

    public struct Summary: Sendable, Codable {
        public var workloads: Int
        public var containers: Int
        public var images: Int
        public var imagesByState: [String: Int]
        /// Vulnerabilities per severity over the distinct images (each image counted once).
        public var vulnerabilities: [String: Int]
        public var misconfigurations: [String: Int]
        public var otherObjects: [String: Int]
    }

    public var cluster: String?
    public var summary: Summary
    public var workloads: [Workload]
    public var images: [String: ClusterImageResult]

    /// Builds the report; `misconfigurations[i]` are the failed checks of `inventory.objects[i]`.
    public init(
        cluster: String?, inventory: ClusterInventory, results: [String: ClusterImageResult],
        misconfigurations: [[(id: String, severity: Severity)]]
    ) {
        self.cluster = cluster
        self.images = results
        let keyOf = Dictionary(
            inventory.images.flatMap { image in image.uses.map { ($0, image.key) } }, uniquingKeysWith: { a, _ in a })
        var workloads: [Workload] = []
        var misconfigTotal: [String: Int] = [:]
        for (index, object) in inventory.objects.enumerated() {
            let checks = index < misconfigurations.count ? misconfigurations[index] : []
            for check in checks { misconfigTotal[check.severity.rawValue, default: 0] += 1 }
            guard !object.isOwnedByListedController else { continue }
            let workload = object.workload
            let containers = workload.containers.map { container in
                let use = ClusterInventory.Use(
                    namespace: workload.namespace, kind: workload.kind, name: workload.displayName,
                    container: container.name, role: container.role, image: container.image)
                let key = keyOf[use] ?? container.image
                let result = results[key]
                return Container(
                    name: container.name, role: container.role, image: container.image, imageKey: key,
                    state: result?.state ?? .skipped, vulnerabilities: result?.vulnerabilities ?? [:])
            }
            var bySeverity: [String: Int] = [:]
            for check in checks { bySeverity[check.severity.rawValue, default: 0] += 1 }
            workloads.append(
                Workload(
                    namespace: workload.namespace, kind: workload.kind, name: workload.displayName,
                    containers: containers, misconfigurations: bySeverity,
                    misconfigurationIDs: Array(Set(checks.map(\.id))).sorted()))
        }
        workloads.sort { ($0.namespace, $0.kind, $0.name) < ($1.namespace, $1.kind, $1.name) }
        self.workloads = workloads
        var states: [String: Int] = [:]
        var vulnerabilities: [String: Int] = [:]
        for image in inventory.images {
            let result = results[image.key]
            states[(result?.state ?? .skipped).rawValue, default: 0] += 1
            for (severity, count) in result?.vulnerabilities ?? [:] { vulnerabilities[severity, default: 0] += count }
        }
        summary = Summary(
            workloads: workloads.count, containers: inventory.images.reduce(0) { $0 + $1.uses.count },
            images: inventory.images.count, imagesByState: states, vulnerabilities: vulnerabilities,
            misconfigurations: misconfigTotal, otherObjects: inventory.otherKinds)
    }

    static let severities = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN"]

    /// `C:1 H:3 M:0 L:2 U:0`, or `-` when nothing is known.
    static func counts(_ counts: [String: Int]) -> String {
        severities.map { "\($0.prefix(1)):\(counts[$0] ?? 0)" }.joined(separator: " ")
    }

    /// The table: one row per container of each workload, then the cluster summary.
    public func table() -> String {
        var rows: [[String]] = [
            ["NAMESPACE", "WORKLOAD", "CONTAINER", "IMAGE", "STATE", "VULNERABILITIES", "MISCONFIG"]
        ]
        for workload in workloads {
            for (index, container) in workload.containers.enumerated() {
                let name =
                    container.role == .container ? container.name : "\(container.name) (\(container.role.rawValue))"
                rows.append([
                    index == 0 ? workload.namespace : "", index == 0 ? "\(workload.kind)/\(workload.name)" : "", name,
                    container.image, container.state.rawValue,
                    container.state == .failed || container.state == .skipped
                        ? "-" : Self.counts(container.vulnerabilities),
                    index == 0 ? Self.counts(workload.misconfigurations) : "",
                ])
            }
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var text = rows.map { row in
            row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
        text += "\n\nCluster\(cluster.map { " \($0)" } ?? ""): \(summary.workloads) workloads, "
        text += "\(summary.containers) containers, \(summary.images) distinct images ("
        text +=
            ClusterImageResult.State.allStates.compactMap { state in
                summary.imagesByState[state.rawValue].map { "\($0) \(state.rawValue)" }
            }.joined(separator: ", ") + ")\n"
        text += "Vulnerabilities (distinct images): \(Self.counts(summary.vulnerabilities))\n"
        text += "Misconfigurations: \(Self.counts(summary.misconfigurations))\n"
        let failed = images.filter { $0.value.state == .failed }.sorted { $0.key < $1.key }
        for (key, result) in failed {
            let reason = result.reason?.split(separator: "\n").first.map(String.init) ?? "unknown reason"
            let image = workloads.lazy.flatMap(\.containers).first { $0.imageKey == key }?.image ?? key
            text += "Not scanned: \(image): \(reason)\n"
        }
        return text
    }
}

extension ClusterImageResult.State {
    static let allStates: [Self] = [.scanned, .known, .failed, .skipped]
}
