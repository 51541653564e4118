import DrydockModel
import DrydockNetwork
import Foundation

/// An image in containerd's content store: its manifest and config are read when it is opened, its layers
/// stream from the content service (`Content.Read`) when `forEachLayer` reads them — cached layers are never
/// read at all.
public final class ContainerdImage: LayeredImage, Sendable {
    /// The image; `repoTags` and `repoDigests` are from containerd's image record.
    public let image: Image
    /// The image record's name (`docker.io/library/alpine:3.19`).
    public let recordName: String
    /// Digest of what the record points at (an index or a manifest).
    public let digest: String
    let layerDigests: [String]
    let client: ContainerdClient
    let options: ImageArchive.Options

    init(
        image: Image, recordName: String, digest: String, layerDigests: [String], client: ContainerdClient,
        options: ImageArchive.Options
    ) {
        self.image = image
        self.recordName = recordName
        self.digest = digest
        self.layerDigests = layerDigests
        self.client = client
        self.options = options
    }

    /// Whether `ImageArchive.Options.verifyDiffIDs` is on.
    public var verifiesDiffIDs: Bool { options.verifyDiffIDs }

    /// Streams each layer `include` accepts from the content store, decompressed and diffID-checked.
    ///
    /// Blocks the calling thread: call it from `BlockingWork.run`, never on the concurrency pool.
    public func forEachLayer(where include: (ImageLayer) -> Bool, _ body: (ImageLayer, TarReader) throws -> Void)
        throws
    {
        for layer in image.layers where include(layer) {
            let digest = layerDigests[layer.index]
            let location = "containerd \(client.location) \(recordName): layer \(layer.index) (\(digest))"
            let pipe = BlobPipe(location: location)
            let client = self.client
            let task = Task {
                do {
                    try await client.read(digest) { chunk in try await pipe.write(chunk) }
                    pipe.finish()
                } catch {
                    pipe.fail(
                        ImageError(
                            code: .unreadable, reason: "cannot read from containerd: \(error)", location: location))
                }
            }
            defer {
                pipe.cancel()
                task.cancel()
            }
            let layerStream = try LayerStream(layer: layer, raw: pipe, options: options, location: location)
            try body(layer, layerStream.reader)
            try layerStream.source.drain()
            try layerStream.verify()
        }
    }

    /// Closes the connection to containerd.
    public func close() async {
        await client.close()
    }
}
