/// Facts about the scanned artifact that reports show next to the findings.
public struct ArtifactMetadata: Sendable, Hashable, Codable {
    /// What the user named (`alpine:3.10`, a path).
    public var name: String
    /// Trivy's artifact type: `container_image`, `filesystem`, `rootfs`.
    public var type: String
    /// `sha256:` of the image config, for images.
    public var imageID: String?
    /// Uncompressed layer digests, base first.
    public var diffIDs: [String]
    /// Repository tags the archive records.
    public var repoTags: [String]
    /// Repository digests the archive records.
    public var repoDigests: [String]
    /// Layers, base first.
    public var layers: [LayerReference]
    /// The raw image config JSON, re-emitted in reports.
    public var imageConfigJSON: [UInt8]?

    public init(
        name: String, type: String, imageID: String? = nil, diffIDs: [String] = [], repoTags: [String] = [],
        repoDigests: [String] = [], layers: [LayerReference] = [], imageConfigJSON: [UInt8]? = nil
    ) {
        self.name = name
        self.type = type
        self.imageID = imageID
        self.diffIDs = diffIDs
        self.repoTags = repoTags
        self.repoDigests = repoDigests
        self.layers = layers
        self.imageConfigJSON = imageConfigJSON
    }
}
