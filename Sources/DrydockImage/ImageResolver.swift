import Crypto
import DrydockModel

/// An image found in an archive or layout, with where each layer's bytes are.
struct ResolvedImage {
    var image: Image
    var locations: [LayerLocation]
}

/// Finds the image in a store: docker-archive (`manifest.json`) first, then OCI layout (`index.json`).
enum ImageResolver {
    static func resolve(
        store: any ArchiveStore, reference: String, tag: String?, platform: String?
    ) throws(ImageError) -> ResolvedImage {
        if store.contains("manifest.json") {
            return try resolveDocker(store: store, reference: reference, tag: tag)
        }
        if store.contains("index.json") {
            return try OCIResolver(store: store, reference: reference, platform: platform).resolve(tag: tag)
        }
        throw ImageError(
            code: .malformedManifest,
            reason: "has neither manifest.json (docker-archive) nor index.json (OCI layout); is it a single layer?",
            location: store.location)
    }

    // MARK: - docker-archive

    static func resolveDocker(store: any ArchiveStore, reference: String, tag: String?) throws(ImageError)
        -> ResolvedImage
    {
        let manifestBytes = try store.read("manifest.json") ?? []
        let entries = try decodeJSON(
            [DockerManifestEntry].self, manifestBytes, what: "manifest.json", location: store.location)
        let available = entries.flatMap { $0.repoTags ?? [] }
        let entry: DockerManifestEntry
        if let tag {
            let matching = entries.filter {
                ($0.repoTags ?? []).contains { TagMatcher.matches(candidate: $0, request: tag) }
            }
            guard let first = matching.first else {
                throw tagNotFound(tag, available: available, location: store.location)
            }
            if Set(matching).count > 1 {
                throw ImageError(
                    code: .tagNotFound,
                    reason: "tag \(tag) matches several images: \(list(matching.flatMap { $0.repoTags ?? [] }))",
                    location: store.location)
            }
            entry = first
        } else {
            guard let first = entries.first else {
                throw ImageError(
                    code: .malformedManifest, reason: "manifest.json lists no images", location: store.location)
            }
            if entries.count > 1 {
                throw ImageError(
                    code: .tagNotFound,
                    reason:
                        "holds \(entries.count) images; choose one with PATH:TAG (available tags: \(list(available)))",
                    location: store.location)
            }
            entry = first
        }
        guard let configBytes = try store.read(entry.config) else {
            throw ImageError(
                code: .malformedManifest,
                reason: "config \(entry.config) listed in manifest.json is missing from the archive",
                location: store.location)
        }
        var locations: [LayerLocation] = []
        var digests: [String?] = []
        for path in entry.layers {
            guard let location = store.layerLocation(path) else {
                throw ImageError(
                    code: .malformedManifest,
                    reason: "layer \(path) listed in manifest.json is missing from the archive",
                    location: store.location)
            }
            locations.append(location)
            digests.append(blobDigest(fromPath: path))
        }
        let image = try makeImage(
            reference: reference, location: store.location, configBytes: configBytes, layerPaths: entry.layers,
            layerDigests: digests, repoTags: entry.repoTags ?? [], repoDigests: [])
        return ResolvedImage(image: image, locations: locations)
    }

    /// `sha256:<hex>` when `path` is `blobs/sha256/<hex>` (the blob's name is its digest), else `nil`.
    static func blobDigest(fromPath path: String) -> String? {
        let parts = TarHeader.normalize(path).split(separator: "/")
        guard parts.count == 3, parts[0] == "blobs", parts[1] == "sha256", parts[2].count == 64,
            parts[2].allSatisfy({ $0.isHexDigit })
        else { return nil }
        return "sha256:" + parts[2]
    }

    // MARK: - Shared

    /// Builds the `Image`: config digest, diffIDs and history matched to layers by position.
    static func makeImage(
        reference: String, location: String, configBytes: [UInt8], layerPaths: [String], layerDigests: [String?],
        repoTags: [String], repoDigests: [String]
    ) throws(ImageError) -> Image {
        let config = try ImageConfig.parse(configBytes, location: location)
        if !config.diffIDs.isEmpty && config.diffIDs.count != layerPaths.count {
            throw ImageError(
                code: .malformedManifest,
                reason:
                    "the manifest lists \(layerPaths.count) layers but the config's rootfs.diff_ids has \(config.diffIDs.count)",
                location: location)
        }
        let createdBy = config.layerCreatedBy
        let layers = layerPaths.enumerated().map { index, path in
            ImageLayer(
                index: index,
                reference: LayerReference(
                    digest: layerDigests[index], diffID: index < config.diffIDs.count ? config.diffIDs[index] : nil,
                    createdBy: index < createdBy.count ? createdBy[index] : nil),
                path: path)
        }
        return Image(
            reference: reference, configDigest: sha256Digest(configBytes), configJSON: configBytes, config: config,
            layers: layers, repoTags: repoTags, repoDigests: repoDigests)
    }

    static func tagNotFound(_ tag: String, available: [String], location: String) -> ImageError {
        ImageError(
            code: .tagNotFound, reason: "tag \(tag) is not in the archive (available tags: \(list(available)))",
            location: location)
    }

    static func list(_ tags: [String]) -> String {
        tags.isEmpty ? "none recorded" : tags.joined(separator: ", ")
    }
}

/// `sha256:<hex>` of `bytes`.
func sha256Digest(_ bytes: [UInt8]) -> String {
    "sha256:" + hexString(SHA256.hash(data: bytes))
}

/// Lower-case hex of a digest.
func hexString(_ digest: some Sequence<UInt8>) -> String {
    let digits: [UInt8] = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for byte in digest {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
}
