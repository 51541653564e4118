/// Built-in Kubernetes checks on security profiles (AppArmor, seccomp, SELinux), `/proc` masks, sysctls,
/// Windows host processes and volume types.
extension KubernetesChecks {
    static let appArmor = Check.kubernetes(
        .kubernetes(
            "KSV-0002", names: ["use-default-apparmor-profile"], title: "Runtime/Default AppArmor profile not set",
            severity: .low,
            description:
                "An `Unconfined` AppArmor profile removes the mandatory access control the runtime applies by default.",
            resolution: "Use the `runtime/default` (or a `localhost/…`) AppArmor profile; never `unconfined`.",
            references: [K8s.pssBaselineURL], kinds: K8s.workloads, standards: K8s.baseline),
        examples: CheckExamples(
            failing: [
                K8sExample.pod(
                    metadata: "annotations: {container.apparmor.security.beta.kubernetes.io/app: unconfined}"),
                K8sExample.pod(container: "securityContext: {appArmorProfile: {type: Unconfined}}"),
            ],
            passing: [
                K8sExample.pod(
                    metadata: "annotations: {container.apparmor.security.beta.kubernetes.io/app: runtime/default}")
            ])
    ) { object, _ in
        guard let pod = object.pod else { return [] }
        let podProfile = pod.securityContext?["appArmorProfile", "type"]?.text
        return object.containers.filter { container in
            let annotation = pod.annotations?["container.apparmor.security.beta.kubernetes.io/\(container.name)"]?.text
            if let annotation, annotation != "runtime/default", !annotation.hasPrefix("localhost/") { return true }
            let type = container.ownSecurityContext?["appArmorProfile", "type"]?.text ?? podProfile
            return type == "Unconfined"
        }.map {
            CheckFailure(
                "Container '\($0.name)' of \(object.kind) '\(object.name)' should specify an AppArmor profile",
                at: $0.node)
        }
    }

    static let seccompRuntimeDefault = Check.kubernetes(
        .kubernetes(
            "KSV-0030", names: ["use-default-seccomp"], title: "Runtime/Default Seccomp profile not set",
            severity: .low,
            description:
                "Without a seccomp profile every system call is allowed, including rarely used ones with a history of kernel flaws.",
            resolution:
                "Set `securityContext.seccompProfile.type: RuntimeDefault` on the pod (or `Localhost` with a profile).",
            references: [K8s.pssRestrictedURL], kinds: K8s.workloads, standards: K8s.restricted),
        examples: CheckExamples(
            failing: [
                K8sExample.pod(),
                K8sExample.pod(metadata: "annotations: {seccomp.security.alpha.kubernetes.io/pod: unconfined}"),
            ],
            passing: [K8sExample.pod(pod: "securityContext: {seccompProfile: {type: RuntimeDefault}}")])
    ) { object, _ in
        guard let pod = object.pod else { return [] }
        let key = "seccomp.security.alpha.kubernetes.io/pod"
        if let annotation = pod.annotations?[key] {
            return annotation.text == "runtime/default"
                ? [] : [CheckFailure("\(key) should be set to 'runtime/default'", at: annotation)]
        }
        return object.containers.filter { container in
            let type = container.securityContext("seccompProfile", "type")?.text ?? ""
            return type != "RuntimeDefault" && type != "Localhost"
        }.map {
            CheckFailure(
                "Either Pod or Container should set 'securityContext.seccompProfile.type' to 'RuntimeDefault'",
                at: $0.node)
        }
    }

    static let seccompUnconfined = Check.kubernetes(
        .kubernetes(
            "KSV-0104", names: ["no-seccomp-unconfined"], title: "Seccomp policies disabled", severity: .medium,
            description: "A container with no seccomp profile, or `Unconfined`, may make every system call.",
            resolution: "Set a seccomp profile (`RuntimeDefault`) on the pod or the container.",
            references: [K8s.pssBaselineURL], kinds: K8s.workloads, standards: K8s.baseline),
        examples: CheckExamples(
            failing: [
                K8sExample.pod(container: "securityContext: {seccompProfile: {type: Unconfined}}"), K8sExample.pod(),
            ],
            passing: [K8sExample.deployment(pod: "securityContext: {seccompProfile: {type: RuntimeDefault}}")])
    ) { object, _ in
        guard let pod = object.pod else { return [] }
        return object.containers.filter { container in
            let annotations = pod.annotations
            let annotated =
                annotations?["container.seccomp.security.alpha.kubernetes.io/\(container.name)"]?.text
                ?? annotations?["seccomp.security.alpha.kubernetes.io/pod"]?.text
            let type = container.securityContext("seccompProfile", "type")?.text ?? annotated ?? ""
            return type.isEmpty || type.lowercased() == "unconfined"
        }.map {
            CheckFailure(
                "container \"\($0.name)\" of \(object.kind.lowercased()) \"\(object.name)\" in \"\(object.namespace)\" namespace should specify a seccomp profile",
                at: $0.node)
        }
    }

    static let seLinux = Check.kubernetes(
        .kubernetes(
            "KSV-0025", names: ["no-custom-selinux-options"], title: "SELinux custom options set", severity: .medium,
            description:
                "Custom SELinux types, users or roles can lift the confinement the runtime's default labels give.",
            resolution:
                "Leave `seLinuxOptions` unset, or use only the types `container_t`, `container_init_t`, `container_kvm_t`.",
            references: [K8s.pssBaselineURL], kinds: K8s.workloads, standards: K8s.baseline),
        examples: CheckExamples(
            failing: [
                K8sExample.pod(container: "securityContext: {seLinuxOptions: {type: spc_t}}"),
                K8sExample.pod(pod: "securityContext: {seLinuxOptions: {user: system_u}}"),
            ],
            passing: [K8sExample.pod(container: "securityContext: {seLinuxOptions: {type: container_t}}")])
    ) { object, _ in
        guard let pod = object.pod else { return [] }
        let allowed: Set<String> = ["container_t", "container_init_t", "container_kvm_t"]
        let contexts = object.containers.compactMap(\.ownSecurityContext) + [pod.securityContext].compactMap { $0 }
        var failures: [CheckFailure] = []
        var forbidden: Set<String> = []
        for options in contexts.compactMap({ $0["seLinuxOptions"] }) {
            if let type = options["type"]?.text, !allowed.contains(type) {
                failures.append(
                    CheckFailure("\(object.kind) '\(object.name)' uses invalid seLinux type '\(type)'", at: options))
            }
            for key in ["role", "user"] where options.has(key) { forbidden.insert("'\(key)'") }
        }
        if !forbidden.isEmpty {
            failures.append(
                CheckFailure(
                    "\(object.kind) '\(object.name)' uses restricted properties in seLinuxOptions: (\(forbidden.sorted().joined(separator: ", ")))",
                    at: pod.spec))
        }
        return failures
    }

    static let procMount = K8s.containers(
        .kubernetes(
            "KSV-0027", names: ["no-custom-proc-mask"], title: "Non-default /proc masks set", severity: .medium,
            description: "`procMount: Unmasked` exposes kernel information under `/proc` that the default mask hides.",
            resolution: "Leave `securityContext.procMount` unset or `Default`.",
            references: [K8s.pssBaselineURL], kinds: K8s.workloads, standards: K8s.baseline),
        examples: CheckExamples(
            failing: [K8sExample.pod(container: "securityContext: {procMount: Unmasked}")],
            passing: [K8sExample.pod(container: "securityContext: {procMount: Default}")]),
        message: { _, object in
            "\(object.kind) '\(object.name)' should not set 'spec.containers[*].securityContext.procMount' or 'spec.initContainers[*].securityContext.procMount'"
        }
    ) { container in
        guard let mount = container.securityContext("procMount") else { return false }
        return mount.text != "Default"
    }

    static let hostProcess = Check.kubernetes(
        .kubernetes(
            "KSV-0103", names: ["no-hostprocess-containers"], title: "Access to host process", severity: .medium,
            description: "Windows HostProcess containers run directly on the node with its privileges.",
            resolution: "Do not set `windowsOptions.hostProcess: true`.",
            references: [K8s.pssBaselineURL], kinds: K8s.workloads, standards: K8s.baseline),
        examples: CheckExamples(
            failing: [K8sExample.pod(pod: "securityContext: {windowsOptions: {hostProcess: true}}")],
            passing: [K8sExample.pod(container: "securityContext: {windowsOptions: {hostProcess: false}}")])
    ) { object, _ in
        var causes: [ConfigNode] = []
        if let options = object.pod?.securityContext?["windowsOptions"], options["hostProcess"]?.bool == true {
            causes.append(options)
        }
        for container in object.containers {
            if let options = container.ownSecurityContext?["windowsOptions"], options["hostProcess"]?.bool == true {
                causes.append(options)
            }
        }
        return causes.map { CheckFailure("You should not enable hostProcess.", at: $0) }
    }

    /// The sysctls the baseline Pod Security Standard allows, by the Kubernetes version that allowed them.
    static let safeSysctls: [(version: [Int], names: Set<String>)] = [
        (
            [1, 0, 0],
            [
                "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
                "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
            ]
        ),
        ([1, 27, 0], ["net.ipv4.ip_local_reserved_ports"]),
        (
            [1, 29, 0],
            [
                "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
                "net.ipv4.tcp_keepalive_probes",
            ]
        ),
        ([1, 32, 0], ["net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem"]),
    ]

    /// The allowed sysctls for `version` (`1.28.3`); the newest list when none is given.
    static func allowedSysctls(for version: String?) -> Set<String> {
        let parts = version.map(kubernetesVersionParts) ?? [Int.max]
        return safeSysctls.filter { $0.version.lexicographicallyPrecedes(parts) || $0.version == parts }
            .reduce(into: Set<String>()) { $0.formUnion($1.names) }
    }

    /// `v1.28.3-gke.100` → `[1, 28, 3]`.
    static func kubernetesVersionParts(_ version: String) -> [Int] {
        let trimmed = version.hasPrefix("v") ? version.dropFirst() : Substring(version)
        return trimmed.split(separator: "-").first.map { $0.split(separator: ".").map { Int($0) ?? 0 } } ?? []
    }

    static let unsafeSysctls = Check.kubernetes(
        .kubernetes(
            "KSV-0026", names: ["no-unsafe-sysctl"], title: "Unsafe sysctl options set", severity: .medium,
            description: "Sysctls outside the safe set change kernel behaviour for the whole node, not just the pod.",
            resolution: "Use only the sysctls the baseline Pod Security Standard allows.",
            references: [K8s.pssBaselineURL], kinds: K8s.workloads, standards: K8s.baseline),
        examples: CheckExamples(
            failing: [K8sExample.pod(pod: "securityContext: {sysctls: [{name: kernel.msgmax, value: \"65536\"}]}")],
            passing: [
                K8sExample.pod(pod: "securityContext: {sysctls: [{name: net.ipv4.tcp_syncookies, value: \"1\"}]}")
            ])
    ) { object, settings in
        guard let pod = object.pod, let sysctls = pod.securityContext?["sysctls"] else { return [] }
        let allowed = allowedSysctls(for: settings.kubernetesVersion)
        let disallowed = Set(sysctls.items.compactMap { $0["name"]?.text }).subtracting(allowed).sorted()
        guard !disallowed.isEmpty else { return [] }
        return [
            CheckFailure(
                "Pod '\(object.name)' has disallowed sysctls: [\(disallowed.joined(separator: " "))] and must only use allowed sysctls.",
                at: sysctls)
        ]
    }

    static let nonCoreVolumes = Check.kubernetes(
        .kubernetes(
            "KSV-0028", names: ["no-non-ephemeral-volumes"], title: "Non-core volume types used.", severity: .low,
            description:
                "The restricted Pod Security Standard allows only core volume types; others reach outside storage directly from the pod.",
            resolution: "Use core volume types (configMap, emptyDir, secret, projected, persistentVolumeClaim, …).",
            references: [K8s.pssRestrictedURL], kinds: K8s.workloads, standards: K8s.restricted),
        examples: CheckExamples(
            failing: [K8sExample.pod(pod: "volumes: [{name: shared, nfs: {server: nfs.example.com, path: /exports}}]")],
            passing: [K8sExample.pod(pod: "volumes: [{name: data, persistentVolumeClaim: {claimName: data}}]")])
    ) { object, _ in
        let disallowed = [
            "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "nfs", "iscsi", "glusterfs", "rbd", "flexVolume",
            "cinder", "cephFS", "flocker", "fc", "azureFile", "vsphereVolume", "quobyte", "azureDisk",
            "portworxVolume", "scaleIO", "storageos",
        ]
        return (object.pod?.volumes ?? []).filter { volume in disallowed.contains { volume.has($0) } }.map {
            CheckFailure(
                "\(object.kind) '\(object.name)' should set 'spec.volumes[*]' to an allowed volume type", at: $0)
        }
    }
}
