import DrydockModel
import DrydockNetwork
import Foundation

/// One platform's image pulled from a registry: its config and layer list are in memory, its layers
/// stream from the registry when `forEachLayer` reads them.
public final class RegistryImage: Sendable, LayeredImage {
    /// The image: `reference` is the fully qualified reference, `repoDigests` holds `name@digest`.
    public let image: Image
    /// The reference that was pulled.
    public let reference: ImageReference
    /// Digest of what the reference names: the index for a multi-platform image, else the manifest.
    public let digest: String
    /// Digest of this platform's image manifest.
    public let manifestDigest: String
    /// `os/arch[/variant]` from the index entry, or from the config for a single-platform image.
    public let platform: String?
    /// Where the blobs are fetched from (the registry or the mirror that served the manifest).
    public let location: RegistryLocation
    let layerBlobs: [LayerBlob]
    let client: RegistryClient
    let options: ImageArchive.Options

    /// A layer blob as the manifest lists it.
    struct LayerBlob: Sendable, Hashable {
        var digest: String
        var size: Int64?
        var mediaType: String?
    }

    init(
        image: Image, reference: ImageReference, digest: String, manifestDigest: String, platform: String?,
        location: RegistryLocation, layerBlobs: [LayerBlob], client: RegistryClient, options: ImageArchive.Options
    ) {
        self.image = image
        self.reference = reference
        self.digest = digest
        self.manifestDigest = manifestDigest
        self.platform = platform
        self.location = location
        self.layerBlobs = layerBlobs
        self.client = client
        self.options = options
    }

    /// Streams every layer's uncompressed tar to `body`, base layer first, while it downloads.
    ///
    /// Blocks the calling thread: call it from `BlockingWork.run`, never on the concurrency pool. Each
    /// blob's digest is verified as it streams (a mismatch fails the read at the end of the blob), gzip
    /// is detected by magic bytes, and after `body` returns the rest of the layer is read so its diffID
    /// can be checked. Broken downloads are resumed by the `RegistryClient`.
    public func forEachLayer(_ body: (ImageLayer, TarReader) throws -> Void) throws {
        try forEachLayer(where: { _ in true }, body)
    }

    /// Whether `ImageArchive.Options.verifyDiffIDs` is on.
    public var verifiesDiffIDs: Bool { options.verifyDiffIDs }

    /// `forEachLayer(_:)` for the layers `include` accepts only: the others are never downloaded.
    public func forEachLayer(where include: (ImageLayer) -> Bool, _ body: (ImageLayer, TarReader) throws -> Void)
        throws
    {
        for layer in image.layers where include(layer) {
            let blob = layerBlobs[layer.index]
            let location = "\(reference): layer \(layer.index) (\(blob.digest))"
            let pipe = BlobPipe(location: location)
            let client = self.client
            let registryLocation = self.location
            let task = Task {
                do {
                    try await client.blob(blob.digest, at: registryLocation, size: blob.size) { chunk in
                        try await pipe.write(chunk)
                    }
                    pipe.finish()
                } catch {
                    pipe.fail(Self.imageError(error, location: location))
                }
            }
            defer {
                pipe.cancel()
                task.cancel()
            }
            try stream(layer, from: pipe, location: location, body)
        }
    }

    private func stream(
        _ layer: ImageLayer, from raw: any ByteSource, location: String, _ body: (ImageLayer, TarReader) throws -> Void
    ) throws {
        let layerStream = try LayerStream(layer: layer, raw: raw, options: options, location: location)
        try body(layer, layerStream.reader)
        // Read to the end: the blob digest is only known there, and the diffID needs every byte.
        try layerStream.source.drain()
        try layerStream.verify()
    }

    /// Maps a download failure to the `ImageError` the layer reader throws.
    static func imageError(_ error: any Error, location: String) -> ImageError {
        guard let network = error as? NetworkError else {
            return ImageError(code: .unreadable, reason: "download failed: \(error)", location: location)
        }
        let code: ImageError.Code
        switch network.code {
        case .digestMismatch: code = .malformedArchive
        case .connectionFailed: code = .truncated
        case .notFound: code = .notFound
        default: code = .unreadable
        }
        return ImageError(code: code, reason: "download failed: \(network)", location: location)
    }
}
