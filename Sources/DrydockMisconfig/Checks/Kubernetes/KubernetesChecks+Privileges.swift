/// Built-in Kubernetes checks on containers' privileges: escalation, privileged mode, capabilities, users.
extension KubernetesChecks {
    static let privilegeEscalation = K8s.containers(
        .kubernetes(
            "KSV-0001", names: ["no-self-privesc"], title: "Can elevate its own privileges", severity: .medium,
            description: """
                Unless `allowPrivilegeEscalation` is false, a process in the container can gain more privileges \
                than its parent (setuid binaries, file capabilities) and so reach root inside the container.
                """,
            resolution: "Set `securityContext.allowPrivilegeEscalation: false` on every container.",
            references: [K8s.pssRestrictedURL], kinds: K8s.workloads, standards: K8s.restricted),
        examples: CheckExamples(
            failing: [
                K8sExample.pod(), K8sExample.pod(container: "securityContext: {allowPrivilegeEscalation: true}"),
            ],
            passing: [K8sExample.deployment(container: "securityContext: {allowPrivilegeEscalation: false}")]),
        message: K8s.containerMessage("set 'securityContext.allowPrivilegeEscalation' to false")
    ) { $0.securityContext("allowPrivilegeEscalation")?.bool != false }

    static let dropAllCapabilities = K8s.containers(
        .kubernetes(
            "KSV-0003", names: ["drop-default-capabilities"],
            title: "Default capabilities: some containers do not drop all", severity: .low,
            description: """
                Containers start with a default set of Linux capabilities (raw sockets, changing file owners, …) \
                that most applications never use and an attacker can.
                """,
            resolution: "Add `ALL` to `securityContext.capabilities.drop`, then add back only what is needed.",
            references: ["https://kubesec.io/basics/containers-securitycontext-capabilities-drop-index-all/"],
            kinds: K8s.workloads),
        examples: CheckExamples(
            failing: [K8sExample.pod(container: "securityContext: {capabilities: {drop: [NET_RAW]}}")],
            passing: [K8sExample.pod(container: "securityContext: {capabilities: {drop: [ALL]}}")]),
        message: K8s.containerMessage("add 'ALL' to 'securityContext.capabilities.drop'")
    ) { !$0.droppedCapabilities.contains { $0.lowercased() == "all" } }

    static let dropAnyCapability = K8s.containers(
        .kubernetes(
            "KSV-0004", names: ["drop-unused-capabilities"],
            title: "Default capabilities: some containers do not drop any",
            severity: .low,
            description: "A container that drops no capability keeps every default one, used or not.",
            resolution: "Set `securityContext.capabilities.drop` (ideally to `[ALL]`).",
            references: ["https://kubesec.io/basics/containers-securitycontext-capabilities-drop-index-all/"],
            kinds: K8s.workloads),
        examples: CheckExamples(
            failing: [K8sExample.pod()],
            passing: [K8sExample.pod(container: "securityContext: {capabilities: {drop: [NET_RAW]}}")]),
        message: { container, object in
            "Container '\(container.name)' of '\(object.kind.lowercased())' '\(object.name)' in '\(object.namespace)' namespace should set securityContext.capabilities.drop"
        }
    ) { $0.securityContext("capabilities")?.has("drop") != true }

    /// A check that a capability is not added.
    static func capabilityAdded(
        _ capability: String, _ metadata: CheckMetadata,
        message: @escaping @Sendable (ContainerView, KubernetesObject) -> String
    ) -> Check {
        K8s.containers(
            metadata,
            examples: CheckExamples(
                failing: [K8sExample.pod(container: "securityContext: {capabilities: {add: [\(capability)]}}")],
                passing: [K8sExample.pod(container: "securityContext: {capabilities: {add: [NET_BIND_SERVICE]}}")]),
            message: message
        ) { $0.addedCapabilities.contains(capability) }
    }

    static let sysAdmin = capabilityAdded(
        "SYS_ADMIN",
        .kubernetes(
            "KSV-0005", names: ["no-sysadmin-capability"], title: "SYS_ADMIN capability added", severity: .high,
            description: """
                `SYS_ADMIN` allows mounting file systems, changing namespaces and much else: it is close to root \
                on the node and the usual first step of container escapes.
                """,
            resolution: "Remove `SYS_ADMIN` from `securityContext.capabilities.add`.",
            references: ["https://kubesec.io/basics/containers-securitycontext-capabilities-add-index-sys-admin/"],
            kinds: K8s.workloads),
        message: K8s.containerMessage("not include 'SYS_ADMIN' in 'securityContext.capabilities.add'"))

    static let netRaw = capabilityAdded(
        "NET_RAW",
        .kubernetes(
            "KSV-0119", names: ["no-net-raw"], title: "NET_RAW capability added", severity: .high,
            description: "`NET_RAW` lets a process forge packets and spoof addresses on the pod network.",
            resolution: "Remove `NET_RAW` from `securityContext.capabilities.add`.",
            references: ["https://kubernetes.io/docs/concepts/security/pod-security-standards/"], kinds: K8s.workloads),
        message: { container, object in
            "container \(container.name) of \(object.kind.lowercased()) \(object.name) in \(object.namespace) namespace should not include 'NET_RAW' in securityContext.capabilities.add"
        })

    static let sysModule = capabilityAdded(
        "SYS_MODULE",
        .kubernetes(
            "KSV-0120", names: ["no-sysmodule-capability"], title: "SYS_MODULE capability added", severity: .high,
            description: "`SYS_MODULE` lets a process load kernel modules: code running in the node's kernel.",
            resolution: "Remove `SYS_MODULE` from `securityContext.capabilities.add`.",
            references: ["https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"],
            kinds: K8s.workloads),
        message: { container, object in
            "container \(container.name) of \(object.kind.lowercased()) \(object.name) in \(object.namespace) namespace should not include 'SYS_MODULE' in securityContext.capabilities.add"
        })

    static let capabilitiesAdded = K8s.containers(
        .kubernetes(
            "KSV-0022", names: ["no-non-default-capabilities"], title: "Specific capabilities added", severity: .medium,
            description: "Every capability added beyond the defaults widens what a compromised process can do.",
            resolution: "Do not set `securityContext.capabilities.add`.",
            references: [K8s.pssBaselineURL], kinds: K8s.workloads, standards: K8s.baseline),
        examples: CheckExamples(
            failing: [K8sExample.pod(container: "securityContext: {capabilities: {add: [NET_ADMIN]}}")],
            passing: [K8sExample.pod(container: "securityContext: {capabilities: {drop: [ALL]}}")]),
        message: K8s.containerMessage("not set 'securityContext.capabilities.add'")
    ) { !$0.addedCapabilities.isEmpty }

    static let onlyNetBindService = Check.kubernetes(
        .kubernetes(
            "KSV-0106", names: ["drop-caps-add-bind-svc"],
            title: "Container capabilities must only include NET_BIND_SERVICE", severity: .low,
            description:
                "The restricted Pod Security Standard requires dropping all capabilities and adding back at most `NET_BIND_SERVICE`.",
            resolution: "Drop `ALL` capabilities and add back only `NET_BIND_SERVICE`, if needed.",
            references: [K8s.pssRestrictedURL], kinds: K8s.workloads, standards: K8s.restricted),
        examples: CheckExamples(
            failing: [
                K8sExample.pod(),
                K8sExample.pod(container: "securityContext: {capabilities: {drop: [ALL], add: [CHOWN]}}"),
            ],
            passing: [
                K8sExample.pod(container: "securityContext: {capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}}")
            ])
    ) { object, _ in
        object.containers.flatMap { container -> [CheckFailure] in
            guard container.droppedCapabilities.contains(where: { $0.uppercased() == "ALL" }) else {
                return [CheckFailure("container should drop all", at: container.node)]
            }
            return container.addedCapabilities.filter { $0 != "NET_BIND_SERVICE" }.map { _ in
                CheckFailure("container should not add stuff", at: container.securityContext("capabilities"))
            }
        }
    }

    static let privileged = K8s.containers(
        .kubernetes(
            "KSV-0017", names: ["no-privileged-containers"], title: "Privileged", severity: .high,
            description: """
                A privileged container has every capability and the host's devices: it can do anything root on \
                the node can.
                """,
            resolution: "Set `securityContext.privileged: false` (or leave it unset).",
            references: [K8s.pssBaselineURL], kinds: K8s.workloads, standards: K8s.baseline),
        examples: CheckExamples(
            failing: [K8sExample.deployment(container: "securityContext: {privileged: true}")],
            passing: [K8sExample.pod(container: "securityContext: {privileged: false}")]),
        message: K8s.containerMessage("set 'securityContext.privileged' to false")
    ) { $0.securityContext("privileged")?.bool == true }

    static let runAsNonRoot = K8s.containers(
        .kubernetes(
            "KSV-0012", names: ["no-root"], title: "Runs as root user", severity: .medium,
            description: """
                Without `runAsNonRoot: true` the kubelet starts the container as whatever user the image says, \
                often root.
                """,
            resolution: "Set `securityContext.runAsNonRoot: true` on the pod or every container.",
            references: [K8s.pssRestrictedURL], kinds: K8s.workloads, standards: K8s.restricted),
        examples: CheckExamples(
            failing: [
                K8sExample.pod(),
                K8sExample.pod(
                    container: "securityContext: {runAsNonRoot: false}", pod: "securityContext: {runAsNonRoot: true}"),
            ],
            passing: [K8sExample.pod(pod: "securityContext: {runAsNonRoot: true}")]),
        message: K8s.containerMessage("set 'securityContext.runAsNonRoot' to true")
    ) { $0.securityContext("runAsNonRoot")?.bool != true }

    static let readOnlyRootFilesystem = K8s.containers(
        .kubernetes(
            "KSV-0014", names: ["use-readonly-filesystem"], title: "Root file system is not read-only", severity: .high,
            description:
                "A writable root file system lets an intruder drop tools and change binaries inside the container.",
            resolution:
                "Set `securityContext.readOnlyRootFilesystem: true`; mount `emptyDir` volumes where writes are needed.",
            references: ["https://kubesec.io/basics/containers-securitycontext-readonlyrootfilesystem-true/"],
            kinds: K8s.workloads),
        examples: CheckExamples(
            failing: [K8sExample.pod()],
            passing: [K8sExample.pod(container: "securityContext: {readOnlyRootFilesystem: true}")]),
        message: K8s.containerMessage("set 'securityContext.readOnlyRootFilesystem' to true")
    ) { $0.securityContext("readOnlyRootFilesystem")?.bool != true }

    static let highUID = K8s.containers(
        .kubernetes(
            "KSV-0020", names: ["use-high-uid"], title: "Runs with UID <= 10000", severity: .low,
            description:
                "Low UIDs can collide with users of the host; a UID above 10000 keeps container processes apart.",
            resolution: "Set `securityContext.runAsUser` to a value above 10000.",
            references: ["https://kubesec.io/basics/containers-securitycontext-runasuser/"], kinds: K8s.workloads),
        examples: CheckExamples(
            failing: [K8sExample.pod(container: "securityContext: {runAsUser: 1000}"), K8sExample.pod()],
            passing: [K8sExample.pod(pod: "securityContext: {runAsUser: 10001}")]),
        message: K8s.containerMessage("set 'securityContext.runAsUser' > 10000")
    ) { ($0.securityContext("runAsUser")?.int ?? 0) <= 10000 }

    static let highGID = K8s.containers(
        .kubernetes(
            "KSV-0021", names: ["use-high-gid"], title: "Runs with GID <= 10000", severity: .low,
            description:
                "Low GIDs can collide with groups of the host; a GID above 10000 keeps container processes apart.",
            resolution: "Set `securityContext.runAsGroup` to a value above 10000.",
            references: ["https://kubesec.io/basics/containers-securitycontext-runasuser/"], kinds: K8s.workloads),
        examples: CheckExamples(
            failing: [K8sExample.pod(container: "securityContext: {runAsGroup: 100}")],
            passing: [K8sExample.pod(container: "securityContext: {runAsGroup: 10001}")]),
        message: K8s.containerMessage("set 'securityContext.runAsGroup' > 10000")
    ) { ($0.securityContext("runAsGroup")?.int ?? 0) <= 10000 }

    static let rootUID = Check.kubernetes(
        .kubernetes(
            "KSV-0105", names: ["containers-not-run-as-root"], title: "Containers must not set runAsUser to 0",
            severity: .low,
            description: "`runAsUser: 0` runs the container as root whatever the image says.",
            resolution: "Set `runAsUser` to a non-zero UID, or leave it to the image's non-root user.",
            references: [K8s.pssRestrictedURL], kinds: K8s.workloads, standards: K8s.restricted),
        examples: CheckExamples(
            failing: [
                K8sExample.pod(container: "securityContext: {runAsUser: 0}"),
                K8sExample.pod(pod: "securityContext: {runAsUser: 0}"),
            ],
            passing: [K8sExample.pod(container: "securityContext: {runAsUser: 10001}")])
    ) { object, _ in
        let message = "securityContext.runAsUser should be set to a value greater than 0"
        var failures = object.containers.compactMap { container in
            container.ownSecurityContext?["runAsUser"]?.int == 0
                ? CheckFailure(message, at: container.ownSecurityContext) : nil
        }
        if let pod = object.pod?.securityContext, pod["runAsUser"]?.int == 0 {
            failures.append(CheckFailure(message, at: pod))
        }
        return failures
    }

    static let rootGroup = Check.kubernetes(
        .kubernetes(
            "KSV-0116", names: ["primary-supplementary-gid"], title: "Runs with a root primary or supplementary GID",
            severity: .low,
            description:
                "Group 0 owns many files of a typical image and host; processes in it can read and change them.",
            resolution: "Set `runAsGroup`, `supplementalGroups` and `fsGroup` to values above 0.",
            references: ["https://kubesec.io/basics/containers-securitycontext-runasuser/"], kinds: K8s.workloads),
        examples: CheckExamples(
            failing: [
                K8sExample.pod(pod: "securityContext: {fsGroup: 0}"),
                K8sExample.pod(pod: "securityContext: {supplementalGroups: [1000, 0]}"),
            ],
            passing: [K8sExample.pod(pod: "securityContext: {runAsGroup: 1000, fsGroup: 2000}")])
    ) { object, _ in
        let context = object.pod?.securityContext
        let podUsesRoot =
            context?["runAsGroup"]?.int == 0 || context?["fsGroup"]?.int == 0
            || (context?["supplementalGroups"]?.items.contains { $0.int == 0 } ?? false)
        let containerUsesRoot = object.containers.contains { $0.ownSecurityContext?["runAsGroup"]?.int == 0 }
        guard podUsesRoot || containerUsesRoot else { return [] }
        return [
            CheckFailure(
                "\(object.kind.lowercased()) \(object.name) in \(object.namespace) namespace should set spec.securityContext.runAsGroup, spec.securityContext.supplementalGroups[*] and spec.securityContext.fsGroup to integer greater than 0",
                at: context ?? object.pod?.spec)
        ]
    }

    static let defaultSecurityContext = Check.kubernetes(
        .kubernetes(
            "KSV-0118", names: ["no-default-security-context"], title: "Default security context configured",
            severity: .high,
            description:
                "A pod or container with no security context runs with the runtime's defaults, which allow root.",
            resolution:
                "Give the pod and its containers a `securityContext` (non-root user, no escalation, dropped capabilities).",
            references: ["https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"],
            kinds: K8s.workloads),
        examples: CheckExamples(
            failing: [K8sExample.pod(), K8sExample.pod(container: "securityContext: {}")],
            passing: [
                K8sExample.pod(
                    container: "securityContext: {allowPrivilegeEscalation: false}",
                    pod: "securityContext: {runAsNonRoot: true}")
            ])
    ) { object, _ in
        guard let pod = object.pod else { return [] }
        var failures: [CheckFailure] = []
        if pod.securityContext?.isEmpty ?? true {
            failures.append(
                CheckFailure(
                    "\(object.kind.lowercased()) \(object.name) in \(object.namespace) namespace is using the default security context, which allows root privileges",
                    at: pod.spec))
        }
        for container in object.containers where !container.hasEffectiveSecurityContext {
            failures.append(
                CheckFailure(
                    "container \(container.name) in \(object.namespace) namespace is using the default security context",
                    at: container.node))
        }
        return failures
    }
}
