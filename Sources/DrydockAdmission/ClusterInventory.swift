import DrydockNetwork
import Foundation
import Yams

/// What runs in a cluster, from `kubectl get pods,deployments,… -A -o json` (a `List`, or one object; YAML is
/// read too): the workloads, each container's image, and the distinct images deduplicated by digest (the
/// one the reference pins, else the one a running pod reports) or, without one, by normalised reference.
public struct ClusterInventory: Sendable {
    /// One workload object and its JSON text (for the misconfiguration checks).
    public struct Object: Sendable {
        public var workload: KubernetesWorkload
        public var json: [UInt8]
        /// Whether a controller that is also in the input owns it (a Deployment's ReplicaSet and Pods): its
        /// images are counted, but it is reported under its owner.
        public var isOwnedByListedController: Bool
    }

    /// One container of one workload.
    public struct Use: Sendable, Hashable, Codable {
        public var namespace: String
        public var kind: String
        public var name: String
        public var container: String
        public var role: WorkloadContainer.Role
        public var image: String
    }

    /// One distinct image and every container that runs it.
    public struct Image: Sendable, Hashable, Codable {
        /// What deduplicates it: `sha256:…`, or the normalised reference.
        public var key: String
        /// The reference to scan: as written by the first workload, pinned to the running digest when known.
        public var reference: String
        public var digest: String?
        public var uses: [Use]
    }

    public var objects: [Object]
    public var images: [Image]
    /// Objects of the input that run no containers (Services, ConfigMaps, …), by kind.
    public var otherKinds: [String: Int]

    /// The workloads reported on their own (not owned by another listed workload).
    public var topLevel: [Object] { objects.filter { !$0.isOwnedByListedController } }

    /// Reads `bytes` (from `path`, for errors).
    public static func parse(_ bytes: [UInt8], path: String) throws(ClusterInventoryError) -> ClusterInventory {
        let root = try document(bytes, path: path)
        guard let top = root as? [String: Any] else {
            throw ClusterInventoryError(
                path: path, reason: "expected a Kubernetes object or List, not \(type(of: root))")
        }
        var raw: [[String: Any]] = []
        func expand(_ object: [String: Any]) {
            if let kind = object["kind"] as? String, kind.hasSuffix("List"), let items = object["items"] as? [Any] {
                for case let item as [String: Any] in items { expand(item) }
            } else {
                raw.append(object)
            }
        }
        expand(top)
        guard raw.contains(where: { $0["kind"] is String }) else {
            throw ClusterInventoryError(path: path, reason: "no Kubernetes objects (nothing with a kind)")
        }
        var objects: [Object] = []
        var others: [String: Int] = [:]
        for (index, item) in raw.enumerated() {
            let json: Data
            let workload: KubernetesWorkload
            do {
                json = try JSONSerialization.data(withJSONObject: item, options: [.sortedKeys])
                workload = try JSONDecoder().decode(KubernetesWorkload.self, from: json)
            } catch {
                throw ClusterInventoryError(path: path, reason: "item \(index): not a Kubernetes object: \(error)")
            }
            guard workload.isWorkload else {
                others[workload.kind.isEmpty ? "(no kind)" : workload.kind, default: 0] += 1
                continue
            }
            objects.append(Object(workload: workload, json: Array(json), isOwnedByListedController: false))
        }
        let present = Set(objects.map { "\($0.workload.namespace)/\($0.workload.kind)/\($0.workload.displayName)" })
        let owners = Dictionary(
            objects.compactMap { object in
                object.workload.metadata.controller.map {
                    (
                        "\(object.workload.namespace)/\(object.workload.kind)/\(object.workload.displayName)",
                        "\(object.workload.namespace)/\($0.kind)/\($0.name)"
                    )
                }
            }, uniquingKeysWith: { first, _ in first })
        for index in objects.indices {
            let workload = objects[index].workload
            if let owner = owners["\(workload.namespace)/\(workload.kind)/\(workload.displayName)"],
                present.contains(owner)
            {
                objects[index].isOwnedByListedController = true
            }
        }
        return ClusterInventory(objects: objects, images: deduplicate(objects), otherKinds: others)
    }

    static func deduplicate(_ objects: [Object]) -> [Image] {
        // What running pods report for each image as written: a controller's `app:1.4` is the digest its pods
        // run, when they all run one.
        var running: [String: Set<String>] = [:]
        for object in objects {
            for container in object.workload.containers {
                if let digest = object.workload.runningDigests[container.name] {
                    running[container.image, default: []].insert(digest)
                }
            }
        }
        var images: [String: Image] = [:]
        var order: [String] = []
        for object in objects {
            let workload = object.workload
            for container in workload.containers where !container.image.isEmpty {
                let parsed = try? ImageReference.parse(container.image)
                let reported = running[container.image].flatMap { $0.count == 1 ? $0.first : nil }
                let digest = parsed?.digest ?? workload.runningDigests[container.name] ?? reported
                let key = digest ?? parsed?.description ?? container.image
                var reference = container.image
                if parsed?.digest == nil, let digest, let parsed { reference = parsed.pinned(to: digest) }
                let use = Use(
                    namespace: workload.namespace, kind: workload.kind, name: workload.displayName,
                    container: container.name, role: container.role, image: container.image)
                if images[key] == nil {
                    images[key] = Image(key: key, reference: reference, digest: digest, uses: [])
                    order.append(key)
                }
                images[key]?.uses.append(use)
            }
        }
        return order.compactMap { images[$0] }
    }

    /// The JSON (or YAML) document.
    static func document(_ bytes: [UInt8], path: String) throws(ClusterInventoryError) -> Any {
        guard let first = bytes.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else {
            throw ClusterInventoryError(path: path, reason: "the input is empty")
        }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            do {
                return try JSONSerialization.jsonObject(with: Data(bytes))
            } catch {
                throw ClusterInventoryError(path: path, reason: "not valid JSON: \(error.localizedDescription)")
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ClusterInventoryError(path: path, reason: "not UTF-8 JSON or YAML")
        }
        do {
            let documents = try YAMLJSON.documents(text)
            guard let first = documents.first else { throw ClusterInventoryError(path: path, reason: "no document") }
            return documents.count == 1 ? first : ["apiVersion": "v1", "kind": "List", "items": documents]
        } catch let error as ClusterInventoryError {
            throw error
        } catch {
            throw ClusterInventoryError(path: path, reason: "not JSON or YAML: \(error)")
        }
    }
}

/// Input `drydock k8s` cannot read: the file and what is wrong.
public struct ClusterInventoryError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
    public var description: String { "\(path): \(reason)" }
}
