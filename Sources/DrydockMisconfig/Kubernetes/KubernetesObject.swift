/// One Kubernetes object of a manifest (a document, or an item of a `List`), with views of its pods and
/// containers for checks.
public struct KubernetesObject: Sendable, Hashable {
    /// The object as read.
    public var node: ConfigNode
    /// `apiVersion`.
    public var apiVersion: String
    /// `kind` (`Deployment`).
    public var kind: String
    /// `metadata.name` (empty when missing).
    public var name: String
    /// `metadata.namespace`, when set.
    public var explicitNamespace: String?
    /// The template it was rendered from (`chart/templates/deployment.yaml`), for `helm template` output.
    public var helmSource: String?
    /// The line `helmSource`'s comment is on; lines of this object are reported relative to it.
    public var helmSourceLine: Int?

    /// Creates an object view of `node`.
    public init(node: ConfigNode, helmSource: String? = nil, helmSourceLine: Int? = nil) {
        self.node = node
        apiVersion = node["apiVersion"]?.text ?? ""
        kind = node["kind"]?.text ?? ""
        name = node["metadata", "name"]?.text ?? ""
        explicitNamespace = node["metadata", "namespace"]?.text
        self.helmSource = helmSource
        self.helmSourceLine = helmSourceLine
    }

    /// The namespace, `default` when none is set.
    public var namespace: String { explicitNamespace ?? "default" }

    /// `Kind/name`, as reports name the resource.
    public var resourceName: String { name.isEmpty ? kind : "\(kind)/\(name)" }

    /// The lines of the object.
    public var range: LineRange { node.range }

    /// `metadata`.
    public var metadata: ConfigNode? { node["metadata"] }

    /// `spec`.
    public var spec: ConfigNode? { node["spec"] }

    /// Kinds whose pod template is at `spec.template`.
    public static let controllerKinds: Set<String> = [
        "Deployment", "DeploymentConfig", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job",
    ]

    /// Every workload kind (the kinds the pod checks apply to).
    public static let workloadKinds: Set<String> = controllerKinds.union(["Pod", "CronJob"])

    /// The pod (or pod template) of a workload: the object itself for a `Pod`, `spec.template` for
    /// controllers, `spec.jobTemplate.spec.template` for a `CronJob`.
    public var pod: PodView? {
        let podNode: ConfigNode?
        switch kind {
        case "Pod": podNode = node
        case "CronJob": podNode = node["spec", "jobTemplate", "spec", "template"]
        case _ where Self.controllerKinds.contains(kind): podNode = node["spec", "template"]
        default: podNode = nil
        }
        return podNode.map(PodView.init)
    }

    /// The containers and init containers of the pod, each with its effective security context.
    public var containers: [ContainerView] { pod?.containers ?? [] }

    /// Whether this is a workload (pods or pod templates).
    public var isWorkload: Bool { Self.workloadKinds.contains(kind) }
}

/// A pod or pod template.
public struct PodView: Sendable, Hashable {
    /// The pod (or template) node: `metadata` and `spec` below it.
    public var node: ConfigNode

    /// `metadata`.
    public var metadata: ConfigNode? { node["metadata"] }
    /// `spec`.
    public var spec: ConfigNode? { node["spec"] }
    /// `spec.securityContext`.
    public var securityContext: ConfigNode? { node["spec", "securityContext"] }
    /// `metadata.annotations`.
    public var annotations: ConfigNode? { node["metadata", "annotations"] }
    /// `spec.volumes`.
    public var volumes: [ConfigNode] { node["spec", "volumes"]?.items ?? [] }

    /// `spec.containers` then `spec.initContainers` (ephemeral containers are added by `kubectl debug`,
    /// never written in manifests).
    public var containers: [ContainerView] {
        let pod = securityContext
        let regular = (node["spec", "containers"]?.items ?? []).map {
            ContainerView(node: $0, podSecurityContext: pod, isInit: false)
        }
        let initial = (node["spec", "initContainers"]?.items ?? []).map {
            ContainerView(node: $0, podSecurityContext: pod, isInit: true)
        }
        return regular + initial
    }
}

/// A container with the security context that applies to it: its own, completed by the pod's for the
/// fields the pod's context also sets (`runAsUser`, `runAsGroup`, `runAsNonRoot`, `seLinuxOptions`,
/// `seccompProfile`, `windowsOptions`).
public struct ContainerView: Sendable, Hashable {
    /// The container node.
    public var node: ConfigNode
    /// The pod's `securityContext`, when set.
    public var podSecurityContext: ConfigNode?
    /// Whether it is an init container.
    public var isInit: Bool

    /// Pod-level fields containers inherit.
    public static let inheritedFields: Set<String> = [
        "runAsGroup", "runAsNonRoot", "runAsUser", "seLinuxOptions", "seccompProfile", "windowsOptions",
    ]

    /// `name`.
    public var name: String { node["name"]?.text ?? "" }
    /// `image`.
    public var image: String { node["image"]?.text ?? "" }
    /// The container's own `securityContext`.
    public var ownSecurityContext: ConfigNode? { node["securityContext"] }

    /// The effective value of security context field `key`: the container's, else the pod's for the
    /// inherited fields.
    public func securityContext(_ key: String) -> ConfigNode? {
        if let own = ownSecurityContext?[key] { return own }
        guard Self.inheritedFields.contains(key) else { return nil }
        return podSecurityContext?[key]
    }

    /// The effective value at `path` below the security context (`capabilities`, `add`).
    public func securityContext(_ first: String, _ rest: String...) -> ConfigNode? {
        securityContext(first)?.lookup(rest)
    }

    /// Whether the effective security context is empty (neither the container nor the pod sets an
    /// inherited field).
    public var hasEffectiveSecurityContext: Bool {
        if let own = ownSecurityContext, !own.isEmpty { return true }
        return podSecurityContext?.entries.contains { Self.inheritedFields.contains($0.key) } ?? false
    }

    /// `securityContext.capabilities.add`.
    public var addedCapabilities: [String] { securityContext("capabilities", "add")?.strings ?? [] }
    /// `securityContext.capabilities.drop`.
    public var droppedCapabilities: [String] { securityContext("capabilities", "drop")?.strings ?? [] }
}
