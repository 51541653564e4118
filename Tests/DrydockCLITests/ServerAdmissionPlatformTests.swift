import DrydockTestSupport
import Foundation
import Testing

/// `drydock server --admission-config FILE` deciding a multi-platform image held by the real `docker-registry` on
/// loopback (made by `scripts/fixtures/sigstore_material.py`, pushed with skopeo): the webhook reads the registry
/// only when the file names `images.platforms` (or the gate policy has supply-chain rules).
@Suite(.enabled(if: PackagePaths.hasShared, "needs ../shared (the DB is built from its advisories)"))
struct ServerAdmissionPlatformTests {
    /// The webhook's answer for a Deployment running `image`, from a server started with `configuration`.
    private func decide(_ image: String, configuration: String) throws -> [String: Any]? {
        let database = try CLI.imageFixtureDatabase.get()
        let scratch = try PackagePaths.temporaryDirectory("admission-platforms")
        let file = scratch.appendingPathComponent("admission.yaml")
        try Data(("apiVersion: drydock.dev/admission/v1\n" + configuration).utf8).write(to: file)
        let server = try ServerProcess(
            database: database, extra: ["--admission-config", file.path],
            environment: ["DOCKER_CONFIG": "/nonexistent-docker-config"])
        defer { server.stop() }
        let deployment: [String: Any] = [
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web", "namespace": "shop"],
            "spec": ["template": ["spec": ["containers": [["name": "app", "image": image]]]]],
        ]
        let review: [String: Any] = [
            "apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
            "request": [
                "uid": "platforms-1", "kind": ["group": "apps", "version": "v1", "kind": "Deployment"],
                "namespace": "shop", "operation": "CREATE", "object": deployment,
            ],
        ]
        return try server.admissionResponse(review)
    }

    private func message(_ response: [String: Any]?) -> String {
        (response?["status"] as? [String: Any])?["message"] as? String ?? ""
    }

    @Test("images.platforms makes the webhook resolve the index; without it the store alone decides")
    func platformsFromTheConfigurationFile() throws {
        guard let images = try SigstoreMaterial.pushedImages() else { return }
        let image = images.reference(":multi")
        let resolved = try decide(image, configuration: "images:\n  platforms: [linux/ppc64le]\n")
        #expect(resolved?["allowed"] as? Bool == false)
        #expect(
            message(resolved).contains(
                "[invalid-image] the image index has no image for linux/ppc64le "
                    + "(it lists linux/amd64, linux/arm64/v8, linux/s390x)"), "\(message(resolved))")
        // The default: no registry is read, and the reference is simply not in the repository.
        let unresolved = try decide(image, configuration: "")
        #expect(unresolved?["allowed"] as? Bool == false)
        #expect(message(unresolved).contains("[not-scanned] not in the repository"), "\(message(unresolved))")
        #expect(!message(unresolved).contains("invalid-image"), "\(message(unresolved))")
    }
}
