/// CIS checks of etcd's TLS flags.
extension ControlPlaneChecks {
    static let etcdTLS = CIS.check(
        "KCV-0042", ["Ensure-cert-file-and-key-file-arguments-are-set-as-appropriate"], .etcd,
        title: "Ensure that the --cert-file and --key-file arguments are set as appropriate",
        description: "Without `--cert-file` and `--key-file` etcd serves its clients in clear text.",
        resolution: "Set `--cert-file` and `--key-file` to etcd's serving certificate and key in \(etcdManifest).",
        failing: [CIS.pod(.etcd, "--cert-file=/etc/kubernetes/pki/etcd/server.crt")],
        passing: [
            CIS.pod(
                .etcd, "--cert-file=/etc/kubernetes/pki/etcd/server.crt",
                "--key-file=/etc/kubernetes/pki/etcd/server.key")
        ],
        rule: CIS.set("cert-file", "key-file"))

    static let etcdClientCertAuth = CIS.check(
        "KCV-0043", ["ensure-client-cert-auth-argument-is-set-to-true"], .etcd,
        title: "Ensure that the --client-cert-auth argument is set to true",
        description:
            "Unless `--client-cert-auth=true`, etcd serves any client that reaches it, without a certificate.",
        resolution: "Add `--client-cert-auth=true` to \(etcdManifest).",
        failing: [CIS.pod(.etcd), CIS.pod(.etcd, "--client-cert-auth=false")],
        passing: [
            CIS.pod(.etcd, "--client-cert-auth=true"),
            "apiVersion: v1\nkind: Pod\nmetadata: {name: etcd, namespace: kube-system}\nspec:\n  containers:\n    - name: etcd\n      image: registry.k8s.io/etcd:3.5.15-0\n      command: [etcd]\n      env:\n        - {name: ETCD_CLIENT_CERT_AUTH, value: \"true\"}\n",
        ],
        rule: CIS.boolean("client-cert-auth", true, byDefault: false))

    static let etcdAutoTLS = CIS.check(
        "KCV-0044", ["ensure-auto-tls-argument-is-not-set-to-true"], .etcd,
        title: "Ensure that the --auto-tls argument is not set to true",
        description: "`--auto-tls=true` makes etcd serve clients with a self-signed certificate nobody can verify.",
        resolution: "Remove `--auto-tls` from \(etcdManifest) (or set it to false) and use `--cert-file`/`--key-file`.",
        failing: [CIS.pod(.etcd, "--auto-tls=true"), CIS.pod(.etcd, "-auto-tls")],
        passing: [CIS.pod(.etcd), CIS.pod(.etcd, "--auto-tls=false")],
        rule: CIS.boolean("auto-tls", false, byDefault: false))

    static let etcdPeerTLS = CIS.check(
        "KCV-0045", ["ensure-peer-cert-file-and-peer-key-file-arguments-are-set-as-appropriate"], .etcd,
        title: "Ensure that the --peer-cert-file and --peer-key-file arguments are set as appropriate",
        description: "Without `--peer-cert-file` and `--peer-key-file` etcd members replicate in clear text.",
        resolution:
            "Set `--peer-cert-file` and `--peer-key-file` to etcd's peer certificate and key in \(etcdManifest).",
        failing: [CIS.pod(.etcd, "--peer-key-file=/etc/kubernetes/pki/etcd/peer.key")],
        passing: [
            CIS.pod(
                .etcd, "--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt",
                "--peer-key-file=/etc/kubernetes/pki/etcd/peer.key")
        ],
        rule: CIS.set("peer-cert-file", "peer-key-file"))

    static let etcdPeerClientCertAuth = CIS.check(
        "KCV-0046", ["ensure-peer-client-cert-auth-argument-is-set-to-true"], .etcd,
        title: "Ensure that the --peer-client-cert-auth argument is set to true",
        description: "Unless `--peer-client-cert-auth=true`, anything that reaches the peer port can join as a member.",
        resolution: "Add `--peer-client-cert-auth=true` to \(etcdManifest).",
        failing: [CIS.pod(.etcd), CIS.pod(.etcd, "--peer-client-cert-auth=false")],
        passing: [CIS.pod(.etcd, "--peer-client-cert-auth=true"), CIS.pod(.etcd, args: ["--peer-client-cert-auth"])],
        rule: CIS.boolean("peer-client-cert-auth", true, byDefault: false))

    static let etcdPeerAutoTLS = CIS.check(
        "KCV-0047", ["ensure-peer-auto-tls-argument-is-not-set-to-true"], .etcd,
        title: "Ensure that the --peer-auto-tls argument is not set to true",
        description: "`--peer-auto-tls=true` makes etcd members use self-signed certificates they cannot verify.",
        resolution: "Remove `--peer-auto-tls` from \(etcdManifest) (or set it to false).",
        failing: [CIS.pod(.etcd, "--peer-auto-tls=true")],
        passing: [CIS.pod(.etcd), CIS.pod(.etcd, "--peer-auto-tls=false")],
        rule: CIS.boolean("peer-auto-tls", false, byDefault: false))
}
