import DrydockModel
import DrydockNetwork
import Foundation

/// Resolves an image reference against a registry: fetches the manifest or index, picks the
/// platform(s), fetches each config, and returns `RegistryImage`s whose layers stream on demand.
public struct RegistryPuller: Sendable {
    /// The registry client.
    public let client: RegistryClient
    /// Layer limits and diffID verification (the `platform` field is ignored: pass a selection).
    public let options: ImageArchive.Options

    /// A puller over `client`.
    public init(client: RegistryClient, options: ImageArchive.Options = ImageArchive.Options()) {
        self.client = client
        self.options = options
    }

    /// Pulls `reference`'s metadata for the selected platform(s), in index order for `.all`.
    ///
    /// Throws `NetworkError` for registry failures, `platformNotFound` listing the platforms the index
    /// has when the wanted one is missing, and `ImageError` `malformedManifest` for invalid documents.
    public func pull(_ reference: ImageReference, platform: PlatformSelection) async throws -> [RegistryImage] {
        let top = try await client.manifest(reference)
        let location = top.location
        guard top.isIndex || isIndexDocument(top.bytes) else {
            let image = try await assemble(
                manifestBytes: top.bytes, manifestDigest: top.digest, topDigest: top.digest, entryPlatform: nil,
                reference: reference, location: location)
            if case .platform(let wanted) = platform, let actual = image.platform,
                !OCIResolver.platform(Self.ociPlatform(actual), matches: wanted)
            {
                throw NetworkError(
                    code: .platformNotFound,
                    reason:
                        "\(reference) is a single-platform image for \(actual), not \(wanted) (available: \(actual))",
                    location: reference.description)
            }
            return [image]
        }
        let index = try decodeJSON(
            OCIIndex.self, top.bytes, what: "image index \(top.digest)", location: reference.description)
        let candidates = index.manifests.filter { $0.platform?.os != "unknown" && !($0.isIndex) }
        let names = candidates.map { $0.platform?.name ?? "unspecified" }
        let chosen: [OCIDescriptor]
        switch platform {
        case .all:
            chosen = candidates
        case .host, .platform:
            let wanted: String
            if case .platform(let name) = platform { wanted = name } else { wanted = PlatformSelection.hostPlatform }
            if let exact = candidates.first(where: { OCIResolver.platform($0.platform, matches: wanted) }) {
                chosen = [exact]
            } else if platform == .host, candidates.count == 1, let only = candidates.first {
                chosen = [only]
            } else {
                throw NetworkError(
                    code: .platformNotFound,
                    reason:
                        "\(reference) has no image for platform \(wanted) (available: \(names.sorted().joined(separator: ", ")))",
                    location: reference.description)
            }
        }
        if chosen.isEmpty {
            throw NetworkError(
                code: .platformNotFound, reason: "the image index \(top.digest) lists no images",
                location: reference.description)
        }
        var images: [RegistryImage] = []
        for descriptor in chosen {
            let manifest = try await client.manifest(descriptor.digest, at: location)
            images.append(
                try await assemble(
                    manifestBytes: manifest.bytes, manifestDigest: manifest.digest, topDigest: top.digest,
                    entryPlatform: descriptor.platform?.name, reference: reference, location: location))
        }
        return images
    }

    private func assemble(
        manifestBytes: [UInt8], manifestDigest: String, topDigest: String, entryPlatform: String?,
        reference: ImageReference, location: RegistryLocation
    ) async throws -> RegistryImage {
        let what = "\(reference) manifest \(manifestDigest)"
        let manifest = try decodeJSON(OCIManifest.self, manifestBytes, what: "image manifest", location: what)
        let configBytes = try await client.blobBytes(
            manifest.config.digest, at: location, limit: options.maxDocumentSize, size: manifest.config.size)
        let config = try ImageConfig.parse(configBytes, location: "\(reference) config \(manifest.config.digest)")
        if !config.diffIDs.isEmpty && config.diffIDs.count != manifest.layers.count {
            throw ImageError(
                code: .malformedManifest,
                reason:
                    "manifest lists \(manifest.layers.count) layers but the config has \(config.diffIDs.count) diff_ids",
                location: what)
        }
        let createdBy = config.layerCreatedBy
        var layers: [ImageLayer] = []
        var blobs: [RegistryImage.LayerBlob] = []
        for (index, layer) in manifest.layers.enumerated() {
            let diffID = index < config.diffIDs.count ? config.diffIDs[index] : nil
            let reference = LayerReference(
                digest: layer.digest, diffID: diffID, createdBy: index < createdBy.count ? createdBy[index] : nil)
            layers.append(
                ImageLayer(
                    index: index, reference: reference,
                    path: "blobs/\(layer.digest.replacingOccurrences(of: ":", with: "/"))"))
            blobs.append(RegistryImage.LayerBlob(digest: layer.digest, size: layer.size, mediaType: layer.mediaType))
        }
        let image = Image(
            reference: reference.description, configDigest: manifest.config.digest, configJSON: configBytes,
            config: config, layers: layers, repoTags: reference.tag.map { ["\(reference.name):\($0)"] } ?? [],
            repoDigests: [reference.pinned(to: topDigest)])
        let platform =
            entryPlatform
            ?? config.os.map { os in [os, config.architecture ?? "unknown"].joined(separator: "/") }
        return RegistryImage(
            image: image, reference: reference, digest: topDigest, manifestDigest: manifestDigest, platform: platform,
            location: location, layerBlobs: blobs, client: client, options: options)
    }

    private func isIndexDocument(_ bytes: [UInt8]) -> Bool {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else {
            return false
        }
        return object["manifests"] != nil && object["layers"] == nil
    }

    static func ociPlatform(_ name: String) -> OCIPlatform {
        let parts = name.split(separator: "/").map(String.init)
        return OCIPlatform(
            architecture: parts.count > 1 ? parts[1] : nil, os: parts.first, variant: parts.count > 2 ? parts[2] : nil)
    }
}
