/// CIS checks of the API server's authentication, TLS, audit and profiling flags.
extension ControlPlaneChecks {
    static let apiServerManifest = ControlPlaneComponent.apiServer.manifest

    static let anonymousAuth = CIS.check(
        "KCV-0001", ["ensure-anonymous-auth-argument-is-false"], .apiServer, severity: .medium,
        title: "Ensure that the --anonymous-auth argument is set to false",
        description:
            "Unless `--anonymous-auth=false`, requests without credentials reach the API server as `system:anonymous`; only RBAC stands between them and the cluster.",
        resolution: "Add `--anonymous-auth=false` to the API server's command in \(apiServerManifest).",
        failing: [CIS.pod(.apiServer), CIS.pod(.apiServer, "--anonymous-auth=true")],
        passing: [CIS.pod(.apiServer, "--anonymous-auth=false"), CIS.pod(.apiServer, args: ["--anonymous-auth=0"])],
        rule: CIS.boolean("anonymous-auth", false, byDefault: true))

    static let tokenAuthFile = CIS.check(
        "KCV-0002", ["ensure-token-auth-file-parameter-is-not-set"], .apiServer,
        title: "Ensure that the --token-auth-file parameter is not set",
        description:
            "Static tokens from `--token-auth-file` never expire and can only be changed by restarting the API server.",
        resolution:
            "Authenticate with certificates, OIDC or service-account tokens and remove `--token-auth-file` from \(apiServerManifest).",
        failing: [CIS.pod(.apiServer, "--token-auth-file=/etc/kubernetes/tokens.csv")],
        passing: [CIS.pod(.apiServer, "--anonymous-auth=false")],
        rule: CIS.unset("token-auth-file"))

    static let kubeletHTTPS = CIS.check(
        "KCV-0004", ["ensure-kubelet-https-argument-is-set-to-true"], .apiServer,
        title: "Ensure that the --kubelet-https argument is set to true",
        description: "With `--kubelet-https=false` the API server talks to kubelets in clear text.",
        resolution: "Remove `--kubelet-https=false` from \(apiServerManifest).",
        failing: [CIS.pod(.apiServer, "--kubelet-https=false")],
        passing: [CIS.pod(.apiServer), CIS.pod(.apiServer, "--kubelet-https=true")],
        rule: CIS.boolean("kubelet-https", true, byDefault: true))

    static let kubeletClientCertificate = CIS.check(
        "KCV-0005", ["ensure-kubelet-client-certificate-and-kubelet-client-key-are-set"], .apiServer,
        title:
            "Ensure that the --kubelet-client-certificate and --kubelet-client-key arguments are set as appropriate",
        description:
            "Without a client certificate the API server cannot authenticate to kubelets, which must then accept unauthenticated requests.",
        resolution:
            "Set `--kubelet-client-certificate` and `--kubelet-client-key` to the API server's kubelet client certificate and key.",
        failing: [
            CIS.pod(.apiServer, "--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt")
        ],
        passing: [
            CIS.pod(
                .apiServer, "--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt",
                "--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key")
        ],
        rule: CIS.set("kubelet-client-certificate", "kubelet-client-key"))

    static let kubeletCertificateAuthority = CIS.check(
        "KCV-0006", ["ensure-kubelet-certificate-authority-argument-is-set"], .apiServer,
        title: "Ensure that the --kubelet-certificate-authority argument is set as appropriate",
        description:
            "Without `--kubelet-certificate-authority` the API server does not verify kubelets' serving certificates, so a node can be impersonated.",
        resolution:
            "Set `--kubelet-certificate-authority` to the CA that signs the kubelets' serving certificates (with serving-certificate rotation on).",
        failing: [CIS.pod(.apiServer)],
        passing: [CIS.pod(.apiServer, "--kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt")],
        rule: CIS.set("kubelet-certificate-authority"))

    static let securePort = CIS.check(
        "KCV-0017", ["ensure-secure-port-argument-is-not-set-to-0"], .apiServer,
        title: "Ensure that the --secure-port argument is not set to 0",
        description: "`--secure-port=0` turns off the API server's HTTPS port.",
        resolution: "Remove `--secure-port=0` or set a non-zero port (kubeadm uses 6443).",
        failing: [CIS.pod(.apiServer, "--secure-port=0")],
        passing: [CIS.pod(.apiServer, "--secure-port=6443"), CIS.pod(.apiServer)]
    ) { line in
        guard let occurrence = line.last("secure-port"), occurrence.value.flatMap({ Int($0) }) == 0 else { return nil }
        return CIS.Violation(node: occurrence.node)
    }

    static let apiServerProfiling = CIS.check(
        "KCV-0018", ["ensure-profiling-argument-is-set-to-false"], .apiServer,
        title: "Ensure that the --profiling argument is set to false",
        description:
            "Profiling (on by default) serves `/debug/pprof`, which reveals the program's internals and can be used to slow it down.",
        resolution: "Add `--profiling=false` to \(apiServerManifest).",
        failing: [CIS.pod(.apiServer), CIS.pod(.apiServer, "--profiling=true")],
        passing: [CIS.pod(.apiServer, "--profiling=false")],
        rule: CIS.boolean("profiling", false, byDefault: true))

    static let auditLogPath = CIS.check(
        "KCV-0019", ["ensure-audit-log-path-argument-is-set"], .apiServer,
        title: "Ensure that the --audit-log-path argument is set",
        description: "Without `--audit-log-path` the API server writes no audit log: requests leave no trace.",
        resolution:
            "Set `--audit-log-path` (and `--audit-policy-file`) in \(apiServerManifest), and mount the folder into the pod.",
        failing: [CIS.pod(.apiServer)],
        passing: [CIS.pod(.apiServer, "--audit-log-path=/var/log/kubernetes/audit.log")],
        rule: CIS.set("audit-log-path"))

    static let auditLogMaxAge = CIS.check(
        "KCV-0020", ["ensure-audit-log-maxage-argument-is-set-to-30-or-as-appropriate"], .apiServer,
        title: "Ensure that the --audit-log-maxage argument is set to 30 or as appropriate",
        description:
            "Audit logs are kept as long as `--audit-log-maxage` days; the benchmark asks for at least 30. Drydock reports a missing flag and a value below 30.",
        resolution: "Set `--audit-log-maxage=30` (or more) in \(apiServerManifest).",
        failing: [CIS.pod(.apiServer), CIS.pod(.apiServer, "--audit-log-maxage=7")],
        passing: [CIS.pod(.apiServer, "--audit-log-maxage=30"), CIS.pod(.apiServer, "--audit-log-maxage", "90")],
        rule: CIS.atLeast("audit-log-maxage", 30))

    static let auditLogMaxBackup = CIS.check(
        "KCV-0021", ["ensure-audit-log-maxbackup-argument-is-set-to-10-or-as-appropriate"], .apiServer,
        title: "Ensure that the --audit-log-maxbackup argument is set to 10 or as appropriate",
        description:
            "`--audit-log-maxbackup` is how many rotated audit logs are kept; the benchmark asks for at least 10. Drydock reports a missing flag and a value below 10.",
        resolution: "Set `--audit-log-maxbackup=10` (or more) in \(apiServerManifest).",
        failing: [CIS.pod(.apiServer), CIS.pod(.apiServer, "--audit-log-maxbackup=3")],
        passing: [CIS.pod(.apiServer, "--audit-log-maxbackup=10")],
        rule: CIS.atLeast("audit-log-maxbackup", 10))

    static let auditLogMaxSize = CIS.check(
        "KCV-0022", ["ensure-audit-log-maxsize-argument-is-set-to-100-or-as-appropriate"], .apiServer,
        title: "Ensure that the --audit-log-maxsize argument is set to 100 or as appropriate",
        description:
            "`--audit-log-maxsize` is the size in megabytes at which the audit log is rotated; the benchmark asks for at least 100. Drydock reports a missing flag and a value below 100.",
        resolution: "Set `--audit-log-maxsize=100` (or more) in \(apiServerManifest).",
        failing: [CIS.pod(.apiServer), CIS.pod(.apiServer, "--audit-log-maxsize=10")],
        passing: [CIS.pod(.apiServer, "--audit-log-maxsize=100")],
        rule: CIS.atLeast("audit-log-maxsize", 100))

    static let serviceAccountLookup = CIS.check(
        "KCV-0024", ["ensure-service-account-lookup-argument-is-set-to-true"], .apiServer,
        title: "Ensure that the --service-account-lookup argument is set to true",
        description:
            "With `--service-account-lookup=false` the tokens of deleted service accounts stay valid until they expire.",
        resolution: "Remove `--service-account-lookup=false` from \(apiServerManifest) (the default is true).",
        failing: [CIS.pod(.apiServer, "--service-account-lookup=false")],
        passing: [CIS.pod(.apiServer), CIS.pod(.apiServer, "--service-account-lookup=true")],
        rule: CIS.boolean("service-account-lookup", true, byDefault: true))

    static let serviceAccountKeyFile = CIS.check(
        "KCV-0025", ["ensure-service-account-key-file-argument-is-set-as-appropriate"], .apiServer,
        title: "Ensure that the --service-account-key-file argument is set as appropriate",
        description:
            "`--service-account-key-file` names the public keys that verify service-account tokens, so that keys can be rotated.",
        resolution: "Set `--service-account-key-file` to the public key of the controller manager's signing key.",
        failing: [CIS.pod(.apiServer)],
        passing: [CIS.pod(.apiServer, "--service-account-key-file=/etc/kubernetes/pki/sa.pub")],
        rule: CIS.set("service-account-key-file"))

    static let etcdClientCertificate = CIS.check(
        "KCV-0026", ["ensure-etcd-certfile-and-etcd-keyfile-arguments-are-set-as-appropriate"], .apiServer,
        title: "Ensure that the --etcd-certfile and --etcd-keyfile arguments are set as appropriate",
        description:
            "Without a client certificate the API server cannot authenticate to etcd, which holds every object of the cluster, Secrets included.",
        resolution: "Set `--etcd-certfile` and `--etcd-keyfile` to the API server's etcd client certificate and key.",
        failing: [CIS.pod(.apiServer, "--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt")],
        passing: [
            CIS.pod(
                .apiServer, "--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt",
                "--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key")
        ],
        rule: CIS.set("etcd-certfile", "etcd-keyfile"))

    static let apiServerTLS = CIS.check(
        "KCV-0027", ["ensure-tls-cert-file-and-tls-private-key-file-arguments-are-set-as-appropriate"], .apiServer,
        title: "Ensure that the --tls-cert-file and --tls-private-key-file arguments are set as appropriate",
        description:
            "Without `--tls-cert-file` and `--tls-private-key-file` the API server serves a self-signed certificate clients cannot verify.",
        resolution:
            "Set `--tls-cert-file` and `--tls-private-key-file` to the API server's serving certificate and key.",
        failing: [CIS.pod(.apiServer, "--tls-cert-file=/etc/kubernetes/pki/apiserver.crt")],
        passing: [
            CIS.pod(
                .apiServer, "--tls-cert-file=/etc/kubernetes/pki/apiserver.crt",
                "--tls-private-key-file=/etc/kubernetes/pki/apiserver.key")
        ],
        rule: CIS.set("tls-cert-file", "tls-private-key-file"))

    static let clientCAFile = CIS.check(
        "KCV-0028", ["ensure-client-ca-file-argument-is-set-as-appropriate"], .apiServer,
        title: "Ensure that the --client-ca-file argument is set as appropriate",
        description: "Without `--client-ca-file` the API server cannot authenticate clients by certificate.",
        resolution: "Set `--client-ca-file` to the cluster's CA certificate.",
        failing: [CIS.pod(.apiServer)],
        passing: [CIS.pod(.apiServer, "--client-ca-file=/etc/kubernetes/pki/ca.crt")],
        rule: CIS.set("client-ca-file"))

    static let etcdCAFile = CIS.check(
        "KCV-0029", ["ensure-etcd-cafile-argument-is-set-as-appropriate"], .apiServer,
        title: "Ensure that the --etcd-cafile argument is set as appropriate",
        description: "Without `--etcd-cafile` the API server does not verify etcd's certificate.",
        resolution: "Set `--etcd-cafile` to the CA that signs etcd's serving certificate.",
        failing: [CIS.pod(.apiServer)],
        passing: [CIS.pod(.apiServer, "--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt")],
        rule: CIS.set("etcd-cafile"))

    static let encryptionProviderConfig = CIS.check(
        "KCV-0030", ["Ensure that the --encryption-provider-config argument is set as appropriate"], .apiServer,
        title: "Ensure that the --encryption-provider-config argument is set as appropriate",
        description:
            "Without `--encryption-provider-config` Secrets are stored in etcd unencrypted: anyone who reads etcd or its backups reads them.",
        resolution:
            "Write an EncryptionConfiguration (aescbc, secretbox or a KMS provider) and name it with `--encryption-provider-config`.",
        failing: [CIS.pod(.apiServer)],
        passing: [CIS.pod(.apiServer, "--encryption-provider-config=/etc/kubernetes/enc/encryption.yaml")],
        rule: CIS.set("encryption-provider-config"))
}
