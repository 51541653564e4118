/// Built-in Kubernetes checks on what a pod shares with its node: namespaces, paths, ports, sysctls.
extension KubernetesChecks {
    /// A check that `spec.<field>` of the pod is not `true`.
    static func hostNamespace(_ field: String, _ metadata: CheckMetadata) -> Check {
        Check.kubernetes(
            metadata,
            examples: CheckExamples(
                failing: [K8sExample.pod(pod: "\(field): true"), K8sExample.deployment(pod: "\(field): true")],
                passing: [K8sExample.pod(pod: "\(field): false"), K8sExample.pod()])
        ) { object, _ in
            guard let value = object.pod?.spec?[field], value.bool == true else { return [] }
            return [
                CheckFailure(
                    "\(object.kind) '\(object.name)' should not set 'spec.template.spec.\(field)' to true", at: value)
            ]
        }
    }

    static let hostIPC = hostNamespace(
        "hostIPC",
        .kubernetes(
            "KSV-0008", names: ["no-shared-ipc-namespace"], title: "Access to host IPC namespace", severity: .high,
            description:
                "A pod in the host's IPC namespace can read and write the shared memory of every process on the node.",
            resolution: "Do not set `spec.hostIPC` (or set it to false).",
            references: [K8s.pssBaselineURL], kinds: K8s.workloads, standards: K8s.baseline))

    static let hostNetwork = hostNamespace(
        "hostNetwork",
        .kubernetes(
            "KSV-0009", names: ["no-host-network"], title: "Access to host network", severity: .high,
            description: """
                A pod on the host network sees the node's interfaces and can reach services bound to localhost, \
                bypassing network policies.
                """,
            resolution: "Do not set `spec.hostNetwork` (or set it to false).",
            references: [K8s.pssBaselineURL], kinds: K8s.workloads, standards: K8s.baseline))

    static let hostPID = hostNamespace(
        "hostPID",
        .kubernetes(
            "KSV-0010", names: ["no-host-pid"], title: "Access to host PID", severity: .high,
            description:
                "A pod in the host's PID namespace sees every process of the node and can signal or inspect them.",
            resolution: "Do not set `spec.hostPID` (or set it to false).",
            references: [K8s.pssBaselineURL], kinds: K8s.workloads, standards: K8s.baseline))

    static let dockerSocket = Check.kubernetes(
        .kubernetes(
            "KSV-0006", names: ["no-docker-sock-mount"], title: "hostPath volume mounted with docker.sock",
            severity: .high,
            description:
                "The container runtime's socket gives full control of the node: whoever holds it can start a privileged container.",
            resolution: "Do not mount `/var/run/docker.sock` (or any runtime socket) into pods.",
            references: ["https://kubesec.io/basics/spec-volumes-hostpath-path-var-run-docker-sock/"],
            kinds: K8s.workloads),
        examples: CheckExamples(
            failing: [K8sExample.pod(pod: "volumes: [{name: sock, hostPath: {path: /var/run/docker.sock}}]")],
            passing: [K8sExample.pod(pod: "volumes: [{name: cache, emptyDir: {}}]")])
    ) { object, _ in
        let sockets: Set<String> = ["/var/run/docker.sock", "/run/docker.sock"]
        return (object.pod?.volumes ?? []).filter { sockets.contains($0["hostPath", "path"]?.text ?? "") }.map {
            volume in
            CheckFailure(
                "\(object.kind) '\(object.name)' should not specify '/var/run/docker.sock' in 'spec.template.volumes.hostPath.path'",
                at: volume)
        }
    }

    static let hostAliases = Check.kubernetes(
        .kubernetes(
            "KSV-0007", names: ["no-hostaliases"], title: "Manages /etc/hosts", severity: .low,
            description:
                "`hostAliases` rewrite the pod's `/etc/hosts`, which can silently redirect traffic meant for other services.",
            resolution: "Use DNS (a Service or ExternalName) instead of `spec.hostAliases`.",
            kinds: K8s.workloads),
        examples: CheckExamples(
            failing: [K8sExample.pod(pod: "hostAliases: [{ip: 10.0.0.1, hostnames: [db.internal]}]")],
            passing: [K8sExample.pod()])
    ) { object, _ in
        guard let spec = object.pod?.spec, let aliases = spec["hostAliases"] else { return [] }
        return [
            CheckFailure(
                "'\(object.kind.lowercased())' '\(object.name)' in '\(object.namespace)' namespace should not set spec.template.spec.hostAliases",
                at: aliases)
        ]
    }

    static let hostPathVolumes = Check.kubernetes(
        .kubernetes(
            "KSV-0023", names: ["no-mounted-hostpath"], title: "hostPath volumes mounted", severity: .medium,
            description:
                "A `hostPath` volume exposes the node's file system to the pod, a common path to escape the container.",
            resolution: "Use `emptyDir`, ConfigMaps, Secrets or persistent volumes instead of `hostPath`.",
            references: [K8s.pssBaselineURL], kinds: K8s.workloads, standards: K8s.baseline),
        examples: CheckExamples(
            failing: [K8sExample.pod(pod: "volumes: [{name: logs, hostPath: {path: /var/log}}]")],
            passing: [K8sExample.pod(pod: "volumes: [{name: cache, emptyDir: {}}]")])
    ) { object, _ in
        (object.pod?.volumes ?? []).filter { $0.has("hostPath") }.map {
            CheckFailure("\(object.kind) '\(object.name)' should not set 'spec.template.volumes.hostPath'", at: $0)
        }
    }

    static let disallowedHostPaths = Check.kubernetes(
        .kubernetes(
            "KSV-0121", names: ["no-k8s-with-disallowed-volumes"],
            title: "Kubernetes resource with disallowed volumes mounted", severity: .high,
            description:
                "Mounting `/`, `/etc`, `/proc`, `/sys`, `/dev`, `/boot`, `/lib`, `/usr` or `/var/lib/docker` from the node exposes its system files.",
            resolution: "Do not mount system folders of the node into pods.",
            references: [K8s.pssRestrictedURL], kinds: K8s.workloads),
        examples: CheckExamples(
            failing: [K8sExample.pod(pod: "volumes: [{name: etc, hostPath: {path: /etc}}]")],
            passing: [K8sExample.pod(pod: "volumes: [{name: data, hostPath: {path: /srv/data}}]")])
    ) { object, _ in
        let disallowed: Set<String> = [
            "/", "/boot", "/dev", "/etc", "/lib", "/proc", "/sys", "/usr", "/var/lib/docker",
        ]
        let volumes = (object.pod?.volumes ?? []).filter { volume in
            guard var path = volume["hostPath", "path"]?.text else { return false }
            while path.count > 1, path.hasSuffix("/") { path.removeLast() }
            return disallowed.contains(path)
        }
        guard !volumes.isEmpty else { return [] }
        let paths = volumes.compactMap { $0["hostPath", "path"]?.text }
        return volumes.map {
            CheckFailure(
                "\(object.kind.lowercased()) \(object.name) in \(object.namespace) namespace shouldn't have volumes set to \(K8s.set(paths))",
                at: $0)
        }
    }

    static let hostPorts = K8s.containers(
        .kubernetes(
            "KSV-0024", names: ["no-host-port-access"], title: "Access to host ports", severity: .high,
            description:
                "A `hostPort` binds the node's port: it bypasses Services and network policies and limits scheduling.",
            resolution: "Remove `ports[*].hostPort`; expose the pod through a Service.",
            references: [K8s.pssBaselineURL], kinds: K8s.workloads, standards: K8s.baseline),
        examples: CheckExamples(
            failing: [K8sExample.pod(container: "ports: [{containerPort: 8080, hostPort: 8080}]")],
            passing: [K8sExample.pod(container: "ports: [{containerPort: 8080}]")]),
        message: K8s.containerMessage("not set host ports, 'ports[*].hostPort'")
    ) { container in
        (container.node["ports"]?.items ?? []).contains { ($0["hostPort"]?.int ?? 0) != 0 }
    }

    static let privilegedPorts = Check.kubernetes(
        .kubernetes(
            "KSV-0117", names: ["no-privilege-port-binding"], title: "Prevent binding to privileged ports",
            severity: .medium,
            description: "Ports below 1024 need `NET_BIND_SERVICE` or root inside the container.",
            resolution: "Listen on a port of 1024 or above and map it in the Service.",
            references: [
                "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
                "https://www.stigviewer.com/stig/kubernetes/2022-12-02/finding/V-242414",
            ], kinds: K8s.workloads),
        examples: CheckExamples(
            failing: [K8sExample.pod(container: "ports: [{containerPort: 80}]")],
            passing: [K8sExample.pod(container: "ports: [{containerPort: 8080}]")])
    ) { object, _ in
        object.containers.flatMap { $0.node["ports"]?.items ?? [] }.filter {
            guard let port = $0["containerPort"]?.int else { return false }
            return port < 1024
        }.map {
            CheckFailure(
                "\(object.kind.lowercased()) \(object.name) in \(object.namespace) namespace should not set spec.template.spec.containers.ports.containerPort to less than 1024",
                at: $0)
        }
    }
}
