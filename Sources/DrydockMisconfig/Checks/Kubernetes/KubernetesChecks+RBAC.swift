/// Built-in Kubernetes checks on RBAC roles and bindings.
extension KubernetesChecks {
    /// One rule of a Role or ClusterRole.
    struct Rule {
        var node: ConfigNode
        var apiGroups: [String] { node["apiGroups"]?.strings ?? [] }
        var resources: [String] { node["resources"]?.strings ?? [] }
        var verbs: [String] { node["verbs"]?.strings ?? [] }
        var resourceNames: [String] { node["resourceNames"]?.strings ?? [] }

        func grants(resources wanted: Set<String>, verbs wantedVerbs: Set<String>) -> Bool {
            resources.contains { wanted.contains($0) } && verbs.contains { wantedVerbs.contains($0) }
        }
    }

    static func rules(_ object: KubernetesObject) -> [Rule] {
        (object.node["rules"]?.items ?? []).map(Rule.init)
    }

    static let changeVerbs: Set<String> = [
        "create", "update", "patch", "delete", "deletecollection", "impersonate", "*",
    ]
    static let changeVerbList = ["create", "update", "patch", "delete", "deletecollection", "impersonate", "*"]

    /// A check reporting every rule of a role for which `grants` holds.
    static func roleRule(
        _ metadata: CheckMetadata, examples: CheckExamples, roleKinds: Set<String> = ["Role", "ClusterRole"],
        message: @escaping @Sendable (KubernetesObject) -> String, grants: @escaping @Sendable (Rule) -> Bool
    ) -> Check {
        Check.kubernetes(metadata, examples: examples) { object, _ in
            guard roleKinds.contains(object.kind) else { return [] }
            return rules(object).filter(grants).map { CheckFailure(message(object), at: $0.node) }
        }
    }

    /// Examples: a role granting `bad`, and one granting `good`.
    static func ruleExamples(bad: String, good: String, kind: String = "Role") -> CheckExamples {
        CheckExamples(failing: [K8sExample.role(bad, kind: kind)], passing: [K8sExample.role(good, kind: kind)])
    }

    static let manageSecrets = roleRule(
        .kubernetes(
            "KSV-0041", names: ["no-manage-secrets"], title: "Manage secrets", severity: .critical,
            description: "Reading or changing Secrets cluster-wide exposes every credential stored in the cluster.",
            resolution: "Grant access to Secrets only in a namespaced Role, and only to the names needed.",
            references: [K8s.rbacURL], kinds: ["clusterrole"]),
        examples: ruleExamples(
            bad: "- {apiGroups: [\"\"], resources: [secrets], verbs: [get, list]}",
            good: "- {apiGroups: [\"\"], resources: [configmaps], verbs: [get]}", kind: "ClusterRole"),
        roleKinds: ["ClusterRole"],
        message: { "\($0.kind) '\($0.name)' shouldn't have access to manage resource 'secrets'" }
    ) { $0.grants(resources: ["secrets"], verbs: changeVerbs.union(["get", "list", "watch"])) }

    static let deletePodLogs = roleRule(
        .kubernetes(
            "KSV-0042", names: ["no-delete-pod-logs"], title: "Delete pod logs", severity: .medium,
            description: "Deleting pod logs lets an intruder remove the traces of what they did.",
            resolution: "Do not grant `delete` or `deletecollection` on `pods/log`.",
            references: [K8s.rbacURL], kinds: K8s.roles),
        examples: ruleExamples(
            bad: "- {apiGroups: [\"\"], resources: [pods/log], verbs: [delete]}",
            good: "- {apiGroups: [\"\"], resources: [pods/log], verbs: [get]}"),
        message: {
            "\($0.kind) '\($0.name)' should not have access to resource 'pods/log' for verbs \(K8s.list(["delete", "deletecollection", "*"]))"
        }
    ) { $0.grants(resources: ["pods/log"], verbs: ["delete", "deletecollection", "*"]) }

    static let impersonateGroups = roleRule(
        .kubernetes(
            "KSV-0043", names: ["no-impersonate-privileged-groups"],
            title: "Do not allow impersonation of privileged groups",
            severity: .critical,
            description: "Impersonating groups lets a user act as `system:masters` or any other group.",
            resolution: "Do not grant `impersonate` on `groups`.", references: [K8s.rbacURL]),
        examples: ruleExamples(
            bad: "- {apiGroups: [\"*\"], resources: [groups], verbs: [impersonate]}",
            good: "- {apiGroups: [\"*\"], resources: [users], verbs: [get]}"),
        message: { _ in "Role permits impersonation of privileged groups" }
    ) { $0.apiGroups.contains("*") && $0.resources.contains("groups") && $0.verbs.contains("impersonate") }

    static let wildcardEverything = roleRule(
        .kubernetes(
            "KSV-0044", names: ["no-wildcard-verb-resource-role"], title: "No wildcard verb and resource roles",
            severity: .critical,
            description: "Every verb on every resource of every API group is cluster-admin under another name.",
            resolution: "List the API groups, resources and verbs the role needs.", references: [K8s.rbacURL]),
        examples: ruleExamples(
            bad: "- {apiGroups: [\"*\"], resources: [\"*\"], verbs: [\"*\"]}",
            good: "- {apiGroups: [\"\"], resources: [pods], verbs: [get, list]}"),
        message: { _ in "Role permits wildcard verb on wildcard resource" }
    ) { $0.apiGroups.contains("*") && $0.resources.contains("*") && $0.verbs.contains("*") }

    static let wildcardVerb = roleRule(
        .kubernetes(
            "KSV-0045", names: ["no-wildcard-verb-role"], title: "No wildcard verb roles", severity: .critical,
            description:
                "A wildcard verb on sensitive resources (secrets, workloads, roles) grants rights no one reviewed, including future verbs.",
            resolution: "List the verbs the role needs.", references: [K8s.rbacURL]),
        examples: ruleExamples(
            bad: "- {apiGroups: [\"\"], resources: [secrets], verbs: [\"*\"]}",
            good: "- {apiGroups: [\"\"], resources: [secrets], verbs: [get]}"),
        message: { _ in "Role permits wildcard verb on specific resources" }
    ) {
        $0.grants(
            resources: [
                "secrets", "pods", "deployments", "daemonsets", "statefulsets", "replicationcontrollers", "replicasets",
                "cronjobs", "jobs", "roles", "clusterroles", "rolebindings", "clusterrolebindings", "users", "groups",
            ], verbs: ["*"])
    }

    static let manageAllResources = roleRule(
        .kubernetes(
            "KSV-0046", names: ["no-wildcard-resource-clusterrole"], title: "Manage all resources", severity: .critical,
            description: "A ClusterRole over every resource reaches Secrets, RBAC and workloads in all namespaces.",
            resolution: "List the resources the ClusterRole needs.", references: [K8s.rbacURL], kinds: ["clusterrole"]),
        examples: ruleExamples(
            bad: "- {apiGroups: [\"\"], resources: [\"*\"], verbs: [get]}",
            good: "- {apiGroups: [\"\"], resources: [pods], verbs: [get]}", kind: "ClusterRole"),
        roleKinds: ["ClusterRole"],
        message: { "\($0.kind) '\($0.name)' shouldn't manage all resources" }
    ) {
        $0.grants(
            resources: ["*"],
            verbs: ["create", "update", "delete", "deletecollection", "impersonate", "*", "list", "get"])
    }

    static let nodeProxy = roleRule(
        .kubernetes(
            "KSV-0047", names: ["no-privilege-escalation-from-node-proxy"],
            title: "Do not allow privilege escalation from node proxy", severity: .high,
            description: "`nodes/proxy` reaches the kubelet API directly, around admission control and audit logging.",
            resolution: "Do not grant `get` or `create` on `nodes/proxy`.", references: [K8s.rbacURL]),
        examples: ruleExamples(
            bad: "- {apiGroups: [\"\"], resources: [nodes/proxy], verbs: [get]}",
            good: "- {apiGroups: [\"\"], resources: [nodes], verbs: [get]}"),
        message: { _ in "Role permits privilege escalation from node proxy" }
    ) { $0.grants(resources: ["nodes/proxy"], verbs: ["get", "create"]) }

    static let workloadAccess: [String] = [
        "pods", "deployments", "jobs", "cronjobs", "statefulsets", "daemonsets", "replicasets",
        "replicationcontrollers",
    ]

    static let manageWorkloads = roleRule(
        .kubernetes(
            "KSV-0048", names: ["deny-create-update-malicious-pod"], title: "Manage Kubernetes workloads and pods",
            severity: .medium,
            description:
                "Whoever can create or change workloads can run any image with the namespace's service accounts and secrets.",
            resolution: "Grant workload changes only to deployment tooling.", references: [K8s.rbacURL],
            kinds: K8s.roles),
        examples: ruleExamples(
            bad: "- {apiGroups: [apps], resources: [deployments], verbs: [update]}",
            good: "- {apiGroups: [apps], resources: [deployments], verbs: [get, list]}"),
        message: {
            "\($0.kind) '\($0.name)' should not have access to resources \(K8s.list(workloadAccess)) for verbs \(K8s.list(changeVerbList))"
        }
    ) { $0.grants(resources: Set(workloadAccess), verbs: changeVerbs) }

    static let manageConfigMaps = roleRule(
        .kubernetes(
            "KSV-0049", names: ["no-manage-configmaps"], title: "Manage configmaps", severity: .medium,
            description: "ConfigMaps configure running applications; changing them changes what the applications do.",
            resolution: "Grant ConfigMap changes only where needed.", references: [K8s.rbacURL], kinds: K8s.roles),
        examples: ruleExamples(
            bad: "- {apiGroups: [\"\"], resources: [configmaps], verbs: [patch]}",
            good: "- {apiGroups: [\"\"], resources: [configmaps], verbs: [get]}"),
        message: {
            "\($0.kind) '\($0.name)' should not have access to resource 'configmaps' for verbs \(K8s.list(changeVerbList))"
        }
    ) { $0.grants(resources: ["configmaps"], verbs: changeVerbs) }

    static let rbacEscalation = roleRule(
        .kubernetes(
            "KSV-0050", names: ["no-manage-rbac-resources", "kubernetes-no-privilege-escalation-rbac"],
            title: "Do not allow privilege escalation via RBAC resources", severity: .critical,
            description:
                "`escalate`, `bind` and `impersonate` on roles let a user grant themselves rights they do not have.",
            resolution: "Do not grant `escalate`, `bind`, `impersonate` or `*` on roles and role bindings.",
            references: [
                K8s.rbacURL,
                "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#restrictions-on-role-creation-or-update",
            ],
            kinds: K8s.roles),
        examples: ruleExamples(
            bad: "- {apiGroups: [rbac.authorization.k8s.io], resources: [roles], verbs: [escalate]}",
            good: "- {apiGroups: [rbac.authorization.k8s.io], resources: [roles], verbs: [get]}"),
        message: {
            "\($0.kind) '\($0.name)' should not have access to resources \(K8s.list(["roles", "rolebindings"])) for verbs \(K8s.list(["escalate", "bind", "impersonate", "*"])) as they can lead to privilege escalation"
        }
    ) { $0.grants(resources: ["roles", "rolebindings"], verbs: ["escalate", "bind", "impersonate", "*"]) }

    /// A check that no rule grants `first` while a later rule grants `second` (a two-step escalation).
    static func rulePair(
        _ metadata: CheckMetadata, examples: CheckExamples, message: String,
        first: @escaping @Sendable (Rule) -> Bool, second: @escaping @Sendable (Rule) -> Bool
    ) -> Check {
        Check.kubernetes(metadata, examples: examples) { object, _ in
            guard object.kind == "Role" || object.kind == "ClusterRole" else { return [] }
            let all = rules(object)
            return all.indices.filter { index in
                first(all[index]) && all[(index + 1)...].contains(where: second)
            }.map { CheckFailure(message, at: all[$0].node) }
        }
    }

    static let bindPrivilegedRole = rulePair(
        .kubernetes(
            "KSV-0051", names: ["do-not-allow-role-binding-associate-privileged-role"],
            title: "Do not allow role binding creation and association with privileged role/clusterrole",
            severity: .high,
            description: "Creating role bindings plus `bind` on any role lets a user give themselves any role.",
            resolution: "Restrict `bind` to named roles (`resourceNames`), or do not grant role binding creation.",
            references: [K8s.rbacURL]),
        examples: ruleExamples(
            bad: """
                - {apiGroups: [rbac.authorization.k8s.io], resources: [rolebindings], verbs: [create]}
                - {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind], resourceNames: ["*"]}
                """,
            good: """
                - {apiGroups: [rbac.authorization.k8s.io], resources: [rolebindings], verbs: [create]}
                - {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind], resourceNames: [view]}
                """),
        message: "Role permits creation of role binding and association with privileged role",
        first: {
            $0.apiGroups.contains("rbac.authorization.k8s.io") && $0.resources.contains("rolebindings")
                && $0.verbs.contains("create")
        },
        second: {
            $0.apiGroups.contains("rbac.authorization.k8s.io")
                && $0.resources.contains { ["clusterroles", "roles"].contains($0) }
                && $0.verbs.contains("bind") && $0.resourceNames.contains("*")
        })

    static let bindClusterRole = rulePair(
        .kubernetes(
            "KSV-0052", names: ["allow-role-clusterrolebindings-associate-privileged-cluster-role"],
            title: "Do not allow role to create ClusterRoleBindings and association with privileged role",
            severity: .high,
            description:
                "Creating cluster role bindings plus `bind` on any cluster role lets a user become cluster-admin.",
            resolution: "Restrict `bind` to named cluster roles, or do not grant cluster role binding creation.",
            references: [K8s.rbacURL]),
        examples: ruleExamples(
            bad: """
                - {apiGroups: [rbac.authorization.k8s.io], resources: [clusterrolebindings], verbs: [create]}
                - {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind], resourceNames: ["*"]}
                """,
            good: "- {apiGroups: [rbac.authorization.k8s.io], resources: [clusterrolebindings], verbs: [create]}",
            kind: "ClusterRole"),
        message: "Role permits creation of role binding and association with privileged role",
        first: {
            $0.apiGroups.contains("rbac.authorization.k8s.io") && $0.resources.contains("clusterrolebindings")
                && $0.verbs.contains("create")
        },
        second: { $0.resources.contains("clusterroles") && $0.verbs.contains("bind") && $0.resourceNames.contains("*") }
    )

    static let execIntoPods = roleRule(
        .kubernetes(
            "KSV-0053", names: ["no-getting-shell-pods"], title: "Exec into Pods", severity: .high,
            description: "`pods/exec` gives a shell in any pod of the namespace, with its secrets and service account.",
            resolution: "Do not grant `create` on `pods/exec` outside break-glass roles.", references: [K8s.rbacURL],
            kinds: K8s.roles),
        examples: ruleExamples(
            bad: "- {apiGroups: [\"\"], resources: [pods/exec], verbs: [create]}",
            good: "- {apiGroups: [\"\"], resources: [pods], verbs: [get]}"),
        message: {
            "\($0.kind) '\($0.name)' should not have access to resource '\(K8s.list(["pods/exec"]))' for verbs \(K8s.list(changeVerbList))"
        }
    ) { $0.grants(resources: ["pods/exec"], verbs: changeVerbs) }

    static let attachToPods = rulePair(
        .kubernetes(
            "KSV-0054", names: ["no-attaching-shell-pods"], title: "Do not allow attaching to shell on pods",
            severity: .high,
            description: "`pods/attach` with `get` on pods connects to the running processes of any pod in scope.",
            resolution: "Do not grant `create` on `pods/attach`.", references: [K8s.rbacURL]),
        examples: ruleExamples(
            bad: """
                - {apiGroups: ["*"], resources: [pods/attach], verbs: [create]}
                - {apiGroups: ["*"], resources: [pods], verbs: [get]}
                """,
            good: "- {apiGroups: [\"*\"], resources: [pods], verbs: [get]}"),
        message: "Role permits attaching to shell on pods",
        first: { $0.apiGroups.contains("*") && $0.resources.contains("pods/attach") && $0.verbs.contains("create") },
        second: { $0.apiGroups.contains("*") && $0.resources.contains("pods") && $0.verbs.contains("get") })

    static let editRoleBindings = roleRule(
        .kubernetes(
            "KSV-0055", names: ["view-all-secrets"],
            title: "Do not allow users in a rolebinding to add other users to their rolebindings", severity: .low,
            description: "`get` and `patch` on role bindings let their members add anyone to them.",
            resolution: "Do not grant `patch` on role bindings.", references: [K8s.rbacURL]),
        examples: ruleExamples(
            bad: "- {apiGroups: [\"*\"], resources: [rolebindings], verbs: [get, patch]}",
            good: "- {apiGroups: [\"*\"], resources: [rolebindings], verbs: [get]}"),
        message: { _ in "Role permits allowing users in a rolebinding to add other users to their rolebindings" }
    ) {
        $0.apiGroups.contains("*") && $0.resources.contains("rolebindings") && $0.verbs.contains("get")
            && $0.verbs.contains("patch")
    }
}
