import Crypto

/// What an image's registry holds for one manifest digest: cosign signatures and attestations — under the tags
/// `sha256-<hex>.sig` and `sha256-<hex>.att`, and as OCI 1.1 referrers (Sigstore bundles, cosign's layouts) —
/// each layer with its bytes, and what could not be fetched.
public struct ImageSupplyChainMaterial: Sendable, Hashable {
    /// Where a layer was found.
    public enum Origin: Sendable, Hashable {
        /// Under a cosign tag (`sha256-<hex>.sig`, `sha256-<hex>.att`).
        case tag(String)
        /// In a referrer manifest (by its digest) of the image, listed by `listedBy` (the referrers API or tag).
        case referrer(manifest: String, listedBy: String)
    }

    /// One fetched signature or attestation.
    public struct Layer: Sendable, Hashable {
        /// How the signature is stored.
        public enum Format: Sendable, Hashable {
            /// A cosign layer: a simple-signing payload or a DSSE envelope, the signature, certificate and Rekor
            /// evidence in annotations.
            case cosign(CosignSignatureLayer)
            /// A Sigstore bundle (cosign's bundle format, a referrer).
            case bundle(SigstoreBundle)
        }

        public var format: Format
        /// The layer's digest.
        public var digest: String
        /// The layer's bytes: a simple-signing payload, a DSSE envelope, or a bundle.
        public var payload: [UInt8]
        public var origin: Origin
        /// The attestation's predicate type, as stated before verification (an annotation or the statement).
        public var predicateType: String?

        public init(
            format: Format, digest: String, payload: [UInt8], origin: Origin, predicateType: String? = nil
        ) {
            self.format = format
            self.digest = digest
            self.payload = payload
            self.origin = origin
            self.predicateType = predicateType
        }

        /// A cosign layer found under `tag`.
        public init(layer: CosignSignatureLayer, payload: [UInt8], tag: String) {
            self.init(
                format: .cosign(layer), digest: layer.digest, payload: payload, origin: .tag(tag),
                predicateType: layer.predicateType)
        }

        /// `sha256-….sig layer sha256:…`, or `referrer sha256:… layer sha256:…`.
        public var label: String {
            switch origin {
            case .tag(let tag): "\(tag) layer \(digest)"
            case .referrer(let manifest, _): "referrer \(manifest) layer \(digest)"
            }
        }

        /// Tells two signatures apart: two cosign signers of one payload make two layers with the same digest.
        var identityKey: String {
            guard case .cosign(let layer) = format else { return digest }
            return "\(digest) \(hex(layer.signature)) \(layer.certificate ?? "")"
        }

        /// The signing certificate's DER, for keyless signatures.
        public var certificateDER: [UInt8]? {
            switch format {
            case .cosign(let layer): return layer.certificate.flatMap(PEMBlock.init)?.der
            case .bundle(let bundle):
                guard case .certificates(let ders) = bundle.verificationMaterial.key else { return nil }
                return ders.first
            }
        }

        /// The in-toto statement an attestation carries (the DSSE payload), unverified.
        public func statement() throws(SupplyChainError) -> [UInt8]? {
            switch format {
            case .cosign(let layer):
                guard layer.isEnvelope else { return nil }
                return try JSONFields.parse(payload, path: label).bytes("payload")
            case .bundle(let bundle):
                guard case .dsseEnvelope(let envelope) = bundle.content else { return nil }
                return envelope.payload
            }
        }

        /// Verifies the layer for the image manifest `imageDigest` under `policy`: it must sign that digest (a
        /// simple-signing payload naming it, a bundle's message digest, or an in-toto statement's subject), with
        /// its signature, certificate and log evidence valid. A message-signature bundle is checked against
        /// `manifest` (the image manifest's bytes) when given and it hashes to the digest — Ed25519 and RSA
        /// signatures need the bytes — else against the digest alone.
        public func verify(
            imageDigest: String, manifest: [UInt8]? = nil, policy: VerificationPolicy, with verifier: BundleVerifier,
            ignoringMissingLog: Bool = false
        ) async throws(SupplyChainError) -> VerificationResult {
            switch format {
            case .cosign(let layer) where layer.isEnvelope:
                return try await verifier.verify(
                    attestation: layer, envelope: payload, imageDigest: imageDigest, policy: policy,
                    ignoringMissingLog: ignoringMissingLog)
            case .cosign(let layer):
                return try await verifier.verify(
                    cosign: layer, payload: payload, imageDigest: imageDigest, policy: policy,
                    ignoringMissingLog: ignoringMissingLog)
            case .bundle(let bundle):
                guard imageDigest.hasPrefix("sha256:"), let digest = hexBytes(String(imageDigest.dropFirst(7))) else {
                    throw .failed("the image digest \(imageDigest) is not sha256")
                }
                // Said first, and plainly: a bundle attached to this image that signs another digest.
                if case .messageSignature(let message) = bundle.content, let signed = message.digest,
                    message.digestAlgorithm == nil || message.digestAlgorithm == "SHA2_256", signed != digest
                {
                    throw .failed("the bundle signs sha256:\(hex(signed)), not the image \(imageDigest)")
                }
                let artifact: VerificationArtifact =
                    if let manifest, Array(SHA256.hash(data: manifest)) == digest { .bytes(manifest) } else {
                        .sha256Digest(digest)
                    }
                return try await verifier.verify(bundle, artifact: artifact, policy: policy)
            }
        }
    }

    /// Why some material is missing, and what it concerns.
    public struct Note: Sendable, Hashable, CustomStringConvertible {
        public enum Topic: Sendable, Hashable {
            case signatures
            case attestations
            /// Referrers: both.
            case referrers
        }

        public var text: String
        public var topic: Topic
        /// The registry could not be asked (an error other than "not found").
        public var isFailure: Bool

        public init(_ text: String, topic: Topic, isFailure: Bool = false) {
            self.text = text
            self.topic = topic
            self.isFailure = isFailure
        }

        /// Whether the note concerns signatures (`attestations` false) or attestations.
        public func concerns(attestations: Bool) -> Bool {
            topic == .referrers || topic == (attestations ? .attestations : .signatures)
        }

        public var description: String { text }
    }

    /// The manifest digest the material is for.
    public var imageDigest: String
    /// The image manifest's bytes, when a message-signature bundle needs them (Ed25519 and RSA sign the bytes).
    public var imageManifest: [UInt8]?
    public var signatures: [Layer]
    public var attestations: [Layer]
    /// Why signatures or attestations are missing (`no tag sha256-….sig`, a registry error).
    public var notes: [Note]

    public init(imageDigest: String, signatures: [Layer] = [], attestations: [Layer] = [], notes: [Note] = []) {
        self.imageDigest = imageDigest
        self.signatures = signatures
        self.attestations = attestations
        self.notes = notes
    }
}
