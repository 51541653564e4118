/// An image on disk: a `docker save` tarball (plain or gzip), an OCI image layout directory, or an OCI
/// layout packed as a tar.
///
/// `open` reads only the small JSON documents (manifest, index, config); layer bytes are streamed by
/// `forEachLayer`, one layer at a time, never held whole in memory.
public final class ImageArchive {
    /// Limits and choices for opening an archive.
    public struct Options: Sendable, Hashable {
        /// Largest uncompressed size of one layer (default 64 GiB); beyond it reading throws `limitExceeded`.
        public var maxLayerSize: Int64
        /// Largest ratio of a compressed layer's decompressed size to its compressed size (default 1000),
        /// checked once `compressionRatioThreshold` bytes are out; beyond it reading throws `limitExceeded`.
        /// Uncompressed layers are not checked.
        public var maxCompressionRatio: Int64
        /// Decompressed bytes of a layer before `maxCompressionRatio` applies (default 1 GiB), so small,
        /// highly compressible layers are never refused.
        public var compressionRatioThreshold: Int64
        /// Most tar entries one layer may hold (default 10 million).
        public var maxEntriesPerLayer: Int
        /// Largest manifest, index or config document read into memory (default 16 MiB).
        public var maxDocumentSize: Int
        /// Hash each layer while it streams and throw `malformedArchive` when it does not match the
        /// config's diffID (default on).
        public var verifyDiffIDs: Bool
        /// `os/arch[/variant]` to pick from a multi-platform index; `nil` means the host's platform, or the
        /// only one there is.
        public var platform: String?

        /// Options with the defaults described on each property.
        public init(
            maxLayerSize: Int64 = 64 << 30, maxCompressionRatio: Int64 = 1000,
            compressionRatioThreshold: Int64 = 1 << 30,
            maxEntriesPerLayer: Int = 10_000_000, maxDocumentSize: Int = 16 << 20, verifyDiffIDs: Bool = true,
            platform: String? = nil
        ) {
            self.maxLayerSize = maxLayerSize
            self.maxCompressionRatio = maxCompressionRatio
            self.compressionRatioThreshold = compressionRatioThreshold
            self.maxEntriesPerLayer = maxEntriesPerLayer
            self.maxDocumentSize = maxDocumentSize
            self.verifyDiffIDs = verifyDiffIDs
            self.platform = platform
        }
    }

    /// The kind of input that was opened.
    public enum Format: String, Sendable, Hashable {
        /// A `docker save` (or `podman save`) tarball.
        case dockerArchive
        /// An OCI image layout directory.
        case ociLayout
        /// An OCI image layout packed as a tar.
        case ociArchive
    }

    /// The image's config and layers.
    public let image: Image
    /// What kind of input this is.
    public let format: Format
    /// The outer compression of a tarball (`none` for directories).
    public let compression: Compression
    /// The file or directory that was opened (without the `:tag`).
    public let path: String
    let options: Options
    let locations: [LayerLocation]

    init(
        image: Image, format: Format, compression: Compression, path: String, options: Options,
        locations: [LayerLocation]
    ) {
        self.image = image
        self.format = format
        self.compression = compression
        self.path = path
        self.options = options
        self.locations = locations
    }

    /// Opens `path`: a docker-archive tar (plain or gzip), an OCI layout directory or tar.
    /// `path:tag` selects one image of a multi-image archive or layout.
    public static func open(_ path: String) throws(ImageError) -> ImageArchive {
        try open(path, tag: nil, options: Options())
    }

    /// Opens `input` (`PATH` or `PATH:TAG`) with `options`; an explicit `tag` overrides one in `input`.
    ///
    /// A path that exists as given wins over splitting at a `:`. Throws `notFound` when the path does not
    /// exist, `malformedArchive` when it is not a tar or layout, `malformedManifest` when a manifest,
    /// config or layer is missing or invalid, `tagNotFound` (listing the tags) when the tag is absent or
    /// a multi-image input needs one.
    public static func open(_ input: String, tag: String? = nil, options: Options) throws(ImageError) -> ImageArchive {
        let target = try ArchiveTarget.parse(input)
        let wanted = tag ?? target.tag
        let store: any ArchiveStore
        let format: Format
        let compression: Compression
        if ArchiveTarget.isDirectory(target.path) {
            let directory = DirectoryStore(root: target.path, maxDocumentSize: options.maxDocumentSize)
            guard directory.contains("index.json") || directory.contains("manifest.json") else {
                throw ImageError(
                    code: .malformedArchive,
                    reason:
                        "is a directory without index.json or manifest.json, not an OCI layout (scan a root file system with `drydock rootfs`)",
                    location: target.path)
            }
            store = directory
            format = directory.contains("manifest.json") ? .dockerArchive : .ociLayout
            compression = .none
        } else {
            let tarStore = try TarStore.scan(path: target.path, maxDocumentSize: options.maxDocumentSize)
            store = tarStore
            format = tarStore.contains("manifest.json") ? .dockerArchive : .ociArchive
            compression = tarStore.compression
        }
        let resolved = try ImageResolver.resolve(
            store: store, reference: input, tag: wanted, platform: options.platform)
        return ImageArchive(
            image: resolved.image, format: format, compression: compression, path: target.path, options: options,
            locations: resolved.locations)
    }
}
