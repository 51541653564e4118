/// What an image's registry holds for one manifest digest: cosign signatures (`sha256-<hex>.sig`) and
/// attestations (`sha256-<hex>.att`), each layer with its bytes, and what could not be fetched.
public struct ImageSupplyChainMaterial: Sendable, Hashable {
    /// One fetched signature or attestation layer.
    public struct Layer: Sendable, Hashable {
        public var layer: CosignSignatureLayer
        /// The layer's bytes: a simple-signing payload or a DSSE envelope.
        public var payload: [UInt8]
        /// The tag it was found under.
        public var tag: String

        public init(layer: CosignSignatureLayer, payload: [UInt8], tag: String) {
            self.layer = layer
            self.payload = payload
            self.tag = tag
        }

        /// `sha256-….sig layer sha256:…`.
        public var label: String { "\(tag) layer \(layer.digest)" }
    }

    /// The manifest digest the material is for.
    public var imageDigest: String
    public var signatures: [Layer]
    public var attestations: [Layer]
    /// Why signatures or attestations are missing (`no tag sha256-….sig`, a registry error).
    public var notes: [String]

    public init(imageDigest: String, signatures: [Layer] = [], attestations: [Layer] = [], notes: [String] = []) {
        self.imageDigest = imageDigest
        self.signatures = signatures
        self.attestations = attestations
        self.notes = notes
    }
}
