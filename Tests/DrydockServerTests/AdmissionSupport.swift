import DrydockAdmission
import DrydockModel
import DrydockRepository
import DrydockServer
import DrydockTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging

/// The real Kubernetes manifests under `../shared/fixtures/iac`, wrapped in `AdmissionReview` requests.
enum AdmissionFixtures {
    /// Every object (a document with `apiVersion` and `kind`) of the fixtures' YAML files, as JSON;
    /// `nil` when the fixtures are absent.
    static let objectJSON: [Data]? = {
        guard let shared = PackagePaths.shared else { return nil }
        let root = shared.appendingPathComponent("fixtures/iac")
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            return nil
        }
        var objects: [Data] = []
        for case let url as URL in walker where ["yaml", "yml"].contains(url.pathExtension) {
            guard let text = try? String(contentsOf: url, encoding: .utf8),
                let documents = try? YAMLJSON.documents(text)
            else { continue }
            for case let document as [String: Any] in documents where document["kind"] is String {
                // Round-trip through JSON: the values the API server would send.
                guard let data = try? JSONSerialization.data(withJSONObject: document) else { continue }
                objects.append(data)
            }
        }
        return objects.isEmpty ? nil : objects
    }()

    /// The fixtures' objects as JSON values.
    static var objects: [[String: Any]]? {
        objectJSON?.compactMap { (try? JSONSerialization.jsonObject(with: $0)) as? [String: Any] }
    }

    /// An `AdmissionReview` request body for `object`.
    static func review(
        _ object: [String: Any]?, operation: String = "CREATE", uid: String = UUID().uuidString,
        namespace: String? = nil, oldObject: [String: Any]? = nil, subResource: String? = nil,
        kind: String? = nil
    ) -> ByteBuffer {
        let objectKind = kind ?? object?["kind"] as? String ?? "Pod"
        let apiVersion = object?["apiVersion"] as? String ?? "v1"
        let parts = apiVersion.split(separator: "/")
        let metadata = object?["metadata"] as? [String: Any]
        var request: [String: Any] = [
            "uid": uid,
            "kind": [
                "group": parts.count == 2 ? String(parts[0]) : "", "version": String(parts.last ?? "v1"),
                "kind": objectKind,
            ],
            "resource": ["group": "", "version": "v1", "resource": objectKind.lowercased() + "s"],
            "namespace": namespace ?? metadata?["namespace"] as? String ?? "default",
            "operation": operation,
            "userInfo": ["username": "system:serviceaccount:ci:deployer", "groups": ["system:authenticated"]],
        ]
        if let name = metadata?["name"] { request["name"] = name }
        if let object { request["object"] = object }
        if let oldObject { request["oldObject"] = oldObject }
        if let subResource { request["subResource"] = subResource }
        let body: [String: Any] = ["apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": request]
        return ByteBuffer(bytes: Array((try? JSONSerialization.data(withJSONObject: body)) ?? Data()))
    }

    /// A Deployment running `images` (one container each), labelled `labels`.
    static func deployment(
        _ images: [String], name: String = "web", namespace: String = "team", labels: [String: String] = [:],
        initImages: [String] = []
    ) -> [String: Any] {
        [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": name, "namespace": namespace, "labels": labels],
            "spec": [
                "template": [
                    "metadata": ["labels": ["app": name]],
                    "spec": [
                        "containers": images.enumerated().map { ["name": "c\($0.offset)", "image": $0.element] },
                        "initContainers": initImages.enumerated().map {
                            ["name": "i\($0.offset)", "image": $0.element]
                        },
                    ],
                ]
            ],
        ]
    }

    /// What is wrong with `body` as an `admission.k8s.io/v1` `AdmissionReview` response answering `uid`: the
    /// structure of `AdmissionReview`, `AdmissionResponse` and `metav1.Status` (field names, types, allowed
    /// values, no unknown fields). Empty when it is well-formed.
    static func responseProblems(_ body: ByteBuffer, uid: String) -> [String] {
        guard let root = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] else {
            return ["not a JSON object"]
        }
        var problems: [String] = []
        func only(_ object: [String: Any], _ allowed: Set<String>, _ at: String) {
            for key in object.keys where !allowed.contains(key) { problems.append("\(at): unknown field \(key)") }
        }
        only(root, ["apiVersion", "kind", "response"], "AdmissionReview")
        if root["apiVersion"] as? String != "admission.k8s.io/v1" { problems.append("apiVersion") }
        if root["kind"] as? String != "AdmissionReview" { problems.append("kind") }
        guard let response = root["response"] as? [String: Any] else { return problems + ["response missing"] }
        only(
            response, ["uid", "allowed", "status", "patch", "patchType", "auditAnnotations", "warnings"], "response")
        if response["uid"] as? String != uid { problems.append("response.uid is not the request's uid") }
        // A JSON boolean, not a number or a string (JSONSerialization would read 1 as true).
        if String(buffer: body).firstMatch(of: #/"allowed"\s*:\s*(true|false)/#) == nil {
            problems.append("response.allowed is not a JSON boolean")
        }
        if let status = response["status"] {
            guard let status = status as? [String: Any] else { return problems + ["response.status is not an object"] }
            only(
                status, ["apiVersion", "kind", "metadata", "status", "message", "reason", "details", "code"], "status")
            if let value = status["status"], !["Success", "Failure"].contains(value as? String ?? "") {
                problems.append("status.status must be Success or Failure")
            }
            if let code = status["code"], !(code is Int) { problems.append("status.code is not an integer") }
            if let message = status["message"], !(message is String) { problems.append("status.message") }
            if let reason = status["reason"], !(reason is String) { problems.append("status.reason") }
        }
        if let warnings = response["warnings"] {
            guard let list = warnings as? [Any], list.allSatisfy({ $0 is String }) else {
                return problems + ["response.warnings is not a list of strings"]
            }
        }
        return problems
    }

    /// The `response` of a review answer.
    static func response(_ body: ByteBuffer) -> [String: Any] {
        let root = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any]
        return root?["response"] as? [String: Any] ?? [:]
    }
}

extension ServerFixture {
    /// The same server (store, DB, tokens) with admission configured as `admission`.
    func with(_ admission: AdmissionConfiguration) -> ServerFixture {
        var configuration = server.configuration
        configuration.admission = admission
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        return ServerFixture(
            server: DrydockServer(
                configuration: configuration, store: server.store, toolVersion: "test", logger: logger),
            directory: directory)
    }

    /// Stores an image as a client scan would, under `references`, with `inventory`.
    func storeImage(
        _ references: [String], digest: String, inventory: Inventory, client: some TestClientProtocol
    ) async throws {
        let artifact = ArtifactMetadata(
            name: references[0], type: "container_image", imageID: digest,
            repoTags: references.filter { !$0.contains("@") }, repoDigests: references.filter { $0.contains("@") })
        try await client.execute(
            uri: "/api/v1/scans", method: .post, headers: .bearer(ServerFixture.writeToken),
            body: try jsonBody(ScanSubmission(artifact: artifact, inventory: inventory))
        ) { response throws in
            guard response.status == .ok else {
                throw AdmissionTestError("scan answered \(response.status): \(response.text)")
            }
        }
    }
}

struct AdmissionTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// An inventory with nothing the standard feeds know as vulnerable.
func cleanInventory() -> Inventory {
    AdvisoryFeedFixtures.alpineInventory(musl: "99.0.0-r0", openssl: "99.0.0-r0").removingLanguagePackages()
}

extension Inventory {
    func removingLanguagePackages() -> Inventory {
        var copy = self
        copy.targets = targets.filter { $0.kind == .osPackages }
        return copy
    }
}
