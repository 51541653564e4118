import DrydockNetwork

/// An image found in a local engine, ready for the catalog: a spooled `docker save` export (Docker, Podman)
/// or an image in containerd's content store, with what the engine records about it.
public final class EngineImage: @unchecked Sendable {
    // @unchecked Sendable: every stored property is a `let`; `ImageArchive` is not mutated after `open` (each
    // `forEachLayer` opens its own file handles), and `EngineSpool` and `ContainerdImage` are Sendable.
    /// The engine it was found in.
    public let source: ImageSource
    /// The engine's address (`unix:///run/podman/podman.sock`).
    public let endpoint: String
    /// The image ID the engine reports (`sha256:` of the config).
    public let imageID: String
    /// The engine's `RepoTags` (containerd: the image record's name).
    public let repoTags: [String]
    /// The engine's `RepoDigests` (`name@sha256:…`).
    public let repoDigests: [String]
    /// Where the layers are read from.
    let content: Content
    let spool: EngineSpool?

    /// A spooled export (Docker, Podman) or a content-store image (containerd).
    enum Content {
        case archive(ImageArchive)
        case containerd(ContainerdImage)
    }

    init(
        source: ImageSource, endpoint: String, imageID: String, repoTags: [String], repoDigests: [String],
        content: Content, spool: EngineSpool?
    ) {
        self.source = source
        self.endpoint = endpoint
        self.imageID = imageID
        self.repoTags = repoTags
        self.repoDigests = repoDigests
        self.content = content
        self.spool = spool
    }

    /// The image's layers, whichever engine it came from.
    public var layered: any LayeredImage {
        switch content {
        case .archive(let archive): return archive
        case .containerd(let image): return image
        }
    }

    /// The image's config and layers.
    public var image: Image { layered.image }

    /// Removes the spool file and closes the engine connection. Call once, when the scan is done.
    public func close() async {
        spool?.remove()
        if case .containerd(let image) = content { await image.close() }
    }
}
