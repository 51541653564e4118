/// An image on disk: a `docker save` tarball (optionally gzip-compressed) or an OCI image layout.
///
/// Placeholder API: the implementation lands with the image work.
public final class ImageArchive {
    /// The image's config and layers.
    public let image: Image

    init(image: Image) {
        self.image = image
    }

    /// Opens `path`: a docker-archive tar (plain or gzip), an OCI layout directory or tar.
    /// `path:tag` (or a separate `tag`) selects one image of a multi-image archive or layout.
    public static func open(_ path: String) throws(ImageError) -> ImageArchive {
        throw ImageError(code: .unsupported, reason: "image archives not implemented", location: path)
    }

    /// Streams every layer's uncompressed tar to `body`, one layer at a time (in archive order, which
    /// may differ from layer order; use `ImageLayer.index`).
    public func forEachLayer(_ body: (ImageLayer, TarReader) throws -> Void) throws {
        throw ImageError(code: .unsupported, reason: "image archives not implemented", location: image.reference)
    }
}
