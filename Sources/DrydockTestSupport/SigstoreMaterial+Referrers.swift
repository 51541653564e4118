import Foundation

extension SigstoreMaterial {
    /// The material's images with signatures and attestations attached as OCI 1.1 referrers (`referrers.json`,
    /// written by `scripts/fixtures/sigstore_referrers.py`), pushed once per test run by
    /// `scripts/registry/push_referrers.py` to `supply-chain/referrers`:
    ///
    /// - `bundled`, `referrer-other-digest` and `referrer-tampered` straight to the plain `docker-registry`, which has
    ///   no referrers API, so the push maintains the referrers tag `sha256-<hex>`;
    /// - `bundled-api` through `referrers_proxy.py`, which adds the referrers API (one descriptor per page), so no
    ///   referrers tag is written: its referrers are only found through the API;
    /// - for signatures in another repository, `bundled` alone as `supply-chain/referrers-bare`, with its referrers
    ///   in `supply-chain/referrer-signatures`.
    public struct PushedReferrers: Sendable {
        /// The plain registry (no referrers API) and the proxy in front of it that has one.
        public var plainPort: Int
        public var apiPort: Int
        public var directory: URL
        /// Tag → image manifest digest.
        public var digests: [String: String]

        /// `127.0.0.1:PORT/REPOSITORY@DIGEST` for `tag`, through the proxy when `api`.
        public func reference(_ tag: String, api: Bool = false, repository: String = "supply-chain/referrers") -> String
        {
            "127.0.0.1:\(api ? apiPort : plainPort)/\(repository)@\(digests[tag] ?? "")"
        }
    }

    private struct Listing: Decodable {
        struct Image: Decodable { var manifest: String }
        var images: [String: Image]
    }

    /// The pushed referrer images, or `nil` when the material could not be made (the reason is printed); a registry
    /// that cannot be started or a push that fails is an error.
    public static func pushedReferrers() throws -> PushedReferrers? {
        guard let pushedReferrerImages else {
            print("skipped: the Sigstore material could not be made")
            return nil
        }
        return try pushedReferrerImages.get()
    }

    private static let pushedReferrerImages: Result<PushedReferrers, any Error>? = {
        guard case .success(let material) = made else { return nil }
        return Result {
            let registries = try RegistryServers.shared()
            let listing = try JSONDecoder().decode(
                Listing.self, from: try Data(contentsOf: material.directory.appendingPathComponent("referrers.json")))
            let script = PackagePaths.root.appendingPathComponent("scripts/registry/push_referrers.py").path
            let pushes: [(port: Int, repository: String, tags: [String])] = [
                (
                    registries.plainPort, "supply-chain/referrers",
                    ["bundled", "referrer-other-digest", "referrer-tampered"]
                ),
                (registries.referrersPort, "supply-chain/referrers", ["bundled-api"]),
                (registries.plainPort, "supply-chain/referrers-bare", ["--images-only", "bundled"]),
                (registries.plainPort, "supply-chain/referrer-signatures", ["bundled"]),
            ]
            for push in pushes {
                let result = try ProcessRunner.run(
                    "/usr/bin/env",
                    ["python3", script, material.directory.path, "http://127.0.0.1:\(push.port)", push.repository]
                        + push.tags, timeout: 120)
                guard result.status == 0 else {
                    throw RegistryServerError(description: "push_referrers.py failed: \(result.stderr)")
                }
            }
            return PushedReferrers(
                plainPort: registries.plainPort, apiPort: registries.referrersPort, directory: material.directory,
                digests: listing.images.mapValues(\.manifest))
        }
    }()
}
