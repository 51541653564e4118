import DrydockMisconfig
import Foundation
import Testing

/// The CIS control-plane checks (KCV-0001 … KCV-0047): how components are recognised, how flags are read from
/// `command` and `args`, and where Drydock's reading differs from Trivy's on purpose.
@Suite struct ControlPlaneCheckTests {
    /// One case: a check, a container's command line, and whether the check fires.
    struct Case: CustomTestStringConvertible, Sendable {
        var id: String
        var command: [String]
        var args: [String] = []
        var env: [String: String] = [:]
        var fires: Bool
        var testDescription: String {
            "\(id) \(fires ? "fires" : "passes") on \((command + args).joined(separator: " "))"
        }

        /// A Pod running the command line, as YAML flow sequences (JSON strings are valid YAML).
        var manifest: String {
            func list(_ items: [String]) -> String {
                let quoted = items.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
                return "[" + quoted.joined(separator: ", ") + "]"
            }
            var lines = [
                "apiVersion: v1", "kind: Pod", "metadata: {name: cp, namespace: kube-system}", "spec:",
                "  containers:", "    - name: main", "      image: registry.k8s.io/x:1",
                "      command: \(list(command))",
            ]
            if !args.isEmpty { lines.append("      args: \(list(args))") }
            if !env.isEmpty {
                lines.append("      env:")
                lines += env.sorted { $0.key < $1.key }.map { "        - {name: \($0.key), value: \"\($0.value)\"}" }
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    static let api = "kube-apiserver"
    static let cases: [Case] = [
        // Recognition: the first word of `command`, in any folder, and nothing else.
        Case(id: "KCV-0001", command: ["/usr/local/bin/kube-apiserver"], fires: true),
        Case(id: "KCV-0001", command: ["kube-apiserver-invalid"], fires: false),
        Case(id: "KCV-0001", command: ["/usr/bin-kube-apiserver"], fires: false),
        Case(id: "KCV-0001", command: ["test"], args: ["--anonymous-auth=true"], fires: false),
        // Booleans: Go's spellings, the last occurrence wins, `args` after `command`.
        Case(id: "KCV-0001", command: [api, "--anonymous-auth=true"], fires: true),
        Case(id: "KCV-0001", command: [api], args: ["--anonymous-auth=false"], fires: false),
        Case(id: "KCV-0001", command: [api, "--anonymous-auth=0"], fires: false),
        Case(id: "KCV-0001", command: [api, "--anonymous-auth=false"], args: ["--anonymous-auth=true"], fires: true),
        Case(id: "KCV-0001", command: [api, "--", "--anonymous-auth=false"], fires: true),
        Case(id: "KCV-0018", command: [api, "--profiling=false"], fires: false),
        Case(id: "KCV-0018", command: [api, "--contention-profiling=false"], fires: true),
        Case(id: "KCV-0004", command: [api, "--kubelet-https=false"], fires: true),
        Case(id: "KCV-0004", command: [api], args: ["--kubelet-https=false"], fires: true),
        Case(id: "KCV-0024", command: [api, "--service-account-lookup=false"], fires: true),
        Case(id: "KCV-0024", command: [api], fires: false),
        // Flags with values: `=` or the next argument; an empty value is not set; exact names.
        Case(id: "KCV-0019", command: [api, "--audit-log-path", "/var/log/audit.log"], fires: false),
        Case(id: "KCV-0019", command: [api, "--audit-log-path="], fires: true),
        Case(id: "KCV-0028", command: [api, "--client-ca-file-extra=/ca.crt"], fires: true),
        Case(id: "KCV-0002", command: [api, "--token-auth-file=/tokens.csv"], fires: true),
        Case(id: "KCV-0002", command: [api], args: ["--token-auth-file", "/tokens.csv"], fires: true),
        Case(id: "KCV-0026", command: [api], args: ["--etcd-certfile=/c.crt"], fires: true),
        Case(id: "KCV-0026", command: [api], args: ["--etcd-certfile=/c.crt", "--etcd-keyfile=/c.key"], fires: false),
        Case(
            id: "KCV-0005", command: [api, "--kubelet-client-certificate=/c"], args: ["--kubelet-client-key=/k"],
            fires: false),
        Case(id: "KCV-0017", command: [api, "--secure-port=0"], fires: true),
        Case(id: "KCV-0017", command: [api, "--secure-port=0443"], fires: false),
        // Audit thresholds (the benchmark's figures; Trivy checks presence only).
        Case(id: "KCV-0020", command: [api, "--audit-log-maxage=30"], fires: false),
        Case(id: "KCV-0020", command: [api, "--audit-log-maxage=29"], fires: true),
        Case(id: "KCV-0020", command: [api, "--audit-log-maxage=thirty"], fires: true),
        Case(id: "KCV-0021", command: [api, "--audit-log-maxbackup", "10"], fires: false),
        Case(id: "KCV-0022", command: [api, "--audit-log-maxsize=10"], fires: true),
        // Authorization modes: a list over every occurrence; AlwaysAllow is the default; a config file is not read.
        Case(id: "KCV-0007", command: [api, "--authorization-mode=ABAC,Webhook,AlwaysAllow"], fires: true),
        Case(id: "KCV-0007", command: [api], args: ["--authorization-mode=AlwaysAllow"], fires: true),
        Case(id: "KCV-0007", command: [api], fires: true),
        Case(id: "KCV-0007", command: [api, "--authorization-config=/authz.yaml"], fires: false),
        Case(id: "KCV-0008", command: [api, "--authorization-mode=RBAC", "--authorization-mode=Node"], fires: false),
        Case(id: "KCV-0008", command: [api, "--authorization-mode=NodeX,RBAC"], fires: true),
        Case(id: "KCV-0009", command: [api, "--authorization-mode", "Node,RBAC"], fires: false),
        // Admission plugins: exact names, both lists, the API server only.
        Case(id: "KCV-0003", command: [api, "--enable-admission-plugins=NodeRestriction"], fires: true),
        Case(id: "KCV-0003", command: [api, "--enable-admission-plugins=DenyServiceExternalIPs"], fires: false),
        Case(id: "KCV-0003", command: ["nginx", "--enable-admission-plugins=DenyServiceExternalIPs"], fires: false),
        Case(id: "KCV-0010", command: [api, "--enable-admission-plugins=EventRateLimitX"], fires: true),
        Case(
            id: "KCV-0010",
            command: [api, "--enable-admission-plugins=A", "--enable-admission-plugins=EventRateLimit"], fires: false),
        Case(
            id: "KCV-0011", command: [api], args: ["--enable-admission-plugins=NamespaceLifecycle,AlwaysAdmit"],
            fires: true),
        Case(id: "KCV-0011", command: [api, "--enable-admission-plugins=NamespaceLifecycle"], fires: false),
        Case(id: "KCV-0012", command: [api], args: ["--enable-admission-plugins=AlwaysPullImages"], fires: false),
        Case(id: "KCV-0012", command: ["kube-scheduler", "--enable-admission-plugins=NodeRestriction"], fires: false),
        Case(
            id: "KCV-0012",
            command: [
                api, "--enable-admission-plugins=AlwaysPullImages", "--disable-admission-plugins=AlwaysPullImages",
            ], fires: true),
        Case(id: "KCV-0013", command: [api, "--enable-admission-plugins=AlwaysPullImages"], fires: true),
        Case(
            id: "KCV-0013", command: [api, "--enable-admission-plugins=AlwaysPullImages,PodSecurityPolicy"],
            fires: false),
        Case(id: "KCV-0013", command: [api, "--enable-admission-plugins=PodSecurity"], fires: false),
        Case(id: "KCV-0013", command: [api], fires: false),
        Case(id: "KCV-0014", command: [api, "--disable-admission-plugins=AlwaysAdmit,ServiceAccount"], fires: true),
        Case(id: "KCV-0015", command: [api], args: ["--disable-admission-plugins=NamespaceLifecycle"], fires: true),
        Case(
            id: "KCV-0016", command: [api, "--enable-admission-plugins=NamespaceLifecycle,NodeRestriction"],
            fires: false),
        // Controller manager and scheduler.
        Case(id: "KCV-0033", command: ["kube-controller-manager", "--terminated-pod-gc-threshold=10"], fires: false),
        Case(id: "KCV-0033", command: ["kube-controller-manager", "--terminated-pod-gc-threshold=0"], fires: true),
        Case(
            id: "KCV-0035", command: ["kube-controller-manager"], args: ["--use-service-account-credentials"],
            fires: false),
        Case(id: "KCV-0038", command: ["kube-controller-manager", "--feature-gates=Test=true"], fires: true),
        Case(
            id: "KCV-0038",
            command: ["kube-controller-manager", "--feature-gates=A=true,RotateKubeletServerCertificate=true"],
            fires: false),
        Case(
            id: "KCV-0038",
            command: [
                "kube-controller-manager", "--feature-gates=RotateKubeletServerCertificate=true",
                "--feature-gates=RotateKubeletServerCertificate=false",
            ], fires: true),
        Case(
            id: "KCV-0038", command: ["kube-controller-manager", "--cluster-name=RotateKubeletServerCertificate=true"],
            fires: true),
        Case(id: "KCV-0039", command: ["kube-controller-manager", "--bind-address=127.0.0.1"], fires: false),
        Case(id: "KCV-0039", command: ["kube-controller-manager", "--bind-address=::1"], fires: false),
        Case(id: "KCV-0039", command: ["kube-controller-manager", "--bind-address=0.0.0.0"], fires: true),
        Case(id: "KCV-0041", command: ["/usr/local/bin/kube-scheduler", "--bind-address=127.0.0.1"], fires: false),
        Case(id: "KCV-0040", command: ["kube-scheduler"], fires: true),
        // etcd: Go's flag package (one dash), its environment variables, and `args`.
        Case(id: "KCV-0043", command: ["etcd", "-client-cert-auth=true"], fires: false),
        Case(id: "KCV-0043", command: ["etcd"], env: ["ETCD_CLIENT_CERT_AUTH": "true"], fires: false),
        Case(
            id: "KCV-0043", command: ["etcd", "--client-cert-auth=false"], env: ["ETCD_CLIENT_CERT_AUTH": "true"],
            fires: true),
        Case(id: "KCV-0044", command: ["etcd"], env: ["ETCD_AUTO_TLS": "true"], fires: true),
        Case(id: "KCV-0044", command: ["etcd", "--auto-tls"], fires: true),
        Case(id: "KCV-0046", command: ["etcd"], args: ["--peer-client-cert-auth=true"], fires: false),
        Case(id: "KCV-0046", command: ["--peer-client-cert-auth=false"], fires: false),
        Case(id: "KCV-0042", command: ["etcd", "--cert-file", "/s.crt", "--key-file", "/s.key"], fires: false),
        Case(id: "KCV-0045", command: ["etcd", "--peer-cert-file=/p.crt"], fires: true),
        Case(id: "KCV-0047", command: ["etcd", "--peer-auto-tls=false"], fires: false),
    ]

    @Test(arguments: cases)
    func flagsAreReadAsTheComponentsReadThem(_ testCase: Case) throws {
        let check = try #require(BuiltinChecks.check(testCase.id))
        let failures = try CheckExampleRunner.failures(of: check, in: testCase.manifest)
        #expect(!failures.isEmpty == testCase.fires, "\(testCase.manifest)")
    }

    @Test func everyCheckOfTheRangeIsBuiltInWithTrivysIDs() throws {
        let ids = (1...47).filter { ![23, 31, 32].contains($0) }.map { String(format: "KCV-%04d", $0) }
        for id in ids {
            let check = try #require(BuiltinChecks.check(id), "missing \(id)")
            let legacy = id.filter { $0 != "-" }
            #expect(check.metadata.answers(to: legacy) && check.metadata.answers(to: "AVD-\(id)"))
            #expect(check.metadata.namespace == "builtin.kubernetes.\(legacy)")
            #expect(check.metadata.severity == (id == "KCV-0001" ? .medium : .low))
            #expect(check.metadata.references.contains("https://www.cisecurity.org/benchmark/kubernetes"))
            #expect(check.metadata.primaryURL == "https://avd.aquasec.com/misconfig/\(id.lowercased())")
        }
        #expect(ControlPlaneChecks.all.count == 44)
        #expect(BuiltinChecks.check("kubernetes-ensure-anonymous-auth-argument-is-false")?.metadata.id == "KCV-0001")
        #expect(BuiltinChecks.check("KCV0135")?.metadata.id == "KCV-0035", "Trivy's misspelt alias")
        #expect(BuiltinChecks.check("KSV0012")?.metadata.id == "KCV-0012", "Trivy's alias, a typo")
        #expect(BuiltinChecks.check("KSV012")?.metadata.id == "KSV-0012")
        #expect(BuiltinChecks.check("KCV0012")?.metadata.id == "KCV-0012")
        for number in 48...92 {
            #expect(BuiltinChecks.check(String(format: "KCV-%04d", number)) == nil, "node checks read no files")
        }
    }

    static let apiServer = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: hosted-control-plane, namespace: tenant-a}
        spec:
          template:
            spec:
              initContainers:
                - name: wait
                  image: busybox:1.36
              containers:
                - name: sidecar
                  image: nginx:1.27
                - name: apiserver
                  image: registry.k8s.io/kube-apiserver:v1.31.0
                  command:
                    - kube-apiserver
                    - --anonymous-auth=true
                    - --profiling=false
                  args:
                    - --audit-log-maxage
                    - "7"

        """

    @Test func failuresPointAtTheArgumentOrAtTheContainerWhenAFlagIsMissing() throws {
        let object = try #require(try KubernetesManifest.parse(Self.apiServer).objects.first)
        func failures(_ id: String) throws -> [CheckFailure] {
            try #require(BuiltinChecks.check(id)).evaluate(.kubernetes(object), CheckSettings())
        }
        #expect(try failures("KCV-0001").map(\.range) == [LineRange(line: 17)])
        #expect(try failures("KCV-0001").first?.message == "Ensure that the --anonymous-auth argument is set to false")
        #expect(try failures("KCV-0018").isEmpty)
        #expect(try failures("KCV-0020").map(\.range) == [LineRange(20, 21)], "the flag and its value")
        #expect(try failures("KCV-0019").map(\.range) == [LineRange(13, 21)], "the API server's container")
        #expect(try failures("KCV-0043").isEmpty, "no etcd here")
    }

    @Test func commandLinesSplitFlagsAsTheComponentsDo() throws {
        let object = try #require(try KubernetesManifest.parse(Self.apiServer).objects.first)
        let line = try #require(object.containers.compactMap(ControlPlaneCommandLine.init).first)
        #expect(line.component == .apiServer)
        #expect(line.boolean("anonymous-auth")?.value == .true)
        #expect(line.last("audit-log-maxage")?.value == "7")
        #expect(line.occurrences(of: "profiling", boolean: true).map(\.value) == ["false"])
        #expect(object.containers.compactMap(ControlPlaneComponent.init) == [.apiServer])
    }
}
