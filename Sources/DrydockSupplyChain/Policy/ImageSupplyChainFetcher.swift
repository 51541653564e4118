import DrydockNetwork

/// Fetches an image's cosign signatures (`sha256-<hex>.sig`) and attestations (`sha256-<hex>.att`) with the
/// registry client every scan uses. A missing tag or an unreachable registry is a note, not an error: the rules
/// that needed the material then fail saying so.
public struct ImageSupplyChainFetcher: Sendable {
    public var client: RegistryClient
    /// The largest signature payload or attestation envelope read (an SBOM attestation can be large).
    public var layerLimit: Int

    public init(client: RegistryClient, layerLimit: Int = 64 << 20) {
        self.client = client
        self.layerLimit = layerLimit
    }

    /// The material for `digest` in the repository at `location`; attestations only when `attestations`.
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
        do {
            manifest = try await client.manifest(tag, at: location)
        } catch let error as NetworkError where error.code == .notFound {
            return ([], ["no tag \(tag) in \(location)"])
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
