/// Built-in Kubernetes checks on RBAC: networking, namespace-wide rights, webhooks, bindings.
extension KubernetesChecks {
    static let networkingResources = ["services", "endpoints", "endpointslices", "networkpolicies", "ingresses"]

    static let manageNetworking = roleRule(
        .kubernetes(
            "KSV-0056", names: ["no-manage-networking-resources"], title: "Manage Kubernetes networking",
            severity: .high,
            description:
                "Changing Services, endpoints, ingresses or network policies lets traffic be redirected or opened up.",
            resolution: "Grant networking changes only to the tooling that manages them.", references: [K8s.rbacURL],
            kinds: K8s.roles),
        examples: ruleExamples(
            bad: "- {apiGroups: [\"\"], resources: [services], verbs: [create]}",
            good: "- {apiGroups: [\"\"], resources: [services], verbs: [get, list]}"),
        message: {
            "\($0.kind) '\($0.name)' should not have access to resources \(K8s.list(networkingResources)) for verbs \(K8s.list(changeVerbList))"
        }
    ) { $0.grants(resources: Set(networkingResources), verbs: changeVerbs) }

    static let manageNamespace = roleRule(
        .kubernetes(
            "KSV-0112", names: ["no-wildcard-resource-role"], title: "Manage all resources at the namespace",
            severity: .critical,
            description:
                "A Role over every resource is admin of its namespace: secrets, workloads and role bindings included.",
            resolution: "List the resources the Role needs.", references: [K8s.rbacURL], kinds: ["role"]),
        examples: ruleExamples(
            bad: "- {apiGroups: [\"\"], resources: [\"*\"], verbs: [list]}",
            good: "- {apiGroups: [\"\"], resources: [pods], verbs: [list]}"),
        roleKinds: ["Role"],
        message: { "\($0.kind) '\($0.name)' shouldn't manage all resources at the namespace '\($0.namespace)'" }
    ) {
        $0.grants(
            resources: ["*"],
            verbs: ["create", "update", "delete", "deletecollection", "impersonate", "*", "list", "get"])
    }

    static let manageNamespaceSecrets = roleRule(
        .kubernetes(
            "KSV-0113", names: ["no-manage-ns-secrets"], title: "Manage namespace secrets", severity: .medium,
            description: "Access to a namespace's Secrets exposes the credentials of every application in it.",
            resolution: "Grant Secret access by name (`resourceNames`) to the applications that need it.",
            references: [K8s.rbacURL], kinds: ["role"]),
        examples: ruleExamples(
            bad: "- {apiGroups: [\"\"], resources: [secrets], verbs: [get]}",
            good: "- {apiGroups: [\"\"], resources: [configmaps], verbs: [get]}"),
        roleKinds: ["Role"],
        message: { "\($0.kind) '\($0.name)' shouldn't have access to manage secrets in namespace '\($0.namespace)'" }
    ) { $0.grants(resources: ["secrets"], verbs: changeVerbs.union(["get", "list", "watch"])) }

    static let webhookResources = ["mutatingwebhookconfigurations", "validatingwebhookconfigurations"]

    static let manageWebhooks = roleRule(
        .kubernetes(
            "KSV-0114", names: ["no-manage-webhook"], title: "Manage webhookconfigurations", severity: .critical,
            description: "Admission webhooks see and can change every object created in the cluster.",
            resolution: "Grant webhook configuration changes only to cluster administrators.",
            references: [K8s.rbacURL],
            kinds: K8s.roles),
        examples: ruleExamples(
            bad:
                "- {apiGroups: [admissionregistration.k8s.io], resources: [mutatingwebhookconfigurations], verbs: [create]}",
            good:
                "- {apiGroups: [admissionregistration.k8s.io], resources: [mutatingwebhookconfigurations], verbs: [get]}",
            kind: "ClusterRole"),
        message: {
            "\($0.kind) '\($0.name)' should not have access to resources \(K8s.list(webhookResources)) for verbs \(K8s.list(changeVerbList))"
        }
    ) { $0.grants(resources: Set(webhookResources), verbs: changeVerbs) }

    static let manageAWSAuth = roleRule(
        .kubernetes(
            "KSV-0115", names: ["eks-iam-configmap"], title: "Manage EKS IAM Auth ConfigMap", severity: .critical,
            description:
                "On EKS, the `aws-auth` ConfigMap maps IAM identities to cluster rights; changing it grants cluster access.",
            resolution: "Do not grant changes to the `aws-auth` ConfigMap.", references: [K8s.rbacURL], kinds: K8s.roles
        ),
        examples: ruleExamples(
            bad: "- {apiGroups: [\"\"], resources: [configmaps], verbs: [update], resourceNames: [aws-auth]}",
            good: "- {apiGroups: [\"\"], resources: [configmaps], verbs: [get], resourceNames: [aws-auth]}"),
        message: {
            "\($0.kind) '\($0.name)' should not have access to resource 'configmaps' named 'aws-auth' for verbs \(K8s.list(changeVerbList))"
        }
    ) { $0.grants(resources: ["configmaps"], verbs: changeVerbs) && $0.resourceNames.contains("aws-auth") }

    static let adminRoles = ["cluster-admin", "admin", "edit"]

    static let adminBinding = Check.kubernetes(
        .kubernetes(
            "KSV-0111", names: ["cluster-admin0-role-only-used-where-required"], title: "User with admin access",
            severity: .medium,
            description: "Binding `cluster-admin`, `admin` or `edit` gives broad rights that are rarely all needed.",
            resolution: "Bind a role that grants only what the subject needs.", references: [K8s.rbacURL],
            kinds: K8s.bindings),
        examples: CheckExamples(
            failing: [K8sExample.binding(role: "cluster-admin", subject: "developers", kind: "ClusterRoleBinding")],
            passing: [K8sExample.binding(role: "view", subject: "developers")])
    ) { object, _ in
        guard let role = object.node["roleRef", "name"]?.text, adminRoles.contains(role) else { return [] }
        return [
            CheckFailure(
                "\(object.kind) '\(object.name)' should not bind to roles \(K8s.list(adminRoles))", at: object.metadata)
        ]
    }

    /// A check that no subject of a binding is one of `groups`.
    static func groupBinding(_ groups: Set<String>, _ metadata: CheckMetadata, onlyOnGKE: Bool = false) -> Check {
        Check.kubernetes(
            metadata,
            examples: CheckExamples(
                failing: [K8sExample.binding(role: "view", subject: groups.sorted()[0], kind: "ClusterRoleBinding")],
                passing: [K8sExample.binding(role: "view", subject: "developers")],
                settings: CheckSettings(kubernetesVersion: onlyOnGKE ? "1.29.4-gke.100" : nil))
        ) { object, settings in
            if onlyOnGKE, !(settings.kubernetesVersion ?? "").contains("-gke") { return [] }
            let subjects = object.node["subjects"]?.items.compactMap { $0["name"]?.text } ?? []
            guard subjects.contains(where: { groups.contains($0) }) else { return [] }
            return [
                CheckFailure(
                    "\(object.kind) '\(object.name)' should not bind to roles \(K8s.set(groups))", at: object.metadata)
            ]
        }
    }

    static let anonymousBinding = groupBinding(
        ["system:unauthenticated", "system:anonymous"],
        .kubernetes(
            "KSV-0122", names: ["no-anonymous-user-bind"], title: "Anonymous user access binding", severity: .critical,
            description:
                "A binding to anonymous or unauthenticated users gives its rights to anyone who reaches the API server.",
            resolution: "Remove `system:anonymous` and `system:unauthenticated` from role bindings.",
            references: ["https://blog.aquasec.com/kubernetes-exposed-one-yaml-away-from-disaster"], kinds: K8s.bindings
        ))

    static let mastersBinding = groupBinding(
        ["system:masters"],
        .kubernetes(
            "KSV-0123", names: ["no-system-masters-group-bind"], legacy: "KSV0123",
            title: "system:masters group access binding", severity: .critical,
            description:
                "`system:masters` bypasses RBAC entirely; its members cannot be restricted or revoked by a binding.",
            resolution: "Do not bind roles to `system:masters`; grant rights to named groups.",
            references: ["https://www.aquasec.com/blog/kubernetes-authorization/"], kinds: K8s.bindings))

    static let authenticatedBinding = groupBinding(
        ["system:authenticated"],
        .kubernetes(
            "KSV-01011", names: ["no-system-authenticated-group-bind"],
            title: "system:authenticate group access binding",
            severity: .critical,
            description: """
                On GKE, `system:authenticated` includes every Google account, not just the cluster's users. The \
                check applies when `--k8s-version` names a GKE release (`1.29.4-gke.100`).
                """,
            resolution: "Bind roles to named groups, not `system:authenticated`.",
            references: ["https://orca.security/resources/blog/sys-all-google-kubernetes-engine-risk/"],
            kinds: K8s.bindings),
        onlyOnGKE: true)
}
