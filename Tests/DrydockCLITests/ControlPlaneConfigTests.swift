import DrydockTestSupport
import Foundation
import Testing

/// The CIS control-plane checks end to end: a kubeadm node's static pod manifests through `drydock config` and
/// `drydock rootfs --scanners misconfig`, with line numbers, PASS rows, and ignore files in Trivy's older spellings.
@Suite struct ControlPlaneConfigTests {
    /// `/etc/kubernetes/manifests/kube-apiserver.yaml` as `kubeadm init` (v1.31) writes it.
    static let apiServer = """
        apiVersion: v1
        kind: Pod
        metadata:
          annotations:
            kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint: 192.168.49.2:8443
          creationTimestamp: null
          labels:
            component: kube-apiserver
            tier: control-plane
          name: kube-apiserver
          namespace: kube-system
        spec:
          containers:
          - command:
            - kube-apiserver
            - --advertise-address=192.168.49.2
            - --allow-privileged=true
            - --authorization-mode=Node,RBAC
            - --client-ca-file=/var/lib/minikube/certs/ca.crt
            - --enable-admission-plugins=NamespaceLifecycle,LimitRanger,ServiceAccount,DefaultStorageClass,DefaultTolerationSeconds,NodeRestriction,MutatingAdmissionWebhook,ValidatingAdmissionWebhook,ResourceQuota
            - --enable-bootstrap-token-auth=true
            - --etcd-cafile=/var/lib/minikube/certs/etcd/ca.crt
            - --etcd-certfile=/var/lib/minikube/certs/apiserver-etcd-client.crt
            - --etcd-keyfile=/var/lib/minikube/certs/apiserver-etcd-client.key
            - --etcd-servers=https://127.0.0.1:2379
            - --kubelet-client-certificate=/var/lib/minikube/certs/apiserver-kubelet-client.crt
            - --kubelet-client-key=/var/lib/minikube/certs/apiserver-kubelet-client.key
            - --kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname
            - --proxy-client-cert-file=/var/lib/minikube/certs/front-proxy-client.crt
            - --proxy-client-key-file=/var/lib/minikube/certs/front-proxy-client.key
            - --requestheader-allowed-names=front-proxy-client
            - --requestheader-client-ca-file=/var/lib/minikube/certs/front-proxy-ca.crt
            - --requestheader-extra-headers-prefix=X-Remote-Extra-
            - --requestheader-group-headers=X-Remote-Group
            - --requestheader-username-headers=X-Remote-User
            - --secure-port=8443
            - --service-account-issuer=https://kubernetes.default.svc.cluster.local
            - --service-account-key-file=/var/lib/minikube/certs/sa.pub
            - --service-account-signing-key-file=/var/lib/minikube/certs/sa.key
            - --service-cluster-ip-range=10.96.0.0/12
            - --tls-cert-file=/var/lib/minikube/certs/apiserver.crt
            - --tls-private-key-file=/var/lib/minikube/certs/apiserver.key
            - --profiling=true
            image: registry.k8s.io/kube-apiserver:v1.31.0
            imagePullPolicy: IfNotPresent
            livenessProbe:
              failureThreshold: 8
              httpGet:
                host: 192.168.49.2
                path: /livez
                port: 8443
                scheme: HTTPS
              initialDelaySeconds: 10
              periodSeconds: 10
              timeoutSeconds: 15
            name: kube-apiserver
            resources:
              requests:
                cpu: 250m
            volumeMounts:
            - mountPath: /etc/ssl/certs
              name: ca-certs
              readOnly: true
            - mountPath: /var/lib/minikube/certs
              name: k8s-certs
              readOnly: true
          hostNetwork: true
          priority: 2000001000
          priorityClassName: system-node-critical
          securityContext:
            seccompProfile:
              type: RuntimeDefault
          volumes:
          - hostPath:
              path: /etc/ssl/certs
              type: DirectoryOrCreate
            name: ca-certs
          - hostPath:
              path: /var/lib/minikube/certs
              type: DirectoryOrCreate
            name: k8s-certs
        status: {}

        """

    /// kubeadm's etcd static pod, trimmed to its command.
    static let etcd = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: etcd
          namespace: kube-system
        spec:
          containers:
          - command:
            - etcd
            - --advertise-client-urls=https://192.168.49.2:2379
            - --cert-file=/var/lib/minikube/certs/etcd/server.crt
            - --client-cert-auth=true
            - --data-dir=/var/lib/minikube/etcd
            - --key-file=/var/lib/minikube/certs/etcd/server.key
            - --peer-cert-file=/var/lib/minikube/certs/etcd/peer.crt
            - --peer-client-cert-auth=true
            - --peer-key-file=/var/lib/minikube/certs/etcd/peer.key
            - --peer-trusted-ca-file=/var/lib/minikube/certs/etcd/ca.crt
            - --trusted-ca-file=/var/lib/minikube/certs/etcd/ca.crt
            image: registry.k8s.io/etcd:3.5.15-0
            name: etcd
          hostNetwork: true

        """

    /// The API server checks that fail on kubeadm's manifest (with `--profiling=true` added), and the lines: the
    /// argument at fault, or the container (lines 14-66) when a flag is missing.
    static let expectedAPIServerFailures: [String: [Int]] = [
        "KCV-0001": [14, 66], "KCV-0003": [20, 20], "KCV-0006": [14, 66], "KCV-0010": [20, 20], "KCV-0012": [20, 20],
        "KCV-0013": [20, 20], "KCV-0018": [43, 43], "KCV-0019": [14, 66], "KCV-0020": [14, 66],
        "KCV-0021": [14, 66], "KCV-0022": [14, 66], "KCV-0030": [14, 66],
    ]

    static func kcvFindings(_ result: [String: Any]) -> [String: [Int]] {
        var found: [String: [Int]] = [:]
        for entry in result["Misconfigurations"] as? [[String: Any]] ?? [] {
            guard let id = entry["ID"] as? String, id.hasPrefix("KCV-"), entry["Status"] as? String == "FAIL" else {
                continue
            }
            let cause = entry["CauseMetadata"] as? [String: Any] ?? [:]
            found[id] = [cause["StartLine"] as? Int ?? 0, cause["EndLine"] as? Int ?? 0]
        }
        return found
    }

    @Test("drydock config on kubeadm's kube-apiserver.yaml: the KCV IDs with their lines, PASS rows, old-ID ignores")
    func configReportsTheAPIServerChecks() throws {
        let root = try ConfigCommandTests.folder([
            "etc/kubernetes/manifests/kube-apiserver.yaml": Self.apiServer,
            ".trivyignore": "KCV0018\nAVD-KCV-0019\n",
        ])
        let manifest = root.appendingPathComponent("etc/kubernetes/manifests/kube-apiserver.yaml").path
        let plain = try CLI.run(["config", manifest, "--format", "json", "--quiet"])
        #expect(plain.status == 0, "\(plain.stderr)")
        let result = try #require(MisconfigGateTests.results(try MisconfigGateTests.json(plain)).first)
        #expect(result["Type"] as? String == "kubernetes")
        #expect(Self.kcvFindings(result) == Self.expectedAPIServerFailures)
        let anonymous = try #require(
            (result["Misconfigurations"] as? [[String: Any]])?.first { $0["ID"] as? String == "KCV-0001" })
        #expect(anonymous["AVDID"] as? String == "AVD-KCV-0001")
        #expect(anonymous["Severity"] as? String == "MEDIUM")
        #expect(anonymous["Message"] as? String == "Ensure that the --anonymous-auth argument is set to false")
        #expect(anonymous["Namespace"] as? String == "builtin.kubernetes.KCV0001")
        let cause = try #require(anonymous["CauseMetadata"] as? [String: Any])
        #expect(cause["Resource"] as? String == "Pod/kube-apiserver")
        #expect(cause["Provider"] as? String == "Kubernetes")

        let ignored = try CLI.run([
            "config", manifest, "--ignorefile", root.appendingPathComponent(".trivyignore").path,
            "--include-non-failures", "--format", "json", "--quiet",
        ])
        let decided = try #require(MisconfigGateTests.results(try MisconfigGateTests.json(ignored)).first)
        let failing = Self.kcvFindings(decided)
        #expect(failing["KCV-0018"] == nil && failing["KCV-0019"] == nil, "ignored by KCV0018 and AVD-KCV-0019")
        #expect(failing["KCV-0001"] != nil)
        let passed = (decided["Misconfigurations"] as? [[String: Any]] ?? []).filter {
            $0["Status"] as? String == "PASS"
        }
        .compactMap { $0["ID"] as? String }
        for id in ["KCV-0002", "KCV-0005", "KCV-0007", "KCV-0008", "KCV-0009", "KCV-0016", "KCV-0027", "KCV-0029"] {
            #expect(passed.contains(id), "\(id) passes on kubeadm's flags")
        }
        #expect(!passed.contains("KCV-0001"))

        let inline = root.appendingPathComponent("inline/kube-apiserver.yaml")
        try FileManager.default.createDirectory(
            at: inline.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Self.apiServer.replacingOccurrences(
            of: "    - --profiling=true\n", with: "    # trivy:ignore:AVD-KCV-0018\n    - --profiling=true\n"
        ).write(to: inline, atomically: true, encoding: .utf8)
        let commented = try CLI.run(["config", inline.path, "--format", "json", "--quiet"])
        let withComment = try #require(MisconfigGateTests.results(try MisconfigGateTests.json(commented)).first)
        #expect(Self.kcvFindings(withComment)["KCV-0018"] == nil, "the comment above the argument sets it aside")
        let modified = withComment["ExperimentalModifiedFindings"] as? [[String: Any]] ?? []
        #expect(modified.contains { ($0["Finding"] as? [String: Any])?["ID"] as? String == "KCV-0018" })
    }

    @Test("drydock rootfs --scanners misconfig reads etc/kubernetes/manifests")
    func rootfsReadsTheStaticPods() throws {
        let root = try ConfigCommandTests.folder([
            "etc/kubernetes/manifests/kube-apiserver.yaml": Self.apiServer,
            "etc/kubernetes/manifests/etcd.yaml": Self.etcd,
            "etc/os-release": "ID=debian\nVERSION_ID=\"12\"\n",
        ])
        let result = try CLI.run([
            "rootfs", root.path, "--scanners", "misconfig", "--format", "json", "--quiet", "--no-cache",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let results = MisconfigGateTests.results(try MisconfigGateTests.json(result))
        let apiServer = try #require(
            results.first { $0["Target"] as? String == "etc/kubernetes/manifests/kube-apiserver.yaml" },
            "\(results.map { $0["Target"] ?? "" })")
        #expect(Self.kcvFindings(apiServer) == Self.expectedAPIServerFailures)
        let etcd = try #require(results.first { $0["Target"] as? String == "etc/kubernetes/manifests/etcd.yaml" })
        #expect(Self.kcvFindings(etcd).isEmpty, "kubeadm's etcd flags pass: \(Self.kcvFindings(etcd))")
        #expect(etcd["Class"] as? String == "config")
    }
}
