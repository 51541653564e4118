/// CIS checks of the API server's authorization modes and admission plugins.
extension ControlPlaneChecks {
    static let denyServiceExternalIPs = CIS.check(
        "KCV-0003", ["Ensure-deny-service-external-ips-is-not-set"], .apiServer,
        title: "Ensure that the DenyServiceExternalIPs admission plugin is set",
        description: """
            Anyone who may create a Service can set its `externalIPs` and intercept traffic meant for those \
            addresses (CVE-2020-8554); the DenyServiceExternalIPs admission plugin refuses new uses of the field. \
            Trivy's check of this ID follows an older benchmark wording and reports the plugin when it *is* \
            enabled; Drydock reports it when it is not.
            """,
        resolution:
            "Add `DenyServiceExternalIPs` to `--enable-admission-plugins` in \(apiServerManifest) unless the cluster needs `externalIPs`.",
        failing: [CIS.pod(.apiServer), CIS.pod(.apiServer, "--enable-admission-plugins=NodeRestriction")],
        passing: [CIS.pod(.apiServer, "--enable-admission-plugins=NodeRestriction,DenyServiceExternalIPs")],
        rule: CIS.pluginEnabled("DenyServiceExternalIPs"))

    static let authorizationNotAlwaysAllow = CIS.check(
        "KCV-0007", ["ensure-authorization-mode-argument-is-not-set-to-alwaysallow"], .apiServer,
        title: "Ensure that the --authorization-mode argument is not set to AlwaysAllow",
        description: """
            The `AlwaysAllow` mode authorizes every authenticated request. It is also the API server's default when \
            neither `--authorization-mode` nor `--authorization-config` is set, so Drydock reports a missing flag too.
            """,
        resolution: "Set `--authorization-mode=Node,RBAC` in \(apiServerManifest).",
        failing: [CIS.pod(.apiServer, "--authorization-mode=AlwaysAllow"), CIS.pod(.apiServer)],
        passing: [
            CIS.pod(.apiServer, "--authorization-mode=Node,RBAC"),
            CIS.pod(.apiServer, "--authorization-config=/etc/kubernetes/authz.yaml"),
        ]
    ) { line in
        guard let (modes, cause) = CIS.authorizationModes(line), modes.contains("AlwaysAllow") else { return nil }
        return CIS.Violation(node: cause)
    }

    static let authorizationNode = CIS.check(
        "KCV-0008", ["ensure-authorization-mode-argument-includes-node"], .apiServer,
        title: "Ensure that the --authorization-mode argument includes Node",
        description:
            "The Node authorizer limits each kubelet to the objects of the pods bound to its own node.",
        resolution: "Include `Node` in `--authorization-mode` (`--authorization-mode=Node,RBAC`).",
        failing: [CIS.pod(.apiServer, "--authorization-mode=RBAC"), CIS.pod(.apiServer)],
        passing: [CIS.pod(.apiServer, "--authorization-mode=Node,RBAC")],
        rule: CIS.authorizationIncludes("Node"))

    static let authorizationRBAC = CIS.check(
        "KCV-0009", ["ensure-authorization-mode-argument-includes-rbac"], .apiServer,
        title: "Ensure that the --authorization-mode argument includes RBAC",
        description: "Without the RBAC authorizer, Roles and RoleBindings have no effect.",
        resolution: "Include `RBAC` in `--authorization-mode` (`--authorization-mode=Node,RBAC`).",
        failing: [CIS.pod(.apiServer, "--authorization-mode=Node"), CIS.pod(.apiServer)],
        passing: [CIS.pod(.apiServer, "--authorization-mode", "Node,RBAC")],
        rule: CIS.authorizationIncludes("RBAC"))

    static let eventRateLimit = CIS.check(
        "KCV-0010", ["ensure-admission-control-plugin-event-rate-limit-is-set"], .apiServer,
        title: "Ensure that the admission control plugin EventRateLimit is set",
        description:
            "Without the EventRateLimit plugin a misbehaving client can flood the API server and etcd with Events.",
        resolution:
            "Write an EventRateLimit configuration, name it in `--admission-control-config-file`, and add `EventRateLimit` to `--enable-admission-plugins`.",
        failing: [CIS.pod(.apiServer, "--enable-admission-plugins=NodeRestriction")],
        passing: [CIS.pod(.apiServer, "--enable-admission-plugins=NodeRestriction,EventRateLimit")],
        rule: CIS.pluginEnabled("EventRateLimit"))

    static let alwaysAdmit = CIS.check(
        "KCV-0011", ["ensure-admission-control-plugin-always-admit-is-not-set"], .apiServer,
        title: "Ensure that the admission control plugin AlwaysAdmit is not set",
        description: "The AlwaysAdmit plugin admits every request, whatever the other plugins say.",
        resolution: "Remove `AlwaysAdmit` from `--enable-admission-plugins` in \(apiServerManifest).",
        failing: [CIS.pod(.apiServer, "--enable-admission-plugins=NodeRestriction,AlwaysAdmit")],
        passing: [CIS.pod(.apiServer, "--enable-admission-plugins=NodeRestriction")],
        rule: CIS.pluginNotEnabled("AlwaysAdmit"))

    static let alwaysPullImages = CIS.check(
        "KCV-0012", ["ensure-admission-control-plugin-always-pull-images-is-set"], aliases: ["KSV0012"], .apiServer,
        title: "Ensure that the admission control plugin AlwaysPullImages is set",
        description: """
            Without the AlwaysPullImages plugin, a pod can run any image already pulled on its node without the \
            registry credentials for it.
            """,
        resolution: "Add `AlwaysPullImages` to `--enable-admission-plugins` in \(apiServerManifest).",
        failing: [CIS.pod(.apiServer), CIS.pod(.apiServer, "--enable-admission-plugins=NodeRestriction")],
        passing: [CIS.pod(.apiServer, "--enable-admission-plugins=NodeRestriction,AlwaysPullImages")],
        rule: CIS.pluginEnabled("AlwaysPullImages"))

    static let securityContextDeny = CIS.check(
        "KCV-0013",
        ["ensure-admission-control-plugin-security-context-deny-is-set-if-pod-security-policy-is-not-used"],
        .apiServer,
        title:
            "Ensure that the admission control plugin SecurityContextDeny is set if PodSecurityPolicy is not used",
        description: """
            When admission plugins are listed, one of them should restrict pods' security contexts: \
            SecurityContextDeny or PodSecurityPolicy (both removed from current Kubernetes releases) or, as Drydock \
            also accepts, PodSecurity (Pod Security Admission).
            """,
        resolution:
            "Add `PodSecurity` (or, on old releases, `SecurityContextDeny` or `PodSecurityPolicy`) to `--enable-admission-plugins`.",
        failing: [CIS.pod(.apiServer, "--enable-admission-plugins=NodeRestriction")],
        passing: [
            CIS.pod(.apiServer, "--enable-admission-plugins=NodeRestriction,SecurityContextDeny"),
            CIS.pod(.apiServer, "--enable-admission-plugins=NodeRestriction,PodSecurity"), CIS.pod(.apiServer),
        ]
    ) { line in
        let enabled = CIS.plugins(line, "enable")
        let restricting: Set<String> = ["PodSecurityPolicy", "SecurityContextDeny", "PodSecurity"]
        guard !enabled.isEmpty, !enabled.contains(where: { restricting.contains($0.item) }) else { return nil }
        return CIS.Violation(node: enabled.last?.occurrence.node)
    }

    static let serviceAccountPlugin = CIS.check(
        "KCV-0014", ["ensure-admission-control-plugin-service-account-is-set"], .apiServer,
        title: "Ensure that the admission control plugin ServiceAccount is set",
        description:
            "The ServiceAccount plugin (on by default) gives pods a service account and checks the ones they name.",
        resolution: "Remove `ServiceAccount` from `--disable-admission-plugins` in \(apiServerManifest).",
        failing: [CIS.pod(.apiServer, "--disable-admission-plugins=ServiceAccount")],
        passing: [CIS.pod(.apiServer), CIS.pod(.apiServer, "--disable-admission-plugins=AlwaysAdmit")],
        rule: CIS.pluginNotDisabled("ServiceAccount"))

    static let namespaceLifecycle = CIS.check(
        "KCV-0015", ["ensure-admission-control-plugin-namespace-lifecycle-is-set"], .apiServer,
        title: "Ensure that the admission control plugin NamespaceLifecycle is set",
        description:
            "The NamespaceLifecycle plugin (on by default) refuses objects in namespaces that do not exist or are being deleted.",
        resolution: "Remove `NamespaceLifecycle` from `--disable-admission-plugins` in \(apiServerManifest).",
        failing: [CIS.pod(.apiServer, "--disable-admission-plugins=NamespaceLifecycle")],
        passing: [CIS.pod(.apiServer)],
        rule: CIS.pluginNotDisabled("NamespaceLifecycle"))

    static let nodeRestriction = CIS.check(
        "KCV-0016", ["ensure-admission-control-plugin-node-restriction-is-set"], .apiServer,
        title: "Ensure that the admission control plugin NodeRestriction is set",
        description:
            "The NodeRestriction plugin keeps a kubelet from changing other nodes and the pods of other nodes.",
        resolution: "Add `NodeRestriction` to `--enable-admission-plugins` (with `Node` in `--authorization-mode`).",
        failing: [CIS.pod(.apiServer), CIS.pod(.apiServer, "--enable-admission-plugins=AlwaysPullImages")],
        passing: [CIS.pod(.apiServer, "--enable-admission-plugins=NodeRestriction")],
        rule: CIS.pluginEnabled("NodeRestriction"))
}
