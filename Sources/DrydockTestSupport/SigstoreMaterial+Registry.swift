import Foundation

extension SigstoreMaterial {
    /// The material's images, cosign signatures and attestations (`cosign-images.json`), pushed once per test run
    /// to the plain test registry as `supply-chain/app:TAG`; and, for signatures in another repository
    /// (`COSIGN_REPOSITORY`), image `1.0` alone as `supply-chain/bare:1.0` with its signatures and attestations
    /// in `supply-chain/signatures`.
    public struct PushedImages: Sendable {
        public var port: Int
        public var directory: URL
        /// Tag → image manifest digest (`1.0`, `tampered`, `other-digest`, `expired`).
        public var digests: [String: String]
        public var builderV1: String
        /// Multi-platform images: tag → platform (`linux/arm64/v8`) → `manifest` and `config` digests.
        public var platforms: [String: [String: [String: String]]]

        /// `127.0.0.1:PORT/supply-chain/app` and `suffix` (`:1.0`, `@sha256:…`).
        public func reference(_ suffix: String) -> String { "127.0.0.1:\(port)/supply-chain/app\(suffix)" }
    }

    private struct Images: Decodable {
        var digests: [String: String]
        var tags: [String]
        var builderV1: String
        var platforms: [String: [String: [String: String]]]?
    }

    /// The pushed images, or `nil` when the material could not be made (the reason is printed); a registry that
    /// cannot be started or a push that fails is an error.
    public static func pushedImages() throws -> PushedImages? {
        guard let pushed else {
            print("skipped: the Sigstore material could not be made")
            return nil
        }
        return try pushed.get()
    }

    private static let pushed: Result<PushedImages, any Error>? = {
        guard case .success(let material) = made else { return nil }
        return Result {
            let registries = try RegistryServers.shared()
            let images = try JSONDecoder().decode(
                Images.self,
                from: try Data(contentsOf: material.directory.appendingPathComponent("cosign-images.json")))
            let layout = material.directory.appendingPathComponent("oci")
            for tag in images.tags {
                try registries.push(
                    layout: layout, tag: tag, port: registries.plainPort, repository: "supply-chain/app")
            }
            try registries.push(layout: layout, tag: "1.0", port: registries.plainPort, repository: "supply-chain/bare")
            let signed = String((images.digests["1.0"] ?? "").dropFirst("sha256:".count))
            for tag in images.tags where tag.hasPrefix("sha256-\(signed).") {
                try registries.push(
                    layout: layout, tag: tag, port: registries.plainPort, repository: "supply-chain/signatures")
            }
            return PushedImages(
                port: registries.plainPort, directory: material.directory, digests: images.digests,
                builderV1: images.builderV1, platforms: images.platforms ?? [:])
        }
    }()
}
