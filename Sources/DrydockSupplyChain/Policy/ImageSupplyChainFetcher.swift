import DrydockNetwork
import DrydockPolicy

/// Fetches an image's cosign signatures (`sha256-<hex>.sig`) and attestations (`sha256-<hex>.att`) with the
/// registry client every scan uses. A missing tag or an unreachable registry is a note, not an error: the rules
/// that needed the material then fail saying so.
public struct ImageSupplyChainFetcher: Sendable {
    public var client: RegistryClient
    /// The largest signature payload or attestation envelope read (an SBOM attestation can be large).
    public var layerLimit: Int

    /// The repository cosign stored the signatures in, when not the image's own (`COSIGN_REPOSITORY`).
    public var signatureRepository: ImageReference?

    public init(client: RegistryClient, layerLimit: Int = 64 << 20, signatureRepository: ImageReference? = nil) {
        self.client = client
        self.layerLimit = layerLimit
        self.signatureRepository = signatureRepository
    }

    /// The material for `digest` in the repository at `location` (or in `signatureRepository`); attestations only
    /// when `attestations`.
    public func fetch(_ digest: String, at location: RegistryLocation, attestations: Bool) async
        -> ImageSupplyChainMaterial
    {
        var material = ImageSupplyChainMaterial(imageDigest: digest)
        guard let signatureTag = CosignSignatureManifest.signatureTag(forManifestDigest: digest),
            let attestationTag = CosignSignatureManifest.attestationTag(forManifestDigest: digest)
        else {
            material.notes = ["the image digest \(digest) is not sha256; cosign cannot have signed it"]
            return material
        }
        (material.signatures, material.notes) = await layers(signatureTag, at: location)
        if attestations {
            let (layers, notes) = await layers(attestationTag, at: location)
            material.attestations = layers
            material.notes += notes
        }
        return material
    }

    private func layers(_ tag: String, at location: RegistryLocation) async
        -> ([ImageSupplyChainMaterial.Layer], [String])
    {
        let manifest: RegistryManifest
        let place = signatureRepository?.name ?? "\(location)"
        do {
            if let repository = signatureRepository {
                manifest = try await client.manifest(
                    ImageReference(registry: repository.registry, repository: repository.repository, tag: tag))
            } else {
                manifest = try await client.manifest(tag, at: location)
            }
        } catch let error as NetworkError where error.code == .notFound {
            return ([], ["no tag \(tag) in \(place)"])
        } catch {
            return ([], ["cannot fetch \(tag): \(error)"])
        }
        let layers: [CosignSignatureLayer]
        do {
            layers = try CosignSignatureManifest.layers(manifest.bytes, source: tag)
        } catch {
            return ([], ["\(tag): \(error)"])
        }
        var fetched: [ImageSupplyChainMaterial.Layer] = []
        var notes: [String] = []
        for layer in layers {
            do {
                let bytes = try await client.blobBytes(layer.digest, at: manifest.location, limit: layerLimit)
                fetched.append(.init(layer: layer, payload: bytes, tag: tag))
            } catch {
                notes.append("\(tag) layer \(layer.digest) cannot be fetched: \(error)")
            }
        }
        if layers.isEmpty { notes.append("the manifest \(tag) holds no signature or attestation layer") }
        return (fetched, notes)
    }
}

extension ImageSupplyChainFetcher {
    /// The repository signatures are stored in: the policy's `repository:`, else cosign's `COSIGN_REPOSITORY` in
    /// `environment`, else `nil` (the image's own repository). A value that is not a repository is an error.
    public static func signatureRepository(_ policy: SupplyChainPolicy, environment: [String: String])
        throws(SupplyChainError) -> ImageReference?
    {
        let (text, source) =
            policy.repository.map { ($0, "\(policy.location): repository") }
            ?? (environment["COSIGN_REPOSITORY"].map { ($0, "COSIGN_REPOSITORY") } ?? ("", ""))
        guard !text.isEmpty else { return nil }
        do {
            let reference = try ImageReference.parse(text)
            // A repository names no tag or digest: nothing after the last '/' holds ':' or '@'.
            let last = text.split(separator: "/").last ?? ""
            guard !text.contains("@"), !last.contains(":") else {
                throw SupplyChainError(.malformed, "'\(text)' is not a repository (no tag or digest)", at: source)
            }
            return reference
        } catch let error as SupplyChainError {
            throw error
        } catch {
            throw SupplyChainError(.malformed, "'\(text)' is not a repository: \(error)", at: source)
        }
    }
}
