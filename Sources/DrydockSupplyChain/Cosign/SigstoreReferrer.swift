/// Signatures and attestations attached to an image as OCI 1.1 referrers — manifests whose `subject` is the image —
/// in the layouts cosign writes:
///
/// - cosign's Sigstore-bundle format (`cosign sign`/`attest --new-bundle-format`, the default from cosign 3): an
///   artifact of type `application/vnd.dev.sigstore.bundle.v0.3+json` with one layer of that media type holding a
///   bundle — a DSSE envelope with an in-toto statement about the image (`https://sigstore.dev/cosign/sign/v1` for
///   a signature, any other predicate for an attestation), or a message signature over the image digest;
/// - cosign's older layouts written as referrers (`--registry-referrers-mode=oci-1-1`): artifact type
///   `application/vnd.dev.cosign.artifact.sig.v1+json` (simple-signing layers, as under `sha256-<hex>.sig`) and
///   `application/vnd.in-toto+json` (DSSE layers, as under `sha256-<hex>.att`).
///
/// Pure: the registry client lists and fetches the referrers; this reads them.
public enum SigstoreReferrer {
    /// The media type prefix of Sigstore bundles, as artifact type and as layer media type.
    public static let bundleMediaTypePrefix = "application/vnd.dev.sigstore.bundle"
    /// The artifact type cosign gives signature referrers in its older layout.
    public static let cosignSignatureArtifactType = "application/vnd.dev.cosign.artifact.sig.v1+json"
    /// The artifact type cosign gives attestation referrers in its older layout (the in-toto payload type).
    public static let inTotoArtifactType = "application/vnd.in-toto+json"
    /// The predicate type of the in-toto statement `cosign sign` signs in the bundle format.
    public static let cosignSignPredicateType = "https://sigstore.dev/cosign/sign/v1"
    /// The referrer manifest's annotation naming the bundle's predicate type.
    public static let predicateTypeAnnotation = "dev.sigstore.bundle.predicateType"

    /// What a referrer holds, judged by its artifact type; `nil` for artifacts that are not Sigstore material
    /// (SBOMs attached with `cosign attach sbom`, Notary signatures, …).
    public enum Kind: Sendable, Hashable {
        case bundle
        case cosignLayers
    }

    /// The kind of referrer an `artifactType` names.
    public static func kind(artifactType: String?) -> Kind? {
        guard let artifactType else { return nil }
        if artifactType.hasPrefix(bundleMediaTypePrefix) { return .bundle }
        if artifactType == cosignSignatureArtifactType || artifactType == inTotoArtifactType { return .cosignLayers }
        return nil
    }

    /// A referrer manifest's subject and the digests of its Sigstore bundle layers.
    public struct Manifest: Sendable, Hashable {
        /// The digest of the manifest it refers to (`subject.digest`), when it has one.
        public var subject: String?
        /// The layers whose media type is a Sigstore bundle's.
        public var bundleLayers: [String]
    }

    /// Reads a referrer manifest (pure).
    public static func manifest(_ bytes: [UInt8], source: String) throws(SupplyChainError) -> Manifest {
        let root = try JSONFields.parse(bytes, path: source)
        var layers: [String] = []
        for layer in try root.objects("layers") {
            guard (try layer.optionalString("mediaType"))?.hasPrefix(bundleMediaTypePrefix) == true else { continue }
            layers.append(try layer.string("digest"))
        }
        return Manifest(subject: try root.optionalObject("subject")?.optionalString("digest"), bundleLayers: layers)
    }

    /// A bundle layer as image material: a signature (a message signature, or a DSSE statement with cosign's sign
    /// predicate) or an attestation (any other statement), with the predicate type the statement names. The
    /// statement is only read to sort the bundle; verification checks it.
    public static func bundleLayer(_ bytes: [UInt8], digest: String, origin: ImageSupplyChainMaterial.Origin)
        throws(SupplyChainError) -> (layer: ImageSupplyChainMaterial.Layer, isSignature: Bool)
    {
        let bundle = try SigstoreBundle.parse(bytes)
        var predicateType: String?
        if case .dsseEnvelope(let envelope) = bundle.content, envelope.payloadType == inTotoArtifactType {
            predicateType = (try? JSONFields.parse(envelope.payload, path: "statement"))
                .flatMap { try? $0.optionalString("predicateType") }
        }
        let layer = ImageSupplyChainMaterial.Layer(
            format: .bundle(bundle), digest: digest, payload: bytes, origin: origin, predicateType: predicateType)
        switch bundle.content {
        case .messageSignature: return (layer, true)
        case .dsseEnvelope: return (layer, predicateType == cosignSignPredicateType)
        }
    }
}
