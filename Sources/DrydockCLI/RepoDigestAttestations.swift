import DrydockImage
import DrydockNetwork
import DrydockPolicy
import Foundation

/// The registry's material for an image read from a local engine or an archive: the image is looked up in the
/// registry its repository digest names (`RepoDigests`, an OCI layout's fully qualified `ref.name`), and its
/// signatures and attestations judged as for an image pulled from there — the policy's `supplyChain:` rules and
/// `--vex oci`. The registry's image must be the scanned one: its config digest (for a multi-platform index, the
/// scanned platform's) must equal the scanned image's, else nothing from the registry is used.
struct RepoDigestAttestations {
    var options: ScanOptions
    var registry: RegistryOptions
    var signers: AttestationSignerOptions
    var archiveOptions = ImageArchive.Options()

    /// What the lookup gave.
    struct Outcome {
        /// The supply-chain results judged on the registry's material; `nil` when the policy has no such rules or
        /// no repository digest named a registry image (then every rule is unmet, saying why).
        var supplyChain: [SupplyChainRuleResult]?
        /// The verified OpenVEX documents (`--vex oci`; possibly none), `nil` without `--vex oci`.
        var vex: [VEXDocument]?
        /// Why OpenVEX attestations were not applied.
        var warnings: [String] = []
    }

    /// Looks `image` (read locally, scanned as `name`) up by `repoDigests` in order until one names the scanned
    /// image in a registry that answers; `nil` when neither the policy's supply-chain rules nor `--vex oci` ask
    /// for the registry. Without a repository digest, `--vex oci` is a warning; with one, it needs a trusted
    /// signer (a usage error otherwise, as for a pulled image). Registry failures are warnings and unmet rules.
    func lookUp(_ image: Image, name: String, repoDigests: [String]) async throws -> Outcome? {
        let supplyChain = try SupplyChainCheck.load(options.policy)
        let wantsVEX = options.triage.usesAttestations
        guard supplyChain != nil || wantsVEX else { return nil }
        let references = repoDigests.compactMap { try? ImageReference.parse($0) }.filter { $0.digest != nil }
        guard !references.isEmpty else {
            guard wantsVEX else { return nil }
            return Outcome(
                vex: [],
                warnings: [
                    "--vex oci: \(name) has no repository digest, so no registry is known to hold its attestations; "
                        + "no VEX attestation was applied (push it, or scan it by reference with --image-src remote)"
                ])
        }
        let check =
            wantsVEX
            ? try ImageAttestationCheck.load(
                // The layers are read locally: an SBOM attestation does not replace them here.
                sbom: false, vex: true, signer: signers, supplyChain: supplyChain) : nil
        let client = try registry.makeClient(offline: options.offline)
        let outcome = await lookUp(
            references, of: image, name: name, supplyChain: supplyChain, check: check, client: client)
        await (client.transport as? AsyncHTTPTransport)?.shutdown()
        return outcome
    }

    /// The first of `references` that names the scanned image: the rules judged and the OpenVEX attestations
    /// verified on its material.
    private func lookUp(
        _ references: [ImageReference], of image: Image, name: String, supplyChain: SupplyChainCheck?,
        check: ImageAttestationCheck?, client: RegistryClient
    ) async -> Outcome {
        var problems: [String] = []
        for reference in references {
            switch await registryImage(reference, matching: image, client: client) {
            case .failure(let problem):
                problems.append(problem.reason)
            case .success(let pulled):
                let material = await ImageMaterial.fetch(
                    pulled, client: client, repository: supplyChain?.signatureRepository ?? check?.repository,
                    attestations: check != nil || supplyChain?.policy.needsAttestations == true)
                var outcome = Outcome()
                let named = try? ImageReference.parse(name)
                outcome.supplyChain = await supplyChain?.evaluate(
                    material, name: named?.description ?? name, referencedByDigest: named?.digest != nil)
                if let check {
                    let judged = await check.judge(material, manifestDigest: pulled.manifestDigest)
                    outcome.vex = judged.vex ?? []
                    outcome.warnings = judged.vexWarnings
                }
                return outcome
            }
        }
        let why = "cannot be looked up by its repository digest (\(problems.joined(separator: "; ")))"
        var outcome = Outcome()
        if let supplyChain {
            outcome.supplyChain = supplyChain.policy.rules.map {
                SupplyChainRuleResult(
                    rule: $0, imageDigest: references.first?.digest,
                    reasons: ["\(name) was read locally and \(why)"])
            }
        }
        if check != nil {
            outcome.vex = []
            outcome.warnings = ["--vex oci: the attestations of \(name) \(why); no VEX attestation was applied"]
        }
        return outcome
    }

    /// Why a repository digest does not lead to the scanned image.
    private struct Problem: Error {
        var reason: String
    }

    /// The registry's image at `reference` for the scanned platform, when its config is `image`'s.
    private func registryImage(_ reference: ImageReference, matching image: Image, client: RegistryClient) async
        -> Result<RegistryImage, Problem>
    {
        let platform: PlatformSelection
        if let os = image.config.os, let architecture = image.config.architecture {
            platform = .platform("\(os)/\(architecture)")
        } else {
            platform = .all
        }
        let pulled: [RegistryImage]
        do {
            pulled = try await RegistryPuller(client: client, options: archiveOptions).pull(
                reference, platform: platform)
        } catch {
            return .failure(Problem(reason: "\(reference): \(error)"))
        }
        guard let match = pulled.first(where: { $0.image.configDigest == image.configDigest }) else {
            let found = pulled.map(\.image.configDigest).joined(separator: ", ")
            return .failure(
                Problem(
                    reason: "\(reference) is another image (config \(found), the scanned image's is "
                        + "\(image.configDigest))"))
        }
        return .success(match)
    }
}
