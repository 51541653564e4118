import Foundation

/// Built-in Kubernetes checks on other objects: network policies, quotas, ConfigMaps, Services, API
/// versions, Gatekeeper constraints and ingress-nginx annotations.
extension KubernetesChecks {
    static let networkPolicySelectors = Check.kubernetes(
        .kubernetes(
            "KSV-0038", names: ["selector-usage-in-network-policies"], title: "Selector usage in network policies",
            severity: .medium,
            description: "A NetworkPolicy without pod or namespace selectors does not say which traffic it governs.",
            resolution: "Use `podSelector` and/or `namespaceSelector` in the policy.",
            references: ["https://kubernetes.io/docs/tasks/administer-cluster/declare-network-policy/"],
            kinds: ["networkpolicy"]),
        examples: CheckExamples(
            failing: [
                "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: example}\nspec:\n  policyTypes: [Ingress]\n"
            ],
            passing: [
                "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: example}\nspec:\n  podSelector: {matchLabels: {app: db}}\n  policyTypes: [Ingress]\n"
            ])
    ) { object, _ in
        let spec = object.spec
        func anyPeer(_ direction: String, _ peers: String) -> Bool {
            (spec?[direction]?.items ?? []).contains { rule in
                (rule[peers]?.items ?? []).contains { $0.has("podSelector") || $0.has("namespaceSelector") }
            }
        }
        let selects =
            spec?.has("podSelector") == true || spec?.has("namespaceSelector") == true
            || anyPeer("ingress", "from") || anyPeer("egress", "to")
        return selects
            ? []
            : [
                CheckFailure(
                    "Network policy should uses podSelector and/or the namespaceSelector to restrict ingress and egress traffic within the Pod network",
                    at: spec ?? object.node)
            ]
    }

    static let limitRange = Check.kubernetes(
        .kubernetes(
            "KSV-0039", names: ["limit-range-usage"], title: "limit range usage", severity: .low,
            description: "A LimitRange gives containers default requests and limits and caps what any one may ask for.",
            resolution: "Give the LimitRange a limit with `type`, `max`, `min`, `default` and `defaultRequest`.",
            references: [
                "https://kubernetes.io/docs/concepts/policy/limit-range/",
                "https://kubernetes.io/docs/tasks/administer-cluster/manage-resources/memory-default-namespace/",
                "https://kubernetes.io/docs/tasks/administer-cluster/manage-resources/memory-constraint-namespace/",
            ], kinds: ["limitrange"]),
        examples: CheckExamples(
            failing: [
                "apiVersion: v1\nkind: LimitRange\nmetadata: {name: example}\nspec:\n  limits:\n    - {type: Container, max: {cpu: \"1\"}}\n"
            ],
            passing: [
                "apiVersion: v1\nkind: LimitRange\nmetadata: {name: example}\nspec:\n  limits:\n    - {type: Container, max: {cpu: \"1\"}, min: {cpu: 10m}, default: {cpu: 500m}, defaultRequest: {cpu: 100m}}\n"
            ])
    ) { object, _ in
        let required = ["type", "max", "min", "default", "defaultRequest"]
        let configured = (object.spec?["limits"]?.items ?? []).contains { limit in required.allSatisfy { limit.has($0) }
        }
        return configured
            ? []
            : [
                CheckFailure(
                    "A LimitRange policy with a default requests and limits for each container should be configured",
                    at: object.spec ?? object.node)
            ]
    }

    static let resourceQuota = Check.kubernetes(
        .kubernetes(
            "KSV-0040", names: ["resource-quota-usage"], title: "resource quota usage", severity: .low,
            description:
                "A ResourceQuota caps the CPU and memory a namespace may claim, so one team cannot starve the others.",
            resolution: "Set `requests.cpu`, `requests.memory`, `limits.cpu` and `limits.memory` under `spec.hard`.",
            references: [
                "https://kubernetes.io/docs/tasks/administer-cluster/manage-resources/quota-memory-cpu-namespace/"
            ],
            kinds: ["resourcequota"]),
        examples: CheckExamples(
            failing: [
                "apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: example}\nspec:\n  hard: {pods: \"10\"}\n"
            ],
            passing: [
                "apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: example}\nspec:\n  hard: {requests.cpu: \"1\", requests.memory: 1Gi, limits.cpu: \"2\", limits.memory: 2Gi}\n"
            ])
    ) { object, _ in
        let hard = object.spec?["hard"]
        let configured = ["requests.cpu", "requests.memory", "limits.cpu", "limits.memory"].allSatisfy {
            hard?.has($0) == true
        }
        return configured
            ? []
            : [
                CheckFailure(
                    "A resource quota policy with hard memory and CPU limits should be configured per namespace",
                    at: hard ?? object.spec ?? object.node)
            ]
    }

    static let externalIPs = Check.kubernetes(
        .kubernetes(
            "KSV-0108", names: ["no_svc_with_extip", "kubernetes-no-svc-with-extip"], legacy: "KSV0108",
            title: "Service with External IP", severity: .high,
            description:
                "`externalIPs` let a Service capture traffic for any address (CVE-2020-8554); `externalName` points cluster DNS elsewhere.",
            resolution: "Do not set `spec.externalIPs` or `spec.externalName`; use a LoadBalancer or Ingress."),
        examples: CheckExamples(
            failing: [
                "apiVersion: v1\nkind: Service\nmetadata: {name: example}\nspec:\n  externalIPs: [203.0.113.10]\n  ports: [{port: 80}]\n"
            ],
            passing: [
                "apiVersion: v1\nkind: Service\nmetadata: {name: example}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n"
            ])
    ) { object, _ in
        guard object.kind == "Service", let spec = object.spec else { return [] }
        let cause = spec["externalIPs"].flatMap { $0.items.isEmpty ? nil : $0 } ?? spec["externalName"]
        guard let cause, !cause.isNull else { return [] }
        return [
            CheckFailure(
                "\(object.kind) '\(object.name)' in '\(object.namespace)' namespace should not set external IPs or external Name",
                at: cause)
        ]
    }

    static let deprecatedAPIs = Check.kubernetes(
        .kubernetes(
            "KSV-0107", names: ["evaluate-k8s-deprecated-removed-apis"],
            title: "The deprecated 'apiVersion' and 'kind' should not be used", severity: .low,
            description: """
                Kubernetes removes beta APIs some releases after deprecating them; a manifest using one fails to \
                apply on newer clusters. With `--k8s-version`, only APIs already deprecated in that release are reported.
                """,
            resolution: "Move the object to the replacement API version.",
            references: ["https://kubernetes.io/docs/reference/using-api/deprecation-guide/"]),
        examples: CheckExamples(
            failing: [K8sExample.deployment().replacingOccurrences(of: "apps/v1", with: "extensions/v1beta1")],
            passing: [K8sExample.deployment()])
    ) { object, settings in
        guard
            let entry = DeprecatedAPI.table.first(where: {
                $0.apiVersion == object.apiVersion && $0.kind == object.kind
            })
        else { return [] }
        if let version = settings.kubernetesVersion {
            let current = kubernetesVersionParts(version)
            let deprecated = kubernetesVersionParts(entry.deprecated)
            if current.lexicographicallyPrecedes(deprecated) { return [] }
        }
        let replacement = entry.replacement.isEmpty ? "(none; the API was dropped)" : entry.replacement
        let start = object.node["apiVersion"]?.range ?? object.range
        let end = object.node["kind"]?.range ?? start
        return [
            CheckFailure(
                "apiVersion \"\(object.apiVersion)\" and kind \"\(object.kind)\" should be replaced with the new API \"\(replacement)\" (deprecated in \(entry.deprecated), removed in \(entry.removed))",
                range: start.union(end))
        ]
    }

    static let gatekeeperRepos = Check.kubernetes(
        .kubernetes(
            "KSV-0124", names: ["repo-ambiguous-prefix"], legacy: "KSV0124",
            title: "Gatekeeper repo reference is ambiguously open-ended", severity: .high,
            description:
                "K8sAllowedRepos matches by prefix: `myrepo` also allows `myrepo-evil/…`, `docker.io/team` allows `docker.io/team-x`.",
            resolution: "End allowed repository prefixes with `/` (`registry.example.com/team/`)."),
        examples: CheckExamples(
            failing: [
                "apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sAllowedRepos\nmetadata: {name: example}\nspec:\n  parameters:\n    repos: [myregistry]\n"
            ],
            passing: [
                "apiVersion: constraints.gatekeeper.sh/v1beta1\nkind: K8sAllowedRepos\nmetadata: {name: example}\nspec:\n  parameters:\n    repos: [registry.example.com/team/]\n"
            ])
    ) { object, _ in
        guard object.apiVersion == "constraints.gatekeeper.sh/v1beta1", object.kind == "K8sAllowedRepos",
            let parameters = object.spec?["parameters"]
        else { return [] }
        let openEnded =
            parameters["repos"]?.strings.contains { repo in
                (!repo.contains("/") && !repo.contains(":"))
                    || (repo.split(separator: "/", omittingEmptySubsequences: false).first == "docker.io"
                        && repo.split(separator: "/", omittingEmptySubsequences: false).count <= 2)
            } ?? false
        return openEnded ? [CheckFailure("open-ended repository reference in prefix match", at: parameters)] : []
    }

    static let ingressNginxAnnotations = Check.kubernetes(
        CheckMetadata(
            id: "KCV-0093",
            aliases: ["AVD-KCV-0093", "KCV0093", "insecure-ingress-nginx", "kubernetes-insecure-ingress-nginx"],
            title: "Ensure ingress-nginx annotations are secure",
            description:
                "Line breaks or configuration characters in some ingress-nginx annotations inject configuration into NGINX (CVE-2025-1097, CVE-2025-1098, CVE-2025-24514).",
            resolution:
                "Keep `auth-url`, `auth-tls-match-cn`, `mirror-target` and `mirror-host` free of quotes, braces, `;`, `#` and line breaks.",
            severity: .critical,
            references: [
                "https://github.com/kubernetes/kubernetes/issues/131008",
                "https://github.com/kubernetes/kubernetes/issues/131007",
                "https://github.com/kubernetes/kubernetes/issues/131006", CheckMetadata.avdURL("KCV-0093"),
            ], namespace: "builtin.kubernetes.kcv0093", provider: "Kubernetes", fileTypes: [.kubernetes],
            kinds: ["ingress"], primaryURL: CheckMetadata.avdURL("KCV-0093")),
        examples: CheckExamples(
            failing: [
                "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: example\n  annotations:\n    nginx.ingress.kubernetes.io/auth-url: \"http://auth.example.com/#;}}}\\n\"\nspec:\n  ingressClassName: nginx\n"
            ],
            passing: [
                "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: example\n  annotations:\n    nginx.ingress.kubernetes.io/auth-url: http://auth.example.com/verify\nspec:\n  ingressClassName: nginx\n"
            ])
    ) { object, _ in
        let annotations = object.metadata?["annotations"]
        let className =
            object.spec?["ingressClassName"]?.text ?? annotations?["kubernetes.io/ingress.class"]?.text ?? ""
        guard object.kind == "Ingress", className.lowercased() == "nginx" else { return [] }
        let keys = [
            "nginx.ingress.kubernetes.io/auth-url", "nginx.ingress.kubernetes.io/auth-tls-match-cn",
            "nginx.ingress.kubernetes.io/mirror-target", "nginx.ingress.kubernetes.io/mirror-host",
        ]
        return keys.filter { key in
            guard let value = annotations?[key]?.text else { return false }
            return Patterns.suspiciousURL.matches(value) || Patterns.suspiciousCN.matches(value)
        }.map { CheckFailure("Pod has a \($0) annotation containing suspicious characters", at: object.metadata) }
    }
}
