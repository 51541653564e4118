import Foundation

/// Images with cosign SBOM attestations written by `scripts/fixtures/sbom_attestation_material.py` (Python's
/// `cryptography`, on the test Sigstore instance of `sigstore_material.py`), pushed once per test process to the
/// plain test registry as `supply-chain-sbom/app:TAG` with their `sha256-<digest>.att` tags, and OSV advisories
/// for a DB to match them with.
public enum SBOMAttestationMaterial {
    /// What was pushed.
    public struct Pushed: Sendable {
        public var port: Int
        /// The material's folder: `trusted_root.json`, `cosign.pub`, `osv/`, the OCI layout.
        public var directory: URL
        /// Tag → image manifest digest (`sbom-cdx`, `sbom-spdx`, `sbom-untrusted`, `sbom-tampered`, `sbom-none`,
        /// and the OpenVEX ones: `vex-signed`, `vex-untrusted`, `vex-tampered`, and `vex-referrer`, whose
        /// attestation is a Sigstore bundle in an OCI 1.1 referrer).
        public var digests: [String: String]
        public var identity: String
        public var otherIdentity: String
        public var issuer: String
        public var builderV1: String
        public var sourceCommit: String

        /// `127.0.0.1:PORT/supply-chain-sbom/app@DIGEST` for `tag`.
        public func reference(_ tag: String) -> String {
            "127.0.0.1:\(port)/supply-chain-sbom/app@\(digests[tag] ?? "sha256:unknown")"
        }
    }

    private struct Images: Decodable {
        var digests: [String: String]
        var tags: [String]
        var identity: String
        var otherIdentity: String
        var issuer: String
        var builderV1: String
        var sourceCommit: String
    }

    /// The pushed material, or `nil` when it could not be made (Python's `cryptography` missing: the reason is
    /// printed); a registry that cannot be started or a push that fails is an error.
    public static func pushed() throws -> Pushed? {
        guard let pushedImages else {
            if case .failure(let failure) = made { print("skipped: \(failure)") }
            return nil
        }
        return try pushedImages.get()
    }

    private static let made: Result<URL, ProcessRunner.Failure> = {
        do {
            let directory = try PackagePaths.temporaryDirectory("sbom-attestations")
            let script = PackagePaths.root.appendingPathComponent("scripts/fixtures/sbom_attestation_material.py")
            let result = try ProcessRunner.run("/usr/bin/env", ["python3", script.path, directory.path], timeout: 120)
            guard result.status == 0 else {
                return .failure(
                    ProcessRunner.Failure(
                        description: "sbom_attestation_material.py failed (is Python's cryptography installed? "
                            + "scripts/install-test-deps): \(result.stderr.suffix(400))"))
            }
            return .success(directory)
        } catch {
            return .failure(ProcessRunner.Failure(description: "SBOM attestation material: \(error)"))
        }
    }()

    private static let pushedImages: Result<Pushed, any Error>? = {
        guard case .success(let directory) = made else { return nil }
        return Result {
            let registries = try RegistryServers.shared()
            let images = try JSONDecoder().decode(
                Images.self, from: try Data(contentsOf: directory.appendingPathComponent("sbom-images.json")))
            let layout = directory.appendingPathComponent("oci")
            for tag in images.tags {
                try registries.push(
                    layout: layout, tag: tag, port: registries.plainPort, repository: "supply-chain-sbom/app")
            }
            // The image whose attestation is a referrer: pushed as a client of a registry without the referrers
            // API does (the referrers tag sha256-<hex> lists it).
            let script = PackagePaths.root.appendingPathComponent("scripts/registry/push_referrers.py").path
            let result = try ProcessRunner.run(
                "/usr/bin/env",
                [
                    "python3", script, directory.path, "http://127.0.0.1:\(registries.plainPort)",
                    "supply-chain-sbom/app", "vex-referrer",
                ], timeout: 120)
            guard result.status == 0 else {
                throw RegistryServerError(description: "push_referrers.py failed: \(result.stderr)")
            }
            return Pushed(
                port: registries.plainPort, directory: directory, digests: images.digests,
                identity: images.identity, otherIdentity: images.otherIdentity, issuer: images.issuer,
                builderV1: images.builderV1, sourceCommit: images.sourceCommit)
        }
    }()
}
