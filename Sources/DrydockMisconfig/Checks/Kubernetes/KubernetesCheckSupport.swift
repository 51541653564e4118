/// Shared pieces of the built-in Kubernetes checks.
enum K8s {
    /// The workload kinds pod checks select (Trivy's selector, lowercased).
    static let workloads: Set<String> = [
        "pod", "replicaset", "replicationcontroller", "deployment", "deploymentconfig", "statefulset", "daemonset",
        "cronjob", "job",
    ]
    static let roles: Set<String> = ["role", "clusterrole"]
    static let bindings: Set<String> = ["rolebinding", "clusterrolebinding"]
    static let baseline = ["pss-baseline", "pss-restricted"]
    static let restricted = ["pss-restricted"]
    static let pssBaselineURL = "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline"
    static let pssRestrictedURL = "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted"
    static let rbacURL = "https://kubernetes.io/docs/concepts/security/rbac-good-practices/"

    /// A check that reports each container for which `fails` holds, with `message(container, object)`.
    static func containers(
        _ metadata: CheckMetadata, examples: CheckExamples,
        message: @escaping @Sendable (ContainerView, KubernetesObject) -> String,
        cause: @escaping @Sendable (ContainerView) -> ConfigNode? = { $0.node },
        fails: @escaping @Sendable (ContainerView) -> Bool
    ) -> Check {
        Check.kubernetes(metadata, examples: examples) { object, _ in
            object.containers.filter(fails).map { CheckFailure(message($0, object), at: cause($0) ?? $0.node) }
        }
    }

    /// `Container 'app' of Deployment 'web' should …`: the most common message shape.
    static func containerMessage(_ tail: String) -> @Sendable (ContainerView, KubernetesObject) -> String {
        { container, object in "Container '\(container.name)' of \(object.kind) '\(object.name)' should \(tail)" }
    }

    /// A Go-style rendering of a list of strings in a message: `["a", "b"]`.
    static func list(_ values: [String]) -> String {
        "[" + values.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
    }

    /// A Rego-style rendering of a set of strings in a message: `{"a", "b"}` (sorted).
    static func set(_ values: some Sequence<String>) -> String {
        "{" + Set(values).sorted().map { "\"\($0)\"" }.joined(separator: ", ") + "}"
    }
}

/// Builders for the examples of the built-in Kubernetes checks.
enum K8sExample {
    /// A Pod whose single container has the `container` lines added (YAML, indented as a container's keys),
    /// with `pod` lines added under `spec` and `metadata` lines under `metadata`.
    static func pod(container: String = "", pod: String = "", metadata: String = "", kind: String = "Pod") -> String {
        var lines = ["apiVersion: v1", "kind: \(kind)", "metadata:", "  name: example"]
        lines += indent(metadata, by: 2)
        lines += ["spec:"] + indent(pod, by: 2)
        lines += ["  containers:", "    - name: app", "      image: registry.example.com/app:1.0"]
        lines += indent(container, by: 6)
        return lines.joined(separator: "\n") + "\n"
    }

    /// A Deployment whose pod template is `pod(…)`'s spec.
    static func deployment(container: String = "", pod: String = "", template: String = "") -> String {
        var lines = [
            "apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: example", "  namespace: apps", "spec:",
            "  selector:", "    matchLabels: {app: example}", "  template:", "    metadata:",
            "      labels: {app: example}",
        ]
        lines += indent(template, by: 6)
        lines += ["    spec:"] + indent(pod, by: 6)
        lines += ["      containers:", "        - name: app", "          image: registry.example.com/app:1.0"]
        lines += indent(container, by: 10)
        return lines.joined(separator: "\n") + "\n"
    }

    /// A Role (or ClusterRole) with `rules` (YAML lines of the rules sequence).
    static func role(_ rules: String, kind: String = "Role") -> String {
        ([
            "apiVersion: rbac.authorization.k8s.io/v1", "kind: \(kind)", "metadata:", "  name: example",
            "  namespace: apps", "rules:",
        ] + indent(rules, by: 2)).joined(separator: "\n") + "\n"
    }

    /// A RoleBinding (or ClusterRoleBinding) to `role` for `subject`.
    static func binding(role: String, subject: String, kind: String = "RoleBinding") -> String {
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: \(kind)
        metadata:
          name: example
          namespace: apps
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: \(role)
        subjects:
          - kind: Group
            name: \(subject)
            apiGroup: rbac.authorization.k8s.io

        """
    }

    static func indent(_ text: String, by width: Int) -> [String] {
        guard !text.isEmpty else { return [] }
        let padding = String(repeating: " ", count: width)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { padding + $0 }
    }
}
