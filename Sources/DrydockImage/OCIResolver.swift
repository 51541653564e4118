/// Resolves an image in an OCI layout: `index.json`, nested indexes, tag and platform selection.
struct OCIResolver {
    let store: any ArchiveStore
    let reference: String
    let platform: String?

    static let refNameKey = "org.opencontainers.image.ref.name"

    func resolve(tag: String?) throws(ImageError) -> ResolvedImage {
        let index = try decodeJSON(
            OCIIndex.self, try store.read("index.json") ?? [], what: "index.json", location: store.location)
        let top = index.manifests
        let available = top.compactMap { $0.refName ?? $0.imageName }
        let chosen: OCIDescriptor
        if let tag {
            let matching = top.filter { descriptor in
                [descriptor.refName, descriptor.imageName].contains { name in
                    name.map { TagMatcher.matches(candidate: $0, request: tag) } ?? false
                }
            }
            guard let first = matching.first else {
                throw ImageResolver.tagNotFound(tag, available: available, location: store.location)
            }
            if Set(matching.map(\.digest)).count > 1 {
                throw ImageError(
                    code: .tagNotFound,
                    reason: "tag \(tag) matches several images: \(ImageResolver.list(matching.compactMap(\.refName)))",
                    location: store.location)
            }
            chosen = first
        } else {
            guard let first = top.first else {
                throw ImageError(
                    code: .malformedManifest, reason: "index.json lists no images", location: store.location)
            }
            if Set(top.map(\.digest)).count > 1 {
                throw ImageError(
                    code: .tagNotFound,
                    reason:
                        "holds \(top.count) images; choose one with PATH:TAG (available tags: \(ImageResolver.list(available)))",
                    location: store.location)
            }
            chosen = first
        }
        let tags = [chosen.imageName ?? chosen.refName].compactMap { $0 }
        return try resolve(descriptor: chosen, tags: tags, topDigest: chosen.digest, depth: 0)
    }

    private func resolve(
        descriptor: OCIDescriptor, tags: [String], topDigest: String, depth: Int
    ) throws(ImageError) -> ResolvedImage {
        if depth > 8 {
            throw ImageError(
                code: .malformedManifest, reason: "image indexes nest more than 8 deep", location: store.location)
        }
        let bytes = try blob(descriptor.digest, what: "manifest")
        if descriptor.isIndex || (descriptor.mediaType == nil && isIndexDocument(bytes)) {
            let nested = try decodeJSON(
                OCIIndex.self, bytes, what: "image index \(descriptor.digest)", location: store.location)
            let next = try choosePlatform(nested.manifests, in: descriptor.digest)
            return try resolve(descriptor: next, tags: tags, topDigest: topDigest, depth: depth + 1)
        }
        let manifest = try decodeJSON(
            OCIManifest.self, bytes, what: "image manifest \(descriptor.digest)", location: store.location)
        let configBytes = try blob(manifest.config.digest, what: "config")
        var locations: [LayerLocation] = []
        var paths: [String] = []
        for layer in manifest.layers {
            let path = try Self.blobPath(layer.digest, location: store.location)
            guard let location = store.layerLocation(path) else {
                throw ImageError(
                    code: .malformedManifest,
                    reason:
                        "layer blob \(layer.digest) listed in manifest \(descriptor.digest) is missing from the layout",
                    location: store.location)
            }
            locations.append(location)
            paths.append(path)
        }
        let repoDigests = tags.compactMap { tag -> String? in
            guard tag.contains("/") || tag.contains(":") else { return nil }
            let name = TagMatcher.tagPart(tag).map { String(tag.dropLast($0.count + 1)) } ?? tag
            return name + "@" + topDigest
        }
        let image = try ImageResolver.makeImage(
            reference: reference, location: store.location, configBytes: configBytes, layerPaths: paths,
            layerDigests: manifest.layers.map(\.digest), repoTags: tags, repoDigests: repoDigests)
        return ResolvedImage(image: image, locations: locations)
    }

    /// Picks one manifest of a multi-platform index: the requested platform, else the host's, else the only one.
    private func choosePlatform(_ manifests: [OCIDescriptor], in digest: String) throws(ImageError) -> OCIDescriptor {
        // Attestation manifests carry the platform unknown/unknown.
        let candidates = manifests.filter { $0.platform?.os != "unknown" }
        let names = candidates.map { $0.platform?.name ?? "unspecified" }
        let wanted = platform ?? Self.hostPlatform
        if let exact = candidates.first(where: { Self.platform($0.platform, matches: wanted) }) {
            return exact
        }
        if platform == nil, candidates.count == 1, let only = candidates.first {
            return only
        }
        throw ImageError(
            code: .notFound,
            reason:
                "image index \(digest) has no image for platform \(wanted) (available: \(ImageResolver.list(names)))",
            location: store.location)
    }

    static func platform(_ platform: OCIPlatform?, matches wanted: String) -> Bool {
        guard let platform else { return false }
        let parts = wanted.split(separator: "/").map(String.init)
        guard parts.count >= 2 else { return false }
        if platform.os != parts[0] || platform.architecture != parts[1] { return false }
        return parts.count < 3 || platform.variant == parts[2]
    }

    static var hostPlatform: String {
        #if arch(arm64)
            return "linux/arm64"
        #else
            return "linux/amd64"
        #endif
    }

    private func isIndexDocument(_ bytes: [UInt8]) -> Bool {
        (try? decodeJSON(OCIIndex.self, bytes, what: "", location: "")) != nil
    }

    /// Reads a JSON blob by digest, verifying its sha256 digest.
    private func blob(_ digest: String, what: String) throws(ImageError) -> [UInt8] {
        let path = try Self.blobPath(digest, location: store.location)
        guard let bytes = try store.read(path) else {
            throw ImageError(
                code: .malformedManifest, reason: "\(what) blob \(digest) is missing from the layout",
                location: store.location)
        }
        if digest.hasPrefix("sha256:") {
            let actual = sha256Digest(bytes)
            if actual != digest {
                throw ImageError(
                    code: .malformedManifest, reason: "\(what) blob \(digest) has digest \(actual)",
                    location: store.location)
            }
        }
        return bytes
    }

    /// `blobs/<alg>/<encoded>` for a digest, refusing digests that could name another path.
    static func blobPath(_ digest: String, location: String) throws(ImageError) -> String {
        let parts = digest.split(separator: ":", maxSplits: 1)
        let algorithmOK = parts.first.map {
            !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+._-".contains($0)) }
        }
        let encodedOK =
            parts.count == 2 && !parts[1].isEmpty
            && parts[1].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "=_-".contains($0)) }
        guard parts.count == 2, algorithmOK == true, encodedOK, parts[0].first != "." else {
            throw ImageError(code: .malformedManifest, reason: "invalid digest \(digest)", location: location)
        }
        return "blobs/\(parts[0])/\(parts[1])"
    }
}
