import Foundation

/// The parts of a Kubernetes object admission and the cluster inventory read: kind, name, namespace, labels and
/// the containers of its pod (or pod template). Decoded from JSON as the API server sends it; every other field
/// is ignored, so an object of any kind decodes.
public struct KubernetesWorkload: Sendable, Hashable, Decodable {
    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    /// The pod spec: the object's own for a `Pod`, its template's for the controllers, the job template's
    /// for a `CronJob`; `nil` for kinds without pods.
    public var podSpec: PodSpec?
    /// The pod template's labels (controllers and `CronJob`); the object's own for a `Pod`.
    public var podLabels: [String: String]
    /// For a running `Pod`: container name → the `sha256:` digest its status reports it runs (`imageID`).
    public var runningDigests: [String: String] = [:]

    /// Kinds whose pod template is at `spec.template`.
    public static let controllerKinds: Set<String> = [
        "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "DeploymentConfig",
    ]

    /// Every kind with pods: what admission decides and the inventory lists.
    public static let workloadKinds: Set<String> = controllerKinds.union(["Pod", "CronJob"])

    /// Whether the object runs containers.
    public var isWorkload: Bool { Self.workloadKinds.contains(kind) && podSpec != nil }

    /// `metadata.name`, or `generateName` followed by `*` for objects the API server is about to name.
    public var displayName: String {
        if let name = metadata.name, !name.isEmpty { return name }
        if let prefix = metadata.generateName, !prefix.isEmpty { return prefix + "*" }
        return ""
    }

    /// The namespace, `default` when none is set.
    public var namespace: String { metadata.namespace ?? "default" }

    /// `Kind/name`.
    public var resourceName: String { "\(kind)/\(displayName)" }

    /// Every container of the pod: regular ones, then init containers, then ephemeral ones.
    public var containers: [WorkloadContainer] { podSpec?.allContainers ?? [] }

    enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, spec, status }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion) ?? ""
        kind = try container.decodeIfPresent(String.self, forKey: .kind) ?? ""
        metadata = try container.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        podSpec = nil
        podLabels = [:]
        if kind == "Pod", let status = try? container.decodeIfPresent(PodStatus.self, forKey: .status) {
            // `imageID` is `docker-pullable://nginx@sha256:…` or `docker.io/library/nginx@sha256:…` (a repository
            // digest); a bare `sha256:…` is the local image ID, which registries do not know, so it is not kept.
            for entry in status.all {
                if let id = entry.imageID, let at = id.range(of: "@sha256:") {
                    runningDigests[entry.name] = String(id[id.index(after: at.lowerBound)...])
                }
            }
        }
        guard Self.workloadKinds.contains(kind), container.contains(.spec) else { return }
        let spec = try container.decode(WorkloadSpec.self, forKey: .spec)
        switch kind {
        case "Pod":
            podSpec = spec.pod
            podLabels = metadata.labels
        case "CronJob":
            podSpec = spec.jobTemplate?.spec?.template?.spec
            podLabels = spec.jobTemplate?.spec?.template?.metadata?.labels ?? [:]
        default:
            podSpec = spec.template?.spec
            podLabels = spec.template?.metadata?.labels ?? [:]
        }
    }

    /// A workload built from its parts (tests, tools).
    public init(
        apiVersion: String, kind: String, metadata: ObjectMeta, podSpec: PodSpec?, podLabels: [String: String] = [:]
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.podSpec = podSpec
        self.podLabels = podLabels
    }
}

/// `metadata`: what selectors and reports need.
public struct ObjectMeta: Sendable, Hashable, Decodable {
    public var name: String?
    public var generateName: String?
    public var namespace: String?
    public var labels: [String: String]
    public var uid: String?
    /// The objects that own this one; the controller among them made it.
    public var ownerReferences: [OwnerReference]

    public init(
        name: String? = nil, generateName: String? = nil, namespace: String? = nil, labels: [String: String] = [:],
        uid: String? = nil, ownerReferences: [OwnerReference] = []
    ) {
        self.ownerReferences = ownerReferences
        self.name = name
        self.generateName = generateName
        self.namespace = namespace
        self.labels = labels
        self.uid = uid
    }

    enum CodingKeys: String, CodingKey { case name, generateName, namespace, labels, uid, ownerReferences }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        generateName = try container.decodeIfPresent(String.self, forKey: .generateName)
        namespace = try container.decodeIfPresent(String.self, forKey: .namespace)
        // Label values are strings; an object that breaks this is not refused for it (selectors see no labels).
        labels = (try? container.decodeIfPresent([String: String].self, forKey: .labels)) ?? [:]
        uid = try container.decodeIfPresent(String.self, forKey: .uid)
        ownerReferences = try container.decodeIfPresent([OwnerReference].self, forKey: .ownerReferences) ?? []
    }

    /// The owner with `controller: true`.
    public var controller: OwnerReference? { ownerReferences.first { $0.controller == true } }
}

/// `metadata.ownerReferences[]`.
public struct OwnerReference: Sendable, Hashable, Codable {
    public var kind: String
    public var name: String
    public var controller: Bool?

    public init(kind: String, name: String, controller: Bool? = true) {
        self.kind = kind
        self.name = name
        self.controller = controller
    }
}

/// `status` of a Pod: which image each container runs.
struct PodStatus: Decodable {
    struct Entry: Decodable {
        var name: String
        var imageID: String?
    }
    var containerStatuses: [Entry]?
    var initContainerStatuses: [Entry]?
    var ephemeralContainerStatuses: [Entry]?

    var all: [Entry] { (containerStatuses ?? []) + (initContainerStatuses ?? []) + (ephemeralContainerStatuses ?? []) }
}

/// A pod spec's containers of the three kinds.
public struct PodSpec: Sendable, Hashable, Decodable {
    public var containers: [ContainerSpec]
    public var initContainers: [ContainerSpec]
    public var ephemeralContainers: [ContainerSpec]

    public init(
        containers: [ContainerSpec] = [], initContainers: [ContainerSpec] = [],
        ephemeralContainers: [ContainerSpec] = []
    ) {
        self.containers = containers
        self.initContainers = initContainers
        self.ephemeralContainers = ephemeralContainers
    }

    enum CodingKeys: String, CodingKey { case containers, initContainers, ephemeralContainers }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        containers = try container.decodeIfPresent([ContainerSpec].self, forKey: .containers) ?? []
        initContainers = try container.decodeIfPresent([ContainerSpec].self, forKey: .initContainers) ?? []
        ephemeralContainers = try container.decodeIfPresent([ContainerSpec].self, forKey: .ephemeralContainers) ?? []
    }

    /// Every container with its role, in the order above.
    public var allContainers: [WorkloadContainer] {
        containers.map { WorkloadContainer(name: $0.name, image: $0.image, role: .container) }
            + initContainers.map { WorkloadContainer(name: $0.name, image: $0.image, role: .initContainer) }
            + ephemeralContainers.map { WorkloadContainer(name: $0.name, image: $0.image, role: .ephemeralContainer) }
    }
}

/// One container: its name and image.
public struct ContainerSpec: Sendable, Hashable, Decodable {
    public var name: String
    public var image: String

    public init(name: String, image: String) {
        self.name = name
        self.image = image
    }

    enum CodingKeys: String, CodingKey { case name, image }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
        image = try container.decodeIfPresent(String.self, forKey: .image) ?? ""
    }
}

/// A container of a workload and the kind of container it is.
public struct WorkloadContainer: Sendable, Hashable, Codable {
    public enum Role: String, Sendable, Hashable, Codable {
        case container
        case initContainer
        case ephemeralContainer

        /// How messages name it (`container`, `init container`, `ephemeral container`).
        public var label: String {
            switch self {
            case .container: "container"
            case .initContainer: "init container"
            case .ephemeralContainer: "ephemeral container"
            }
        }
    }

    public var name: String
    public var image: String
    public var role: Role

    public init(name: String, image: String, role: Role) {
        self.name = name
        self.image = image
        self.role = role
    }
}

/// `spec` of any workload kind: the pod's own fields and the templates.
struct WorkloadSpec: Decodable {
    var pod: PodSpec
    var template: PodTemplate?
    var jobTemplate: JobTemplate?

    enum CodingKeys: String, CodingKey { case template, jobTemplate }

    init(from decoder: any Decoder) throws {
        pod = try PodSpec(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        template = try container.decodeIfPresent(PodTemplate.self, forKey: .template)
        jobTemplate = try container.decodeIfPresent(JobTemplate.self, forKey: .jobTemplate)
    }
}

struct PodTemplate: Decodable {
    var metadata: ObjectMeta?
    var spec: PodSpec?
}

struct JobTemplate: Decodable {
    struct Spec: Decodable { var template: PodTemplate? }
    var spec: Spec?
}
