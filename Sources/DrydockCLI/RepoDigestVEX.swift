import DrydockImage
import DrydockNetwork
import DrydockPolicy
import Foundation

/// `--vex oci` for an image read from a local engine or an archive: its OpenVEX attestations are looked up in
/// the registry its repository digest names (`RepoDigests`, an OCI layout's full `ref.name`), and verified and
/// applied as for an image pulled from there. The registry's image must be the scanned one: its config digest
/// (for a multi-platform index, the scanned platform's) must equal the scanned image's, else nothing is applied.
struct RepoDigestVEX {
    var options: ScanOptions
    var registry: RegistryOptions
    var signers: AttestationSignerOptions
    var archiveOptions = ImageArchive.Options()

    /// What the lookup found: the verified OpenVEX documents (possibly none) and why others were not applied.
    struct Outcome {
        var documents: [VEXDocument] = []
        var warnings: [String] = []
    }

    /// The attestations of `image` (read locally and known as `name`), looked up by its repository digests in
    /// order until one names the scanned image in a registry that answers; `nil` without `--vex oci`. An image
    /// without a repository digest is a warning; with one, `--vex oci` without a trusted signer is a usage error,
    /// as for a pulled image. Registry failures are warnings.
    func lookUp(_ image: Image, name: String, repoDigests: [String]) async throws -> Outcome? {
        guard options.triage.usesAttestations else { return nil }
        let references = repoDigests.compactMap { try? ImageReference.parse($0) }.filter { $0.digest != nil }
        guard !references.isEmpty else {
            return Outcome(warnings: [
                "--vex oci: \(name) has no repository digest, so no registry is known to hold its attestations; "
                    + "no VEX attestation was applied (push it, or scan it by reference with --image-src remote)"
            ])
        }
        let supplyChain = try SupplyChainCheck.load(options.policy)
        guard
            let check = try ImageAttestationCheck.load(
                // The layers are read locally: an SBOM attestation does not replace them here.
                sbom: false, vex: true, signer: signers, supplyChain: supplyChain)
        else { return nil }
        let client = try registry.makeClient(offline: options.offline)
        let outcome = await lookUp(references, of: image, name: name, check: check, client: client)
        await (client.transport as? AsyncHTTPTransport)?.shutdown()
        return outcome
    }

    /// The first of `references` that names the scanned image: its verified OpenVEX attestations.
    private func lookUp(
        _ references: [ImageReference], of image: Image, name: String, check: ImageAttestationCheck,
        client: RegistryClient
    ) async -> Outcome {
        var problems: [String] = []
        for reference in references {
            switch await registryImage(reference, matching: image, client: client) {
            case .failure(let problem):
                problems.append(problem.reason)
            case .success(let pulled):
                let material = await ImageMaterial.fetch(
                    pulled, client: client, repository: check.repository, attestations: true)
                let judged = await check.judge(material, manifestDigest: pulled.manifestDigest)
                return Outcome(documents: judged.vex ?? [], warnings: judged.vexWarnings)
            }
        }
        return Outcome(warnings: [
            "--vex oci: the attestations of \(name) cannot be looked up by its repository digest "
                + "(\(problems.joined(separator: "; "))); no VEX attestation was applied"
        ])
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
