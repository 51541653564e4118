import DrydockAdmission
import Foundation
import Testing

/// `drydock k8s`'s inventory: kubectl JSON in, workloads and distinct images out.
@Suite("Cluster inventory")
struct ClusterInventoryTests {
    static let digest = "sha256:" + String(repeating: "a", count: 64)
    static let other = "sha256:" + String(repeating: "b", count: 64)

    static func pod(_ name: String, image: String, runs digest: String?, owner: String?) -> [String: Any] {
        var metadata: [String: Any] = ["name": name, "namespace": "shop"]
        if let owner { metadata["ownerReferences"] = [["kind": "ReplicaSet", "name": owner, "controller": true]] }
        var pod: [String: Any] = [
            "apiVersion": "v1", "kind": "Pod", "metadata": metadata,
            "spec": ["containers": [["name": "app", "image": image]]],
        ]
        if let digest {
            pod["status"] = [
                "containerStatuses": [["name": "app", "imageID": "docker.io/library/nginx@\(digest)"]]
            ]
        }
        return pod
    }

    static func parse(_ items: [[String: Any]]) throws -> ClusterInventory {
        let data = try JSONSerialization.data(withJSONObject: ["apiVersion": "v1", "kind": "List", "items": items])
        return try ClusterInventory.parse(Array(data), path: "cluster.json")
    }

    @Test("a controller's tag counts as the digest its pods run; owned pods are not listed on their own")
    func runningDigests() throws {
        let replicaSet: [String: Any] = [
            "apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": ["name": "web-1", "namespace": "shop"],
            "spec": ["template": ["spec": ["containers": [["name": "app", "image": "nginx:1.25"]]]]],
        ]
        let inventory = try Self.parse([
            replicaSet, Self.pod("web-1-a", image: "nginx:1.25", runs: Self.digest, owner: "web-1"),
            Self.pod("web-1-b", image: "nginx:1.25", runs: Self.digest, owner: "web-1"),
            Self.pod("lone", image: "nginx:1.25@\(Self.other)", runs: nil, owner: nil),
            ["apiVersion": "v1", "kind": "Service", "metadata": ["name": "web"]],
        ])
        #expect(inventory.images.map(\.key) == [Self.digest, Self.other])
        #expect(inventory.images.first?.reference == "docker.io/library/nginx@\(Self.digest)")
        #expect(inventory.images.first?.uses.count == 3)
        #expect(inventory.topLevel.map(\.workload.displayName) == ["web-1", "lone"])
        #expect(inventory.otherKinds == ["Service": 1])
    }

    @Test("two digests behind one tag stay two images; a tag without running pods stays a tag")
    func ambiguous() throws {
        let inventory = try Self.parse([
            Self.pod("a", image: "nginx:1.25", runs: Self.digest, owner: nil),
            Self.pod("b", image: "nginx:1.25", runs: Self.other, owner: nil),
            Self.pod("c", image: "redis:7", runs: nil, owner: nil),
        ])
        #expect(inventory.images.map(\.key) == [Self.digest, Self.other, "docker.io/library/redis:7"])
    }

    @Test("input that is not a cluster listing is an error naming the file")
    func errors() {
        for (text, reason) in [
            ("", "empty"), ("{", "not valid JSON"), ("[]", "expected a Kubernetes object"),
            ("{\"items\": []}", "no Kubernetes objects"),
        ] {
            #expect(throws: ClusterInventoryError.self) { try ClusterInventory.parse(Array(text.utf8), path: "c.json") }
            do {
                _ = try ClusterInventory.parse(Array(text.utf8), path: "c.json")
            } catch {
                #expect(error.description.hasPrefix("c.json: "))
                #expect(error.description.contains(reason), "\(text): \(error)")
            }
        }
    }
}
