import DrydockImage
import DrydockModel
import DrydockNetwork
import DrydockPolicy
import DrydockSupplyChain
import Foundation

/// The policy's supply-chain rules for `drydock image`: the trusted root and keys the policy names (paths
/// relative to the policy file), and the rules judged on the signatures the registry holds for a pulled image.
struct SupplyChainCheck {
    var policy: SupplyChainPolicy
    var evaluator: SupplyChainEvaluator
    /// Where cosign stored the signatures, when not in the image's repository (`repository:`, `COSIGN_REPOSITORY`).
    var signatureRepository: ImageReference?

    /// The check the `--policy` file asks for, or `nil` when it has no supply-chain rules. An unreadable trusted
    /// root or key file is a usage error (exit code 2) naming the file and the policy line.
    static func load(_ options: PolicyOptions) throws -> SupplyChainCheck? {
        guard let document = try PolicyFiles.loadPolicy(options.policy), let policy = document.supplyChain,
            !policy.rules.isEmpty
        else { return nil }
        do {
            return SupplyChainCheck(
                policy: policy, evaluator: try SupplyChainEvaluator.load(policy, policyPath: document.path),
                signatureRepository: try ImageSupplyChainFetcher.signatureRepository(
                    policy, environment: ProcessInfo.processInfo.environment))
        } catch {
            throw CommandFailure(.usage, "policy \(error)")
        }
    }

    /// Judges the rules for `image`, pulled as `reference`, on `material` (``ImageMaterial/fetch``).
    func evaluate(_ material: [ImageSupplyChainMaterial], reference: ImageReference) async -> [SupplyChainRuleResult] {
        await evaluate(material, name: reference.description, referencedByDigest: reference.digest != nil)
    }

    /// Judges the rules for an image scanned as `name` on `material`.
    func evaluate(_ material: [ImageSupplyChainMaterial], name: String, referencedByDigest: Bool) async
        -> [SupplyChainRuleResult]
    {
        await evaluator.evaluate(policy, reference: name, referencedByDigest: referencedByDigest, material: material)
    }
}

/// Fetches what the registry holds about an image once, for the supply-chain rules and the attestations.
enum ImageMaterial {
    /// The signatures (and attestations, when `attestations`) of `image`'s index digest and, when it differs, of
    /// this platform's manifest digest, from `repository` when cosign stored them elsewhere.
    static func fetch(
        _ image: RegistryImage, client: RegistryClient, repository: ImageReference?, attestations: Bool
    ) async -> [ImageSupplyChainMaterial] {
        let fetcher = ImageSupplyChainFetcher(client: client, signatureRepository: repository)
        var material: [ImageSupplyChainMaterial] = []
        for digest in [image.digest, image.manifestDigest] where !material.contains(where: { $0.imageDigest == digest })
        {
            material.append(await fetcher.fetch(digest, at: image.location, attestations: attestations))
        }
        return material
    }
}

extension ScanPipeline {
    /// The supply-chain results for this scan: those judged on the registry's signatures (`supplyChain`), or —
    /// for an image read from an archive or a local engine under a policy with such rules — every rule unmet,
    /// saying why. Directory and repository scans have none.
    func supplyChainResults(policy: ScanPolicy, artifact: ArtifactMetadata) -> [SupplyChainRuleResult] {
        if let supplyChain { return supplyChain }
        guard artifact.type == "container_image", let rules = policy.document?.supplyChain?.rules else { return [] }
        return rules.map {
            SupplyChainRuleResult(
                rule: $0, imageDigest: artifact.repoDigests.first.map { String($0.split(separator: "@").last ?? "") },
                reasons: [
                    "\(artifact.name) was not pulled from a registry: signatures and attestations are checked for "
                        + "images pulled from one (drydock image REF, --image-src remote)"
                ])
        }
    }
}
