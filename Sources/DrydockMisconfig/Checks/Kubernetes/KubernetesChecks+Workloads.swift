import Foundation

/// Built-in Kubernetes checks on resources, images, namespaces and service account tokens.
extension KubernetesChecks {
    /// A check that every container sets `resources.<section>.<resource>`.
    static func resource(_ section: String, _ resource: String, _ metadata: CheckMetadata) -> Check {
        K8s.containers(
            metadata,
            examples: CheckExamples(
                failing: [K8sExample.pod()],
                passing: [
                    K8sExample.pod(
                        container: "resources: {\(section): {\(resource): \(resource == "cpu" ? "250m" : "128Mi")}}")
                ]),
            message: K8s.containerMessage("set 'resources.\(section).\(resource)'")
        ) { container in
            // A request left out defaults to the limit (Kubernetes copies it), so a limit also sets the request.
            let sections = section == "requests" ? ["requests", "limits"] : [section]
            return !sections.contains { container.node["resources", $0]?.has(resource) == true }
        }
    }

    static let cpuLimit = resource(
        "limits", "cpu",
        .kubernetes(
            "KSV-0011", names: ["limit-cpu"], title: "CPU not limited", severity: .low,
            description: "A container without a CPU limit can take all of its node's CPU from its neighbours.",
            resolution: "Set `resources.limits.cpu`.",
            references: [
                "https://cloud.google.com/blog/products/containers-kubernetes/kubernetes-best-practices-resource-requests-and-limits"
            ],
            kinds: K8s.workloads))

    static let cpuRequest = resource(
        "requests", "cpu",
        .kubernetes(
            "KSV-0015", names: ["no-unspecified-cpu-requests"], title: "CPU requests not specified", severity: .low,
            description:
                "Without a CPU request (or a limit, which the request then copies) the scheduler cannot place the pod sensibly and it is the first to be starved.",
            resolution: "Set `resources.requests.cpu`.",
            references: [
                "https://cloud.google.com/blog/products/containers-kubernetes/kubernetes-best-practices-resource-requests-and-limits"
            ],
            kinds: K8s.workloads))

    static let memoryRequest = resource(
        "requests", "memory",
        .kubernetes(
            "KSV-0016", names: ["no-unspecified-memory-requests"], title: "Memory requests not specified",
            severity: .low,
            description:
                "Without a memory request (or a limit, which the request then copies) the scheduler may overcommit the node; the pod is evicted first under pressure.",
            resolution: "Set `resources.requests.memory`.",
            references: ["https://kubesec.io/basics/containers-resources-limits-memory/"], kinds: K8s.workloads))

    static let memoryLimit = resource(
        "limits", "memory",
        .kubernetes(
            "KSV-0018", names: ["limit-memory"], title: "Memory not limited", severity: .low,
            description: "A container without a memory limit can exhaust its node's memory and get other pods killed.",
            resolution: "Set `resources.limits.memory`.",
            references: ["https://kubesec.io/basics/containers-resources-limits-memory/"], kinds: K8s.workloads))

    static let imageTag = K8s.containers(
        .kubernetes(
            "KSV-0013", names: ["use-specific-tags"], title: "Image tag \":latest\" used", severity: .medium,
            description:
                "An untagged or `latest` image changes under the same manifest: rollbacks and audits cannot tell what ran.",
            resolution: "Use a version tag or, better, a digest (`image: app@sha256:…`).",
            references: ["https://kubernetes.io/docs/concepts/configuration/overview/#container-images"],
            kinds: K8s.workloads),
        examples: CheckExamples(
            failing: [
                K8sExample.pod().replacingOccurrences(of: "app:1.0", with: "app:latest"),
                K8sExample.pod().replacingOccurrences(
                    of: "registry.example.com/app:1.0", with: "registry.example.com:5000/app"),
            ],
            passing: [K8sExample.pod().replacingOccurrences(of: "app:1.0", with: "app@sha256:0123456789abcdef")]),
        message: K8s.containerMessage("specify an image tag")
    ) { container in
        let reference = ImageReferenceParts(container.image)
        return reference.digest == nil && (reference.tag == nil || reference.tag == "latest")
    }

    static let tiller = Check.kubernetes(
        .kubernetes(
            "KSV-0102", names: ["no-tiller"], title: "Tiller Is Deployed", severity: .critical,
            description:
                "Tiller, the server side of Helm 2, runs with cluster-wide rights and no authentication by default.",
            resolution: "Remove Tiller; use Helm 3, which has no server component."),
        examples: CheckExamples(
            failing: [
                K8sExample.pod().replacingOccurrences(
                    of: "registry.example.com/app:1.0", with: "ghcr.io/helm/tiller:v2.17.0")
            ],
            passing: [K8sExample.pod()])
    ) { object, _ in
        func isTiller(_ metadata: ConfigNode?) -> Bool {
            guard let metadata else { return false }
            return (metadata["name"]?.text ?? "").contains("tiller") || metadata["labels", "app"]?.text == "helm"
                || metadata["labels", "name"]?.text == "tiller"
        }
        let objectIsTiller = isTiller(object.metadata) || isTiller(object.pod?.metadata)
        return object.containers.filter { objectIsTiller || $0.image.contains("tiller") }.map {
            CheckFailure(
                "container '\($0.name)' of \(object.kind.lowercased()) '\(object.name)' in '\(object.namespace)' namespace shouldn't have tiller deployed",
                at: $0.node)
        }
    }

    static let serviceAccountToken = Check.kubernetes(
        .kubernetes(
            "KSV-0036", names: ["no-auto-mount-service-token"], title: "Protecting Pod service account tokens",
            severity: .medium,
            description:
                "A mounted service account token lets anyone who compromises the pod call the Kubernetes API as it.",
            resolution: "Set `automountServiceAccountToken: false` on pods that do not call the API.",
            references: [
                "https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/#serviceaccount-admission-controller"
            ]),
        examples: CheckExamples(
            failing: [
                K8sExample.pod(pod: "automountServiceAccountToken: true"),
                K8sExample.pod(
                    container: "volumeMounts: [{name: token, mountPath: /var/run/secrets/kubernetes.io/serviceaccount}]"
                ),
            ],
            passing: [K8sExample.pod(pod: "automountServiceAccountToken: false"), K8sExample.pod()])
    ) { object, _ in
        guard let spec = object.pod?.spec else { return [] }
        let mounts: Bool
        if let automount = spec["automountServiceAccountToken"] {
            mounts = automount.bool == true
        } else {
            mounts = object.containers.contains { container in
                (container.node["volumeMounts"]?.items ?? []).contains {
                    $0["mountPath"]?.text == "/var/run/secrets/kubernetes.io/serviceaccount"
                }
            }
        }
        return mounts
            ? [
                CheckFailure(
                    "Container of \(object.kind) '\(object.name)' should set 'spec.automountServiceAccountToken' to false",
                    at: spec)
            ]
            : []
    }

    static let kubeSystem = Check.kubernetes(
        .kubernetes(
            "KSV-0037", names: ["no-user-pods-in-system-namespace", "no-user-resources-in-system-namespace"],
            title: "User resources should not be placed in kube-system namespace", severity: .medium,
            description:
                "`kube-system` holds the control plane; workloads placed there share its trust and its service accounts.",
            resolution: "Deploy into a namespace of your own.",
            references: ["https://kubernetes.io/docs/reference/setup-tools/kubeadm/implementation-details/"]),
        examples: CheckExamples(
            failing: [K8sExample.pod(metadata: "namespace: kube-system")],
            passing: [
                K8sExample.pod(metadata: "namespace: apps"),
                K8sExample.pod(
                    pod: "priorityClassName: system-node-critical",
                    metadata: "namespace: kube-system\nlabels: {tier: control-plane, component: kube-apiserver}"),
            ])
    ) { object, _ in
        guard object.namespace == "kube-system" else { return [] }
        let labels = object.metadata?["labels"]
        let isCoreComponent =
            labels?["tier"]?.text == "control-plane"
            && object.spec?["priorityClassName"]?.text == "system-node-critical"
            && ["kube-apiserver", "etcd", "kube-controller-manager", "kube-scheduler"].contains(
                labels?["component"]?.text ?? "")
        return isCoreComponent
            ? []
            : [
                CheckFailure(
                    "\(object.kind) '\(object.name)' should not be set with 'kube-system' namespace",
                    at: object.metadata?["namespace"])
            ]
    }

    static let defaultNamespace = Check.kubernetes(
        .kubernetes(
            "KSV-0110", names: ["default-namespace-should-not-be-used"], title: "Workloads in the default namespace",
            severity: .low,
            description:
                "The `default` namespace collects everything not placed elsewhere: policies, quotas and access rules are hard to scope there.",
            resolution: "Set `metadata.namespace` to a namespace of the application.",
            references: ["https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/"],
            kinds: K8s.workloads),
        examples: CheckExamples(
            failing: [K8sExample.pod(), K8sExample.pod(metadata: "namespace: default")],
            passing: [K8sExample.pod(metadata: "namespace: apps")])
    ) { object, _ in
        guard object.namespace == "default" else { return [] }
        return [
            CheckFailure(
                "\(object.kind.lowercased()) \(object.name) in default namespace should set metadata.namespace to a non-default namespace",
                at: object.metadata?["namespace"] ?? object.metadata)
        ]
    }
}
