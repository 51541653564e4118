import DrydockAdmission
import DrydockTestSupport
import Foundation
import Testing

/// `drydock k8s` end to end: a `kubectl get -o json` List built from the real manifests under
/// `../shared/fixtures/iac/microservices-demo`, its images pointed at the test registry (one pushed, one
/// missing), scanned locally and through a server; the server's webhook then decides the same Deployment.
@Suite(.serialized) struct K8sCommandTests {
    struct Setup {
        var list: URL
        var database: String
        var app: String
        var missing: String
        var deployments: Int
    }

    static func setup() throws -> Setup? {
        guard let shared = PackagePaths.shared else { return nil }
        let folder = shared.appendingPathComponent("fixtures/iac/microservices-demo/kubernetes-manifests")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return nil }
        let servers = try RegistryServers.shared()
        let database = try CLI.buildDatabase([try RegistryFixtures.writeSecDB().path])
        let layout = try ImageFixtures.ociLayout(images: [RegistryFixtures.alpine(muslVersion: "1.2.4-r2")])
        try servers.push(layout: layout, tag: "1.0", port: servers.plainPort, repository: "k8s/app")
        let app = "127.0.0.1:\(servers.plainPort)/k8s/app:1.0"
        let missing = "127.0.0.1:\(servers.plainPort)/k8s/missing:1.0"
        var items: [Any] = []
        var deployments = 0
        for name in names.sorted() where name.hasSuffix(".yaml") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            for case var object as [String: Any] in try YAMLJSON.documents(text) where object["kind"] is String {
                if object["kind"] as? String == "Deployment" {
                    deployments += 1
                    object = Self.pointing(object, to: deployments == 2 ? missing : app)
                }
                items.append(object)
            }
        }
        let list = try PackagePaths.temporaryDirectory("k8s").appendingPathComponent("cluster.json")
        try JSONSerialization.data(withJSONObject: ["apiVersion": "v1", "kind": "List", "items": items]).write(to: list)
        return Setup(list: list, database: database, app: app, missing: missing, deployments: deployments)
    }

    /// `object` with every container image replaced by `image`.
    static func pointing(_ object: [String: Any], to image: String) -> [String: Any] {
        var object = object
        var spec = object["spec"] as? [String: Any] ?? [:]
        var template = spec["template"] as? [String: Any] ?? [:]
        var pod = template["spec"] as? [String: Any] ?? [:]
        for key in ["containers", "initContainers"] {
            guard let containers = pod[key] as? [[String: Any]] else { continue }
            pod[key] = containers.map { container in
                var container = container
                container["image"] = image
                return container
            }
        }
        template["spec"] = pod
        spec["template"] = template
        object["spec"] = spec
        return object
    }

    static let environment = ["DOCKER_CONFIG": "/nonexistent-docker-config", "XDG_CONFIG_HOME": "/nonexistent-xdg"]

    static func report(_ result: ProcessRunner.Result) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: result.stdout)) as? [String: Any] ?? [:]
    }

    @Test("local: images deduplicated, the pushed one scanned, the missing one reported; misconfigurations checked")
    func local() throws {
        guard let setup = try Self.setup() else {
            print("skipped: ../shared/fixtures/iac/microservices-demo is absent")
            return
        }
        let result = try CLI.run(
            [
                "k8s", "--from", setup.list.path, "--format", "json", "--", "--db", setup.database, "--image-src",
                "remote",
            ],
            environment: Self.environment)
        #expect(result.status == 0, "\(result.stderr)")
        let report = Self.report(result)
        let summary = report["summary"] as? [String: Any] ?? [:]
        #expect(summary["images"] as? Int == 2)
        #expect(summary["workloads"] as? Int == setup.deployments)
        #expect(summary["imagesByState"] as? [String: Int] == ["scanned": 1, "failed": 1])
        #expect((summary["vulnerabilities"] as? [String: Int])?.values.reduce(0, +) ?? 0 > 0)
        #expect((summary["misconfigurations"] as? [String: Int])?.values.reduce(0, +) ?? 0 > 0)
        #expect((summary["otherObjects"] as? [String: Int])?["Service"] ?? 0 > 0)
        let workloads = report["workloads"] as? [[String: Any]] ?? []
        let ids = workloads.flatMap { $0["misconfigurationIDs"] as? [String] ?? [] }
        #expect(ids.contains { $0.hasPrefix("KSV") }, "\(ids)")
        let images = report["images"] as? [String: [String: Any]] ?? [:]
        #expect(images[setup.missing]?["state"] as? String == "failed")
        #expect((images[setup.missing]?["reason"] as? String)?.contains("k8s/missing") == true)
        let table = try CLI.run(
            ["k8s", "--from", "-", "--no-misconfig", "--", "--db", setup.database, "--image-src", "remote"],
            input: try Data(contentsOf: setup.list), environment: Self.environment)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.output.contains("Cluster default: \(setup.deployments) workloads"), "\(table.output)")
        #expect(table.output.contains("Not scanned: \(setup.missing): "))
        let gate = try CLI.run(
            [
                "k8s", "--from", setup.list.path, "--exit-code", "5", "--", "--db", setup.database, "--image-src",
                "remote",
            ],
            environment: Self.environment)
        #expect(gate.status == 5, "\(gate.stderr)")
        let broken = try CLI.run(["k8s", "--from", "/nonexistent.json"])
        #expect(broken.status == 3)
        #expect(broken.stderr.contains("/nonexistent.json"))
    }

    @Test("with --server: unknown images scanned and stored, the inventory reported, then known; the webhook decides")
    func server() throws {
        guard let setup = try Self.setup() else {
            print("skipped: ../shared/fixtures/iac/microservices-demo is absent")
            return
        }
        let scratch = try PackagePaths.temporaryDirectory("k8s-server")
        let config = scratch.appendingPathComponent("admission.yaml")
        try Data(
            """
            apiVersion: drydock.dev/admission/v1
            gate:
              severities: [UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL]
            """.utf8
        ).write(to: config)
        let server = try ServerProcess(database: setup.database, extra: ["--admission-config", config.path])
        defer { server.stop() }
        let token = server.tokens["write"] ?? ""
        let first = try CLI.run(
            [
                "k8s", "--from", setup.list.path, "--format", "json", "--server", server.url, "--token", token,
                "--cluster", "prod", "--", "--image-src", "remote",
            ],
            environment: Self.environment)
        #expect(first.status == 0, "\(first.stderr)")
        let firstImages = Self.report(first)["images"] as? [String: [String: Any]] ?? [:]
        #expect(firstImages[setup.app]?["state"] as? String == "scanned", "\(firstImages)")
        let second = try CLI.run(
            [
                "k8s", "--from", setup.list.path, "--format", "json", "--server", server.url, "--token", token,
                "--cluster", "prod", "--skip-scan",
            ],
            environment: Self.environment)
        #expect(second.status == 0, "\(second.stderr)")
        let known = (Self.report(second)["images"] as? [String: [String: Any]] ?? [:])[setup.app]
        #expect(known?["state"] as? String == "known")
        #expect((known?["vulnerabilities"] as? [String: Int])?.values.reduce(0, +) ?? 0 > 0)
        // The webhook: the scanned image fails the gate on its finding, the missing one is not in the repository.
        let deployment: [String: Any] = [
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web", "namespace": "shop"],
            "spec": [
                "template": [
                    "spec": [
                        "containers": [["name": "app", "image": setup.app], ["name": "side", "image": setup.missing]]
                    ]
                ]
            ],
        ]
        let review: [String: Any] = [
            "apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
            "request": [
                "uid": "e2e-1", "kind": ["group": "apps", "version": "v1", "kind": "Deployment"], "namespace": "shop",
                "operation": "CREATE", "object": deployment,
            ],
        ]
        let response = try server.admissionResponse(review)
        #expect(response?["uid"] as? String == "e2e-1")
        #expect(response?["allowed"] as? Bool == false)
        let message = (response?["status"] as? [String: Any])?["message"] as? String ?? ""
        #expect(
            message.contains("container \"app\" image \(setup.app): [gate] 1 finding fail the gate: CVE-2099-0001"),
            "\(message)")
        #expect(message.contains("container \"side\" image \(setup.missing): [not-scanned]"), "\(message)")
    }
    @Test("admission decisions still queued when the server stops are written before the store closes")
    func auditFlushedAtShutdown() throws {
        guard let setup = try Self.setup() else {
            print("skipped: ../shared/fixtures/iac/microservices-demo is absent")
            return
        }
        let scratch = try PackagePaths.temporaryDirectory("k8s-audit-shutdown")
        let config = scratch.appendingPathComponent("admission.yaml")
        try Data("apiVersion: drydock.dev/admission/v1\ngate:\n  severities: [CRITICAL]\n".utf8).write(to: config)
        let repository = scratch.appendingPathComponent("repo.db").path
        let server = try ServerProcess(
            database: setup.database, store: "sqlite:" + repository, extra: ["--admission-config", config.path])
        let pod: [String: Any] = [
            "apiVersion": "v1", "kind": "Pod", "metadata": ["name": "p", "namespace": "shop"],
            "spec": ["containers": [["name": "side", "image": setup.missing]]],
        ]
        for number in 1...5 {
            let review: [String: Any] = [
                "apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
                "request": [
                    "uid": "stop-\(number)", "kind": ["group": "", "version": "v1", "kind": "Pod"],
                    "namespace": "shop", "operation": "CREATE", "object": pod,
                ],
            ]
            #expect(try server.admissionResponse(review)?["uid"] as? String == "stop-\(number)")
        }
        // SIGTERM at once: the last decisions are still in the batch the audit log writes every 100 ms.
        server.stop()
        let count = try ProcessRunner.run(
            "/usr/bin/sqlite3", [repository, "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'admission.%'"])
        #expect(String(decoding: count.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "5")
    }
}
