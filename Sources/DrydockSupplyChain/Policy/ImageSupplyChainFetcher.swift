import DrydockNetwork
import DrydockPolicy

/// Fetches an image's cosign signatures and attestations with the registry client every scan uses: those under
/// the tags `sha256-<hex>.sig` and `sha256-<hex>.att`, and those attached as OCI 1.1 referrers (Sigstore bundles
/// and cosign's layouts, through the referrers API or its tag-schema fallback). A missing tag, a registry without
/// the referrers API or an unreachable registry is a note, not an error: the rules that needed the material then
/// fail saying so.
public struct ImageSupplyChainFetcher: Sendable {
    public var client: RegistryClient
    /// The largest signature payload, attestation envelope or bundle read (an SBOM attestation can be large).
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
            material.notes = [
                .init("the image digest \(digest) is not sha256; cosign cannot have signed it", topic: .referrers)
            ]
            return material
        }
        (material.signatures, material.notes) = await layers(signatureTag, at: location, topic: .signatures)
        if attestations {
            let (layers, notes) = await layers(attestationTag, at: location, topic: .attestations)
            material.attestations = layers
            material.notes += notes
        }
        let referred = await referrers(of: digest, at: signatureLocation(location), attestations: attestations)
        material.signatures += referred.signatures
        material.attestations += referred.attestations
        material.notes += referred.notes
        if material.signatures.contains(where: \.isMessageSignatureBundle) {
            // The digest's own bytes (the client checks them against the digest); without them, digest only.
            material.imageManifest = try? await client.manifest(digest, at: location).bytes
        }
        return material
    }

    /// Where signatures are stored: `signatureRepository` on its registry (not a mirror), else the image's place.
    func signatureLocation(_ location: RegistryLocation) -> RegistryLocation {
        guard let repository = signatureRepository else { return location }
        let endpoints = client.endpoints(for: repository)
        return RegistryLocation(
            registry: repository.registry, repository: repository.repository,
            endpoint: endpoints.first { !$0.isMirror } ?? endpoints.last ?? location.endpoint)
    }

    private func layers(_ tag: String, at location: RegistryLocation, topic: ImageSupplyChainMaterial.Note.Topic)
        async -> ([ImageSupplyChainMaterial.Layer], [ImageSupplyChainMaterial.Note])
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
            return ([], [.init("no tag \(tag) in \(place)", topic: topic)])
        } catch {
            return ([], [.init("cannot fetch \(tag): \(error)", topic: topic, isFailure: true)])
        }
        let layers: [CosignSignatureLayer]
        do {
            layers = try CosignSignatureManifest.layers(manifest.bytes, source: tag)
        } catch {
            return ([], [.init("\(tag): \(error)", topic: topic)])
        }
        let (fetched, notes) = await payloads(layers, origin: .tag(tag), at: manifest.location, topic: topic)
        guard layers.isEmpty else { return (fetched, notes) }
        return (fetched, notes + [.init("the manifest \(tag) holds no signature or attestation layer", topic: topic)])
    }

    /// Each cosign layer with its bytes; a layer that cannot be fetched is a note.
    func payloads(
        _ layers: [CosignSignatureLayer], origin: ImageSupplyChainMaterial.Origin, at location: RegistryLocation,
        topic: ImageSupplyChainMaterial.Note.Topic
    ) async -> ([ImageSupplyChainMaterial.Layer], [ImageSupplyChainMaterial.Note]) {
        var fetched: [ImageSupplyChainMaterial.Layer] = []
        var notes: [ImageSupplyChainMaterial.Note] = []
        for layer in layers {
            var found = ImageSupplyChainMaterial.Layer(layer: layer, payload: [], tag: "")
            found.origin = origin
            do {
                found.payload = try await client.blobBytes(layer.digest, at: location, limit: layerLimit)
                fetched.append(found)
            } catch {
                notes.append(.init("\(found.label) cannot be fetched: \(error)", topic: topic, isFailure: true))
            }
        }
        return (fetched, notes)
    }
}

extension ImageSupplyChainFetcher {
    /// The repository signatures are stored in: the policy's `repository:`, else cosign's `COSIGN_REPOSITORY` in
    /// `environment`, else `nil` (the image's own repository). A value that is not a repository is an error.
    public static func signatureRepository(_ policy: SupplyChainPolicy, environment: [String: String])
        throws(SupplyChainError) -> ImageReference?
    {
        try signatureRepository(
            policy.repository.map { ($0, "\(policy.location): repository") }, environment: environment)
    }

    /// The repository signatures are stored in: `configured` (a value and where it was written), else cosign's
    /// `COSIGN_REPOSITORY` in `environment`, else `nil`. A value that is not a repository is an error.
    public static func signatureRepository(_ configured: (String, String)?, environment: [String: String])
        throws(SupplyChainError) -> ImageReference?
    {
        let (text, source) =
            configured ?? (environment["COSIGN_REPOSITORY"].map { ($0, "COSIGN_REPOSITORY") } ?? ("", ""))
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
