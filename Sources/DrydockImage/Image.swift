import DrydockModel

/// A container image opened from an archive or layout: its config and ordered layers.
public struct Image: Sendable, Hashable {
    /// The name the user gave (path, `path:tag`, reference).
    public var reference: String
    /// `sha256:` digest of the config blob (the image ID).
    public var configDigest: String
    /// The config blob as stored.
    public var configJSON: [UInt8]
    /// The parsed parts of the config that Drydock uses.
    public var config: ImageConfig
    /// Layers, base first.
    public var layers: [ImageLayer]
    /// Tags the archive records for the image.
    public var repoTags: [String]
    /// Digests the archive records for the image (`name@sha256:…`).
    public var repoDigests: [String]

    /// An image from its parts (tests and other sources build them too).
    public init(
        reference: String, configDigest: String, configJSON: [UInt8], config: ImageConfig, layers: [ImageLayer],
        repoTags: [String] = [], repoDigests: [String] = []
    ) {
        self.reference = reference
        self.configDigest = configDigest
        self.configJSON = configJSON
        self.config = config
        self.layers = layers
        self.repoTags = repoTags
        self.repoDigests = repoDigests
    }
}

/// One layer of an image.
public struct ImageLayer: Sendable, Hashable {
    /// Position, 0 for the base layer.
    public var index: Int
    /// Digest, diffID and history step.
    public var reference: LayerReference
    /// Where the blob is inside the archive or layout (`<id>/layer.tar`, `blobs/sha256/<hex>`).
    public var path: String

    /// A layer at position `index`, stored at `path`.
    public init(index: Int, reference: LayerReference, path: String) {
        self.index = index
        self.reference = reference
        self.path = path
    }
}

/// The parts of an OCI/Docker image config that Drydock reads.
public struct ImageConfig: Sendable, Hashable {
    /// `architecture` (`amd64`, `arm64`…).
    public var architecture: String?
    /// `os` (`linux`, `windows`).
    public var os: String?
    /// `created`, as the RFC 3339 text the config holds.
    public var created: String?
    /// `rootfs.diff_ids`, base first.
    public var diffIDs: [String]
    /// History entries in order, with `empty_layer` ones included.
    public var history: [HistoryEntry]

    /// A config from its parts.
    public init(
        architecture: String? = nil, os: String? = nil, created: String? = nil, diffIDs: [String] = [],
        history: [HistoryEntry] = []
    ) {
        self.architecture = architecture
        self.os = os
        self.created = created
        self.diffIDs = diffIDs
        self.history = history
    }

    /// One `history` step.
    public struct HistoryEntry: Sendable, Hashable {
        /// `created_by`: the command that made the step.
        public var createdBy: String?
        /// `empty_layer`: the step made no layer (ENV, CMD…).
        public var emptyLayer: Bool

        /// A history step.
        public init(createdBy: String?, emptyLayer: Bool) {
            self.createdBy = createdBy
            self.emptyLayer = emptyLayer
        }
    }
}
