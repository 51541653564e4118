/// Trivy's KCV checks that read a node rather than files.
extension ControlPlaneChecks {
    /// Trivy's `KCV-0048` … `KCV-0092`, by range, with what each range reads. Their input is the `NodeInfo`
    /// document Trivy's node collector gathers on a live node for `trivy k8s` (file modes and owners, the
    /// kubelet's flags and configuration); no file on disk or in an image has that shape, so Drydock does not run them.
    public static let nodeChecks: [(first: Int, last: Int, reads: String)] = [
        (48, 55, "permissions and ownership of the control-plane pod manifests"),
        (56, 57, "permissions and ownership of the container network interface (CNI) files"),
        (58, 59, "permissions and ownership of etcd's data directory"),
        (60, 65, "permissions and ownership of `admin.conf`, `scheduler.conf` and `controller-manager.conf`"),
        (66, 68, "ownership and permissions of the Kubernetes PKI directory, keys and certificates"),
        (69, 78, "permissions and ownership of the kubelet's service file, kubeconfigs, CA file and `config.yaml`"),
        (
            79, 92,
            "the kubelet's effective settings (anonymous auth, authorization mode, read-only port, TLS, ciphers, …)"
        ),
    ]

    /// `KCV-0048`.
    static func kcv(_ number: Int) -> String {
        "KCV-" + String(repeating: "0", count: max(0, 4 - String(number).count)) + String(number)
    }
}
