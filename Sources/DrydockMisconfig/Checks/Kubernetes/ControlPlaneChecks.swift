/// Trivy's CIS checks of the control plane's static pods (`KCV-0001` … `KCV-0047`): the command-line flags of
/// kube-apiserver, kube-controller-manager, kube-scheduler and etcd, read from the manifests
/// (`/etc/kubernetes/manifests/*.yaml`). Trivy's `KCV-0048` … `KCV-0092` read a node's files and kubelet settings
/// (``nodeChecks``), which no manifest holds.
public enum ControlPlaneChecks {
    /// Every CIS control-plane check that reads manifests.
    public static let all: [Check] = [
        anonymousAuth, tokenAuthFile, denyServiceExternalIPs, kubeletHTTPS, kubeletClientCertificate,
        kubeletCertificateAuthority, authorizationNotAlwaysAllow, authorizationNode, authorizationRBAC, eventRateLimit,
        alwaysAdmit, alwaysPullImages, securityContextDeny, serviceAccountPlugin, namespaceLifecycle, nodeRestriction,
        securePort, apiServerProfiling, auditLogPath, auditLogMaxAge, auditLogMaxBackup, auditLogMaxSize,
        serviceAccountLookup, serviceAccountKeyFile, etcdClientCertificate, apiServerTLS, clientCAFile, etcdCAFile,
        encryptionProviderConfig, terminatedPodGCThreshold, controllerManagerProfiling, serviceAccountCredentials,
        serviceAccountPrivateKeyFile, rootCAFile, rotateKubeletServerCertificate, controllerManagerBindAddress,
        schedulerProfiling, schedulerBindAddress, etcdTLS, etcdClientCertAuth, etcdAutoTLS, etcdPeerTLS,
        etcdPeerClientCertAuth, etcdPeerAutoTLS,
    ]

    static let controllerManagerManifest = ControlPlaneComponent.controllerManager.manifest
    static let etcdManifest = ControlPlaneComponent.etcd.manifest

    static let terminatedPodGCThreshold = CIS.check(
        "KCV-0033", ["ensure-terminated-pod-gc-threshold-argument-is-set-as-appropriate"], .controllerManager,
        title: "Ensure that the --terminated-pod-gc-threshold argument is set as appropriate",
        description: """
            Terminated pods are kept until there are `--terminated-pod-gc-threshold` of them (12500 by default), \
            which can exhaust etcd and the controllers. Drydock also reports a value of 0 or less, which turns the \
            collection off.
            """,
        resolution: "Set `--terminated-pod-gc-threshold` to a positive number suited to the cluster (10 is common).",
        failing: [CIS.pod(.controllerManager), CIS.pod(.controllerManager, "--terminated-pod-gc-threshold=0")],
        passing: [CIS.pod(.controllerManager, "--terminated-pod-gc-threshold=10")],
        rule: CIS.atLeast("terminated-pod-gc-threshold", 1))

    static let controllerManagerProfiling = CIS.check(
        "KCV-0034",
        ["ensure-profiling-argument-is-set-to-false", "ensure-controller-manager-profiling-argument-set-to-false"],
        .controllerManager,
        title: "Ensure that the --profiling argument is set to false",
        description: "Profiling (on by default) serves `/debug/pprof` on the controller manager's port.",
        resolution: "Add `--profiling=false` to \(controllerManagerManifest).",
        failing: [CIS.pod(.controllerManager), CIS.pod(.controllerManager, "--profiling=true")],
        passing: [CIS.pod(.controllerManager, "--profiling=false")],
        rule: CIS.boolean("profiling", false, byDefault: true))

    static let serviceAccountCredentials = CIS.check(
        "KCV-0035", ["ensure-use-service-account-credentials-argument-is-set-to-true"], aliases: ["KCV0135"],
        .controllerManager,
        title: "Ensure that the --use-service-account-credentials argument is set to true",
        description:
            "Unless `--use-service-account-credentials=true`, every controller acts with the controller manager's own, broad, credentials.",
        resolution: "Add `--use-service-account-credentials=true` to \(controllerManagerManifest).",
        failing: [
            CIS.pod(.controllerManager), CIS.pod(.controllerManager, "--use-service-account-credentials=false"),
        ],
        passing: [CIS.pod(.controllerManager, "--use-service-account-credentials=true")],
        rule: CIS.boolean("use-service-account-credentials", true, byDefault: false))

    static let serviceAccountPrivateKeyFile = CIS.check(
        "KCV-0036", ["ensure-service-account-private-key-file-argument-is-set-as-appropriate"], .controllerManager,
        title: "Ensure that the --service-account-private-key-file argument is set as appropriate",
        description: "`--service-account-private-key-file` names the key that signs service-account tokens.",
        resolution: "Set `--service-account-private-key-file` to the private key matching the API server's public key.",
        failing: [CIS.pod(.controllerManager)],
        passing: [CIS.pod(.controllerManager, "--service-account-private-key-file=/etc/kubernetes/pki/sa.key")],
        rule: CIS.set("service-account-private-key-file"))

    static let rootCAFile = CIS.check(
        "KCV-0037", ["ensure-root-ca-file-argument-is-set-as-appropriate"], .controllerManager,
        title: "Ensure that the --root-ca-file argument is set as appropriate",
        description:
            "`--root-ca-file` is the CA put into service-account token volumes, with which pods verify the API server.",
        resolution: "Set `--root-ca-file` to the cluster's CA certificate.",
        failing: [CIS.pod(.controllerManager)],
        passing: [CIS.pod(.controllerManager, "--root-ca-file=/etc/kubernetes/pki/ca.crt")],
        rule: CIS.set("root-ca-file"))

    static let rotateKubeletServerCertificate = CIS.check(
        "KCV-0038", ["Ensure that the RotateKubeletServerCertificate argument is set to true"], .controllerManager,
        title: "Ensure that the RotateKubeletServerCertificate argument is set to true",
        description:
            "The RotateKubeletServerCertificate feature gate lets kubelets renew their serving certificates before they expire.",
        resolution: "Add `RotateKubeletServerCertificate=true` to `--feature-gates` in \(controllerManagerManifest).",
        failing: [
            CIS.pod(.controllerManager),
            CIS.pod(.controllerManager, "--feature-gates=RotateKubeletServerCertificate=false"),
        ],
        passing: [CIS.pod(.controllerManager, "--feature-gates=RotateKubeletServerCertificate=true")],
        rule: CIS.featureGate("RotateKubeletServerCertificate"))

    static let controllerManagerBindAddress = CIS.check(
        "KCV-0039", ["ensure-controller-manager-bind-address-is-loopback"], .controllerManager,
        title: "Ensure that the --bind-address argument is set to 127.0.0.1",
        description:
            "The controller manager's health and metrics port listens on every address unless `--bind-address` is a loopback address.",
        resolution: "Set `--bind-address=127.0.0.1` in \(controllerManagerManifest).",
        failing: [CIS.pod(.controllerManager), CIS.pod(.controllerManager, "--bind-address=0.0.0.0")],
        passing: [CIS.pod(.controllerManager, "--bind-address=127.0.0.1")],
        rule: CIS.loopback("bind-address"))

    static let schedulerProfiling = CIS.check(
        "KCV-0040",
        ["ensure-profiling-argument-is-set-to-false", "ensure-scheduler-profiling-argument-set-to-false"], .scheduler,
        title: "Ensure that the --profiling argument is set to false",
        description: "Profiling (on by default) serves `/debug/pprof` on the scheduler's port.",
        resolution: "Add `--profiling=false` to \(ControlPlaneComponent.scheduler.manifest).",
        failing: [CIS.pod(.scheduler), CIS.pod(.scheduler, "--profiling=true")],
        passing: [CIS.pod(.scheduler, "--profiling=false")],
        rule: CIS.boolean("profiling", false, byDefault: true))

    static let schedulerBindAddress = CIS.check(
        "KCV-0041", ["ensure-scheduler-bind-address-is-loopback"], .scheduler,
        title: "Ensure that the --bind-address argument is set to 127.0.0.1",
        description:
            "The scheduler's health and metrics port listens on every address unless `--bind-address` is a loopback address.",
        resolution: "Set `--bind-address=127.0.0.1` in \(ControlPlaneComponent.scheduler.manifest).",
        failing: [CIS.pod(.scheduler), CIS.pod(.scheduler, "--bind-address=192.168.0.1")],
        passing: [CIS.pod(.scheduler, "--bind-address=127.0.0.1")],
        rule: CIS.loopback("bind-address"))
}
