import DrydockAdmission
import DrydockModel
import DrydockRepository
import DrydockServer
import DrydockTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// `POST /admission/v1/validate`: AdmissionReviews of real Kubernetes objects, answered in the
/// `admission.k8s.io/v1` shape, decided from the repository and the configuration.
@Suite("Admission webhook")
struct AdmissionWebhookTests {
    static let path = "/admission/v1/validate"
    static let vulnerable = "registry.example/team/app:1.0"
    static let clean = "registry.example/team/clean:1.0"
    static let cleanDigest = "sha256:" + String(repeating: "d", count: 64)

    /// Posts `body` with a read token; the answer's status, response and raw body.
    static func post(_ client: some TestClientProtocol, _ body: ByteBuffer) async throws
        -> (status: HTTPResponse.Status, response: [String: Any], body: ByteBuffer)
    {
        try await client.execute(uri: path, method: .post, headers: .bearer(ServerFixture.readToken), body: body) {
            ($0.status, AdmissionFixtures.response($0.body), $0.body)
        }
    }

    static func message(_ response: [String: Any]) -> String {
        (response["status"] as? [String: Any])?["message"] as? String ?? ""
    }

    static func warnings(_ response: [String: Any]) -> [String] { response["warnings"] as? [String] ?? [] }

    /// A server (SQLite) with `admission`, the vulnerable and the clean image stored.
    static func server(_ admission: AdmissionConfiguration) async throws -> ServerFixture {
        let base = try await ServerFixture.make(.sqlite)
        try await base.test { client in
            try await base.storeImage(
                [vulnerable], digest: "sha256:" + String(repeating: "c", count: 64),
                inventory: AdvisoryFeedFixtures.alpineInventory(), client: client)
            try await base.storeImage(
                [clean, "registry.example/team/clean@\(cleanDigest)"],
                digest: "sha256:" + String(repeating: "e", count: 64),
                inventory: cleanInventory(), client: client)
        }
        return base.with(admission)
    }

    static func everySeverity() -> AdmissionConfiguration {
        var configuration = AdmissionConfiguration()
        configuration.gateSeverities = Set(Severity.allCases)
        return configuration
    }

    @Test("every object of the fixtures gets a well-formed answer; workloads of unscanned images are denied")
    func fixtures() async throws {
        guard let objects = AdmissionFixtures.objects else {
            print("skipped: ../shared/fixtures/iac is absent")
            return
        }
        let fixture = try await Self.server(AdmissionConfiguration())
        let cases = try objects.map { object in
            let workload = try JSONDecoder().decode(
                KubernetesWorkload.self, from: JSONSerialization.data(withJSONObject: object))
            let uid = UUID().uuidString
            return (uid, workload, AdmissionFixtures.review(object, uid: uid))
        }
        let (denied, kinds) = try await fixture.test { client in
            var denied = 0
            var kinds: Set<String> = []
            for (uid, workload, review) in cases {
                let (status, response, body) = try await Self.post(client, review)
                let kind = workload.kind
                #expect(status == .ok, "\(kind): \(String(buffer: body))")
                #expect(AdmissionFixtures.responseProblems(body, uid: uid) == [], "\(kind): \(String(buffer: body))")
                let images = workload.containers.map(\.image)
                if workload.isWorkload && !images.isEmpty {
                    kinds.insert(kind)
                    denied += 1
                    #expect(response["allowed"] as? Bool == false)
                    let status = response["status"] as? [String: Any]
                    #expect(status?["code"] as? Int == 403)
                    #expect(status?["reason"] as? String == "Forbidden")
                    let message = Self.message(response)
                    #expect(message.contains("drydock denied \(kind) "))
                    for image in images { #expect(message.contains("image \(image): ["), "\(message)") }
                } else {
                    #expect(response["allowed"] as? Bool == true, "\(kind)")
                    #expect(response["status"] == nil)
                }
            }
            return (denied, kinds)
        }
        #expect(denied > 100)
        #expect(kinds.isSuperset(of: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicationController"]))
        await fixture.close()
    }

    @Test("the gate: failing findings are named in the denial; a clean image is allowed")
    func gate() async throws {
        let fixture = try await Self.server(Self.everySeverity())
        try await fixture.test { client in
            let (_, denied, _) = try await Self.post(
                client, AdmissionFixtures.review(AdmissionFixtures.deployment([Self.vulnerable, Self.clean])))
            #expect(denied["allowed"] as? Bool == false)
            let message = Self.message(denied)
            #expect(message.contains("container \"c0\" image \(Self.vulnerable): [gate]"), "\(message)")
            #expect(message.contains("fail the gate: CVE-") || message.contains("fail the gate: GHSA-"), "\(message)")
            #expect(!message.contains(Self.clean), "\(message)")
            let (_, allowed, _) = try await Self.post(
                client, AdmissionFixtures.review(AdmissionFixtures.deployment([Self.clean], initImages: [Self.clean])))
            #expect(allowed["allowed"] as? Bool == true)
            #expect(allowed["warnings"] == nil)
        }
        await fixture.close()
    }

    @Test("a scan older than the maximum age is denied")
    func scanAge() async throws {
        var configuration = AdmissionConfiguration()
        configuration.maxScanAge = 86_400
        let fixture = try await Self.server(configuration)
        let decider = AdmissionDecider(
            configuration: configuration,
            assessor: StoreImageAssessor(
                store: fixture.server.store, database: fixture.server.database, configuration: configuration))
        let review = try AdmissionReviewRequest.decode(
            Array(buffer: AdmissionFixtures.review(AdmissionFixtures.deployment([Self.clean]))))
        let now = await decider.decide(review)
        #expect(now.response.response.allowed)
        let later = await decider.decide(review, now: Date().addingTimeInterval(3 * 86_400))
        #expect(!later.response.response.allowed)
        #expect(later.record.rules == [.scanAge])
        #expect(later.response.response.status?.message.contains("older than 1d") == true)
        await fixture.close()
    }

    @Test("digest pinning: tags are denied, digests (with or without a tag) allowed")
    func digest() async throws {
        var configuration = AdmissionConfiguration()
        configuration.requireDigest = true
        let fixture = try await Self.server(configuration)
        try await fixture.test { client in
            let (_, tag, _) = try await Self.post(
                client, AdmissionFixtures.review(AdmissionFixtures.deployment([Self.clean])))
            #expect(tag["allowed"] as? Bool == false)
            #expect(Self.message(tag).contains("[digest] tag '1.0' is not pinned by digest"), "\(Self.message(tag))")
            for image in [
                "registry.example/team/clean@\(Self.cleanDigest)",
                "registry.example/team/clean:1.0@\(Self.cleanDigest)",
            ] {
                let (_, pinned, _) = try await Self.post(
                    client, AdmissionFixtures.review(AdmissionFixtures.deployment([image])))
                #expect(pinned["allowed"] as? Bool == true, "\(image): \(Self.message(pinned))")
            }
        }
        await fixture.close()
    }

    @Test("registry allow-list")
    func registries() async throws {
        var configuration = AdmissionConfiguration()
        configuration.allowedRegistries = ["registry.example/team", "ghcr.io"]
        configuration.requireScan = false
        let fixture = try await Self.server(configuration)
        try await fixture.test { client in
            let (_, hub, _) = try await Self.post(
                client, AdmissionFixtures.review(AdmissionFixtures.deployment(["nginx:1.25"])))
            #expect(hub["allowed"] as? Bool == false)
            #expect(Self.message(hub).contains("[registry] registry docker.io is not allowed"))
            for image in [Self.clean, "ghcr.io/acme/tool:2"] {
                let (_, ok, _) = try await Self.post(
                    client, AdmissionFixtures.review(AdmissionFixtures.deployment([image])))
                #expect(ok["allowed"] as? Bool == true, "\(image)")
            }
            let (_, other, _) = try await Self.post(
                client, AdmissionFixtures.review(AdmissionFixtures.deployment(["registry.example/teamx/app:1"])))
            #expect(other["allowed"] as? Bool == false)
        }
        await fixture.close()
    }

    @Test("audit mode allows with warnings; per-namespace overrides")
    func auditMode() async throws {
        var configuration = AdmissionConfiguration()
        configuration.namespaceOverrides = [NamespaceOverride(namespaces: [GlobText("dev-*")], mode: .audit)]
        let fixture = try await Self.server(configuration)
        try await fixture.test { client in
            let object = AdmissionFixtures.deployment(["registry.example/team/unknown:3"], namespace: "dev-alice")
            let uid = UUID().uuidString
            let (_, audit, body) = try await Self.post(client, AdmissionFixtures.review(object, uid: uid))
            #expect(AdmissionFixtures.responseProblems(body, uid: uid) == [])
            #expect(audit["allowed"] as? Bool == true)
            #expect(audit["status"] == nil)
            let warnings = Self.warnings(audit)
            #expect(
                warnings.contains {
                    $0.hasPrefix(
                        "drydock (audit): container \"c0\" image registry.example/team/unknown:3: [not-scanned]")
                }, "\(warnings)")
            let (_, enforced, _) = try await Self.post(
                client, AdmissionFixtures.review(AdmissionFixtures.deployment(["registry.example/team/unknown:3"])))
            #expect(enforced["allowed"] as? Bool == false)
        }
        await fixture.close()
    }

    @Test("namespace and object selectors")
    func selectors() async throws {
        var configuration = AdmissionConfiguration()
        configuration.excludeNamespaces = [GlobText("kube-*")]
        configuration.objectSelector = LabelSelector(
            matchLabels: ["drydock.dev/admission": "enforce"],
            matchExpressions: [.init(key: "tier", operator: .notIn, values: ["scratch"])])
        let fixture = try await Self.server(configuration)
        let image = "registry.example/team/unknown:3"
        let cases: [(String, [String: String], Bool)] = [
            ("team", ["drydock.dev/admission": "enforce"], false),
            ("kube-system", ["drydock.dev/admission": "enforce"], true),
            ("team", [:], true),
            ("team", ["drydock.dev/admission": "enforce", "tier": "scratch"], true),
            ("team", ["drydock.dev/admission": "enforce", "tier": "web"], false),
        ]
        try await fixture.test { client in
            for (namespace, labels, allowed) in cases {
                let object = AdmissionFixtures.deployment([image], namespace: namespace, labels: labels)
                let (_, response, _) = try await Self.post(client, AdmissionFixtures.review(object))
                #expect(response["allowed"] as? Bool == allowed, "\(namespace) \(labels)")
                if allowed { #expect(response["warnings"] == nil) }
            }
        }
        await fixture.close()
    }

    @Test("exemptions apply until they expire, only where they say, and are named")
    func exemptions() async throws {
        var configuration = AdmissionConfiguration()
        configuration.exemptions = [
            AdmissionExemption(
                id: "legacy-batch", owner: "data-team@example.com", reason: "migration",
                expires: Date().addingTimeInterval(86_400), namespaces: [GlobText("batch")],
                images: [GlobText("registry.example/legacy/*")], rules: [.notScanned]),
            AdmissionExemption(
                id: "old-tool", owner: "ops@example.com", reason: "", expires: Date().addingTimeInterval(-86_400),
                images: [GlobText("registry.example/tools/*")]),
        ]
        let fixture = try await Self.server(configuration)
        try await fixture.test { client in
            let (_, exempt, _) = try await Self.post(
                client,
                AdmissionFixtures.review(
                    AdmissionFixtures.deployment(["registry.example/legacy/etl:7"], namespace: "batch")))
            #expect(exempt["allowed"] as? Bool == true)
            #expect(
                Self.warnings(exempt).contains {
                    $0.contains("[not-scanned] exempted by legacy-batch (owner data-team@example.com, until ")
                })
            let (_, elsewhere, _) = try await Self.post(
                client,
                AdmissionFixtures.review(
                    AdmissionFixtures.deployment(["registry.example/legacy/etl:7"], namespace: "web")))
            #expect(elsewhere["allowed"] as? Bool == false)
            let (_, expired, _) = try await Self.post(
                client, AdmissionFixtures.review(AdmissionFixtures.deployment(["registry.example/tools/jq:1"])))
            #expect(expired["allowed"] as? Bool == false)
            #expect(
                Self.warnings(expired).contains {
                    $0.hasPrefix("exemption old-tool (owner ops@example.com) expired on ")
                })
        }
        await fixture.close()
    }

    @Test("updates decide only new images; DELETE, CONNECT, other kinds and subresources are allowed untouched")
    func operations() async throws {
        let fixture = try await Self.server(AdmissionConfiguration())
        let unknown = "registry.example/team/unknown:3"
        let old = AdmissionFixtures.deployment([unknown])
        let pod: [String: Any] = [
            "apiVersion": "v1", "kind": "Pod", "metadata": ["name": "p", "namespace": "team"],
            "spec": [
                "containers": [["name": "app", "image": Self.clean]],
                "ephemeralContainers": [["name": "debugger", "image": "busybox:1.36"]],
            ],
        ]
        let debugReview = AdmissionFixtures.review(pod, operation: "UPDATE", subResource: "ephemeralcontainers")
        let cases: [(ByteBuffer, Bool)] = [
            (AdmissionFixtures.review(old, operation: "UPDATE", oldObject: old), true),
            (
                AdmissionFixtures.review(
                    AdmissionFixtures.deployment([unknown, "registry.example/team/new:1"]), operation: "UPDATE",
                    oldObject: old), false
            ),
            (AdmissionFixtures.review(nil, operation: "DELETE", kind: "Deployment"), true),
            (AdmissionFixtures.review(old, operation: "CONNECT"), true),
            (AdmissionFixtures.review(old, subResource: "status"), true),
            (AdmissionFixtures.review(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "x"]]), true),
        ]
        try await fixture.test { client in
            for (body, allowed) in cases {
                let (status, response, text) = try await Self.post(client, body)
                #expect(status == .ok)
                #expect(response["allowed"] as? Bool == allowed, "\(String(buffer: text))")
            }
            // `kubectl debug`: the ephemeral container is decided, the pod's own containers are not.
            let (_, debug, _) = try await Self.post(client, debugReview)
            #expect(debug["allowed"] as? Bool == false)
            #expect(Self.message(debug).contains("ephemeral container \"debugger\" image busybox:1.36: [not-scanned]"))
        }
        await fixture.close()
    }

    @Test("malformed bodies are 400 with what is wrong")
    func malformed() async throws {
        let fixture = try await Self.server(AdmissionConfiguration())
        let cases: [(String, String)] = [
            ("", "the request body is empty"),
            ("{not json", "not JSON"),
            (#"{"apiVersion":"v1","kind":"Pod"}"#, "request is missing"),
            (
                #"{"apiVersion":"admission.k8s.io/v1","kind":"Status","request":{"uid":"1","kind":{"kind":"Pod"},"operation":"CREATE"}}"#,
                "expected AdmissionReview"
            ),
            (
                #"{"apiVersion":"admission.k8s.io/v2","kind":"AdmissionReview","request":{"uid":"1","kind":{"kind":"Pod"},"operation":"CREATE"}}"#,
                "not supported"
            ),
            (
                #"{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"","kind":{"kind":"Pod"},"operation":"CREATE"}}"#,
                "request.uid is empty"
            ),
            (
                #"{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"1","kind":{"kind":"Pod"},"operation":"CREATE","object":{"kind":"Pod","spec":{"containers":"nginx"}}}}"#,
                "request.object.spec.containers has the wrong type"
            ),
            ("[1, 2]", "wrong type"),
        ]
        try await fixture.test { client in
            for (body, reason) in cases {
                try await client.execute(
                    uri: Self.path, method: .post, headers: .bearer(ServerFixture.readToken),
                    body: ByteBuffer(string: body)
                ) { response throws in
                    #expect(response.status == .badRequest, "\(body)")
                    #expect(response.text.contains("invalid-admission-review"))
                    #expect(response.text.contains(reason), "\(body): \(response.text)")
                }
            }
        }
        await fixture.close()
    }

    @Test("every decision is in the audit log, queryable; the endpoint needs a token unless configured otherwise")
    func auditLogAndAuthentication() async throws {
        let fixture = try await Self.server(AdmissionConfiguration())
        try await fixture.test { client in
            _ = try await Self.post(
                client, AdmissionFixtures.review(AdmissionFixtures.deployment(["registry.example/team/unknown:3"])))
            _ = try await Self.post(client, AdmissionFixtures.review(AdmissionFixtures.deployment([Self.clean])))
            var records: [AdmissionAuditRecord] = []
            let deadline = Date().addingTimeInterval(60)
            while records.count < 2, Date() < deadline {
                try await Task.sleep(for: .milliseconds(50))
                records = try await client.execute(
                    uri: "/api/v1/admission/decisions?namespace=team", method: .get,
                    headers: .bearer(ServerFixture.readToken)
                ) { try $0.decode([AdmissionAuditRecord].self) }
            }
            #expect(records.map(\.action).sorted { $0.rawValue < $1.rawValue } == [.allow, .deny])
            let deny = records.first { $0.action == .deny }
            #expect(deny?.object == "Deployment/team/web")
            #expect(deny?.rules == [.notScanned])
            #expect(deny?.user == "system:serviceaccount:ci:deployer")
            let denials = try await client.execute(
                uri: "/api/v1/admission/decisions?action=deny", method: .get, headers: .bearer(ServerFixture.readToken)
            ) { try $0.decode([AdmissionAuditRecord].self) }
            #expect(denials.count == 1)
            try await client.execute(
                uri: Self.path, method: .post,
                body: AdmissionFixtures.review(AdmissionFixtures.deployment([Self.clean]))
            ) { #expect($0.status == .unauthorized) }
        }
        var open = AdmissionConfiguration()
        open.requireToken = false
        try await fixture.with(open).test { client in
            try await client.execute(
                uri: Self.path, method: .post,
                body: AdmissionFixtures.review(AdmissionFixtures.deployment([Self.clean]))
            ) { #expect($0.status == .ok) }
        }
        await fixture.close()
    }
}
