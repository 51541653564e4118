import ArgumentParser
import DrydockNetwork
import DrydockSupplyChain
import Foundation

extension SigstoreCommand {
    /// `drydock sigstore verify-image REF`: the image's cosign signatures (the `sha256-<digest>.sig` tag).
    struct VerifyImage: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify-image",
            abstract: "Verify an image's cosign signatures stored in its registry (the sha256-<digest>.sig tag).",
            discussion: """
                Resolves REF to its manifest digest, fetches the signature manifest cosign stores under the tag \
                sha256-<digest>.sig, and verifies each signature layer: the simple-signing payload must name that \
                digest, and its signature, certificate and Rekor evidence must hold for the signer and trusted \
                root given (as for verify-bundle). One valid signature is enough. OCI 1.1 referrers (cosign's \
                newer bundle format) are not read yet. A signature without Rekor evidence (cosign sign \
                --tlog-upload=false) is refused unless --insecure-ignore-tlog is given with --key. Exit codes: 0 \
                verified; 1 no valid signature (each signature's reason is printed); 2 usage error; 3 the registry \
                or a file cannot be read.
                """)

        @OptionGroup var verification: SigstoreVerificationOptions
        @OptionGroup var registry: RegistryOptions

        @Flag(
            name: .customLong("insecure-ignore-tlog"),
            help: """
                Accept a key-based signature that has no transparency-log (Rekor) evidence, as cosign's flag does \
                (signed with --tlog-upload=false); a warning says so. Evidence that is present is still verified.
                """)
        var insecureIgnoreTlog = false

        func validate() throws {
            if insecureIgnoreTlog, verification.key == nil {
                throw ValidationError(
                    "--insecure-ignore-tlog needs --key: a keyless signature is judged at its logged time")
            }
        }

        @Argument(help: ArgumentHelp("The image reference (tag or digest).", valueName: "REF"))
        var reference: String

        func run() async throws {
            let root = try verification.loadTrustedRoot()
            let policy = try verification.loadPolicy()
            let image: ImageReference
            do {
                image = try ImageReference.parse(reference)
            } catch {
                throw CommandFailure(.usage, "\(reference): \(error)")
            }
            let client = try registry.makeClient(offline: false)
            do {
                try await verify(image, with: client, root: root, policy: policy)
                await (client.transport as? AsyncHTTPTransport)?.shutdown()
            } catch {
                await (client.transport as? AsyncHTTPTransport)?.shutdown()
                throw error
            }
        }

        /// Resolves the image, fetches its signature manifest and checks each signature until one holds.
        private func verify(
            _ image: ImageReference, with client: RegistryClient, root: TrustedRoot, policy: VerificationPolicy
        ) async throws {
            let manifest = try await fetching { try await client.manifest(image) }
            guard let tag = CosignSignatureManifest.signatureTag(forManifestDigest: manifest.digest) else {
                throw CommandFailure(.target, "\(reference): manifest digest \(manifest.digest) is not sha256")
            }
            guard let signatures = try await signatureManifest(client, tag: tag, at: manifest.location) else {
                Console.error("drydock: verification failed: \(reference): no cosign signature (no tag \(tag))")
                throw ExitCode(1)
            }
            let layers: [CosignSignatureLayer]
            do {
                layers = try CosignSignatureManifest.layers(signatures.bytes, source: tag)
            } catch {
                throw CommandFailure(.target, "\(reference): \(error)")
            }
            var failures: [String] = []
            for layer in layers {
                let payload = try await fetching {
                    try await client.blobBytes(layer.digest, at: manifest.location, limit: 1 << 20)
                }
                switch await check(layer, payload: payload, imageDigest: manifest.digest, root: root, policy: policy) {
                case .success(let result):
                    if let warning = result.warning {
                        Console.error("drydock: warning: \(reference): signature \(layer.digest) \(warning)")
                    }
                    print(
                        "OK: \(reference)@\(manifest.digest) verified (\(SigstoreVerificationOptions.describe(result)))"
                    )
                    return
                case .failure(let error):
                    failures.append("signature \(layer.digest): \(error)")
                }
            }
            let reasons = failures.isEmpty ? ["the signature manifest \(tag) holds no signature layer"] : failures
            Console.error("drydock: verification failed: \(reference): " + reasons.joined(separator: "; "))
            throw ExitCode(1)
        }

        /// One signature layer's verdict.
        private func check(
            _ layer: CosignSignatureLayer, payload: [UInt8], imageDigest: String, root: TrustedRoot,
            policy: VerificationPolicy
        ) async -> Result<VerificationResult, SupplyChainError> {
            do {
                return .success(
                    try await BundleVerifier(trustedRoot: root).verify(
                        cosign: layer, payload: payload, imageDigest: imageDigest, policy: policy,
                        ignoringMissingLog: insecureIgnoreTlog))
            } catch {
                return .failure(error)
            }
        }

        /// The signature manifest, or `nil` when the registry has no such tag.
        private func signatureManifest(_ client: RegistryClient, tag: String, at location: RegistryLocation)
            async throws -> RegistryManifest?
        {
            do {
                return try await client.manifest(tag, at: location)
            } catch let error as NetworkError {
                if error.code == .notFound { return nil }
                throw CommandFailure(.target, "\(reference): \(error)")
            }
        }

        /// A registry request; its failure is exit code 3, naming the reference.
        private func fetching<Value>(_ request: () async throws -> Value) async throws -> Value {
            do {
                return try await request()
            } catch let error as NetworkError {
                throw CommandFailure(.target, "\(reference): \(error)")
            }
        }
    }
}
