import ArgumentParser
import DrydockNetwork
import DrydockSupplyChain
import Foundation

extension SigstoreCommand {
    /// `drydock sigstore verify-image REF`: the image's cosign signatures and attestations, under cosign's tags
    /// (`sha256-<digest>.sig`, `.att`) and as OCI 1.1 referrers (Sigstore bundles).
    struct VerifyImage: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify-image",
            abstract: "Verify an image's cosign signatures and attestations stored in its registry.",
            discussion: """
                Resolves REF to its manifest digest and fetches what cosign stores for it: the signature and \
                attestation manifests under the tags sha256-<digest>.sig and sha256-<digest>.att, and the OCI 1.1 \
                referrers of the digest (Sigstore bundles and cosign's referrer layouts, through the referrers API \
                or, on a registry without it, the referrers tag sha256-<digest>). Signatures and attestations are \
                looked up in the repository named by COSIGN_REPOSITORY when it is set, as cosign does. Each one \
                must sign that digest, and its signature, certificate and log evidence must hold for the signer \
                and trusted root given (as for verify-bundle). Every valid signature and every valid attestation \
                (with its predicate type) is printed; one valid signature is required, attestations are reported \
                only. With --type TYPE (as cosign verify-attestation) only attestations of that predicate type \
                count and signatures are not looked at: one valid attestation of the type is required. A signature \
                without Rekor evidence (cosign sign --tlog-upload=false) is refused unless --insecure-ignore-tlog is \
                given with --key. Exit codes: 0 verified; 1 no valid signature, or with --type no valid attestation \
                of the type (each one's reason is printed); 2 usage error (also an unknown --type, a \
                COSIGN_REPOSITORY that is not a repository); 3 the registry or a file cannot be read.
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

        @Option(
            name: .customLong("type"),
            help: ArgumentHelp(
                "Verify attestations of this predicate type instead of signatures: cosign's names (slsaprovenance, "
                    + "slsaprovenance02, slsaprovenance1, link, spdx, spdxjson, cyclonedx, vuln, openvex, custom) "
                    + "or a predicate-type URI.",
                valueName: "TYPE"))
        var type: String?

        func validate() throws {
            _ = try attestationType()
            if insecureIgnoreTlog, verification.key == nil {
                throw ValidationError(
                    "--insecure-ignore-tlog needs --key: a keyless signature is judged at its logged time")
            }
        }

        @Argument(help: ArgumentHelp("The image reference (tag or digest).", valueName: "REF"))
        var reference: String

        /// `--type`, read; `nil` without it.
        private func attestationType() throws -> AttestationTypeFilter? {
            guard let type else { return nil }
            do {
                return try AttestationTypeFilter(type)
            } catch {
                throw ValidationError("\(error)")
            }
        }

        func run() async throws {
            let root = try verification.loadTrustedRoot()
            let policy = try verification.loadPolicy()
            let image: ImageReference
            let signatureRepository: ImageReference?
            do {
                image = try ImageReference.parse(reference)
            } catch {
                throw CommandFailure(.usage, "\(reference): \(error)")
            }
            do {
                signatureRepository = try ImageSupplyChainFetcher.signatureRepository(
                    nil, environment: ProcessInfo.processInfo.environment)
            } catch {
                throw CommandFailure(.usage, "\(error)")
            }
            let client = try registry.makeClient(offline: false)
            let fetcher = ImageSupplyChainFetcher(client: client, signatureRepository: signatureRepository)
            do {
                try await verify(image, with: fetcher, verifier: BundleVerifier(trustedRoot: root), policy: policy)
                await (client.transport as? AsyncHTTPTransport)?.shutdown()
            } catch {
                await (client.transport as? AsyncHTTPTransport)?.shutdown()
                throw error
            }
        }

        /// Resolves the image, fetches its signatures and attestations, and verifies each one.
        private func verify(
            _ image: ImageReference, with fetcher: ImageSupplyChainFetcher, verifier: BundleVerifier,
            policy: VerificationPolicy
        ) async throws {
            let manifest: RegistryManifest
            do {
                manifest = try await fetcher.client.manifest(image)
            } catch {
                throw CommandFailure(.target, "\(reference): \(error)")
            }
            let material = await fetcher.fetch(manifest.digest, at: manifest.location, attestations: true)
            let name = image.digest == nil ? "\(reference)@\(manifest.digest)" : reference
            if let type = try attestationType() {
                return try await verifyAttestations(
                    of: type, material, manifest: manifest, name: name, verifier: verifier, policy: policy)
            }
            var failures: [String] = []
            var verified = 0
            for layer in material.signatures {
                do {
                    let result = try await layer.verify(
                        imageDigest: manifest.digest, manifest: manifest.bytes, policy: policy, with: verifier,
                        ignoringMissingLog: insecureIgnoreTlog)
                    if let warning = result.warning {
                        Console.error("drydock: warning: \(reference): \(layer.label) \(warning)")
                    }
                    print("OK: \(name) verified (\(SigstoreVerificationOptions.describe(result))) from \(layer.label)")
                    verified += 1
                } catch {
                    failures.append("\(layer.label): \(error)")
                }
            }
            for layer in material.attestations {
                let type = layer.predicateType ?? "(no predicate type)"
                do {
                    let result = try await layer.verify(
                        imageDigest: manifest.digest, manifest: manifest.bytes, policy: policy, with: verifier,
                        ignoringMissingLog: insecureIgnoreTlog)
                    var described = result
                    described.predicateType = nil
                    print(
                        "OK: attestation \(result.predicateType ?? type) for \(name) verified "
                            + "(\(SigstoreVerificationOptions.describe(described))) from \(layer.label)")
                } catch {
                    Console.error("drydock: attestation \(type) not verified: \(layer.label): \(error)")
                }
            }
            guard verified == 0 else { return }
            try failNoneVerified(
                "cosign signature", found: !material.signatures.isEmpty,
                notes: material.notes.filter { $0.concerns(attestations: false) }, failures: failures)
        }

        /// Nothing verified: a registry failure when nothing was found and a note says why (exit 3), else every
        /// reason on standard error and exit 1.
        private func failNoneVerified(
            _ what: String, found: Bool, notes: [ImageSupplyChainMaterial.Note], failures: [String]
        ) throws -> Never {
            if !found, let failure = notes.first(where: \.isFailure) {
                throw CommandFailure(.target, "\(reference): \(failure)")
            }
            let reasons = failures + notes.map(\.text)
            Console.error(
                "drydock: verification failed: \(reference): no valid \(what): "
                    + (reasons.isEmpty ? "none found" : reasons.joined(separator: "; ")))
            throw ExitCode(1)
        }

        /// `--type`: verifies the attestations and counts those whose verified statement is of `type`; one is
        /// required. Attestations of other types are passed over, as cosign's `verify-attestation` does.
        private func verifyAttestations(
            of type: AttestationTypeFilter, _ material: ImageSupplyChainMaterial, manifest: RegistryManifest,
            name: String, verifier: BundleVerifier, policy: VerificationPolicy
        ) async throws {
            var failures: [String] = []
            var verified = 0
            for layer in material.attestations {
                do {
                    let result = try await layer.verify(
                        imageDigest: manifest.digest, manifest: manifest.bytes, policy: policy, with: verifier,
                        ignoringMissingLog: insecureIgnoreTlog)
                    guard type.matches(result.predicateType) else { continue }
                    var described = result
                    described.predicateType = nil
                    print(
                        "OK: attestation \(result.predicateType ?? type.predicateType) for \(name) verified "
                            + "(\(SigstoreVerificationOptions.describe(described))) from \(layer.label)")
                    verified += 1
                } catch {
                    // Unverified, its type is only the unsigned annotation's: one without it may be of the type.
                    guard layer.predicateType.map(type.matches) ?? true else { continue }
                    failures.append("\(layer.label): \(error)")
                }
            }
            guard verified == 0 else { return }
            try failNoneVerified(
                "attestation of type \(type)", found: !material.attestations.isEmpty,
                notes: material.notes.filter { $0.concerns(attestations: true) }, failures: failures)
        }
    }
}
