import DrydockModel
import DrydockNetwork
import Foundation

/// Finds an image in containerd and reads its manifest and config.
enum ContainerdLocator {
    /// The image record filters for `reference`, as Trivy builds them: the full and the short (Docker Hub)
    /// name, with `:latest` when no tag is given; a digest matches the record's target.
    static func filters(for reference: String) -> [String] {
        if reference.hasPrefix("sha256:") { return ["target.digest==\"\(reference)\""] }
        guard let parsed = try? ImageReference.parse(reference) else {
            return ["name==\"\(reference)\""]
        }
        let names = [parsed.name, familiarName(parsed)].reduce(into: [String]()) {
            if !$0.contains($1) { $0.append($1) }
        }
        if let digest = parsed.digest {
            return names.map { "name~=\"^\($0)(:|@).*\",target.digest==\"\(digest)\"" }
        }
        let tag = parsed.tag ?? "latest"
        return names.map { "name==\"\($0):\(tag)\"" }
    }

    /// `alpine` for `docker.io/library/alpine`, `org/app` for `docker.io/org/app`, else the full name.
    static func familiarName(_ reference: ImageReference) -> String {
        guard reference.registry == ImageReference.dockerHub else { return reference.name }
        let repository = reference.repository
        return repository.hasPrefix("library/") && !repository.dropFirst(8).contains("/")
            ? String(repository.dropFirst(8)) : repository
    }

    /// Resolves `reference` in the namespace of `client`: the record, the platform's manifest, the config.
    static func open(
        _ reference: String, client: ContainerdClient, platform: PlatformSelection, options: ImageArchive.Options
    ) async throws -> ContainerdImage {
        let records = try await client.listImages(filters: filters(for: reference))
        guard let record = records.first(where: { $0.target != nil }), let target = record.target else {
            throw EngineError(
                code: .notFound, reason: "no image \(reference) in namespace \(client.namespace)",
                location: client.location)
        }
        var documentBytes = try await document(target.digest, client: client, options: options)
        var depth = 0
        while let index = try? decodeJSON(OCIIndex.self, documentBytes, what: "index", location: ""),
            !index.manifests.isEmpty, (try? decodeJSON(OCIManifest.self, documentBytes, what: "", location: "")) == nil
        {
            depth += 1
            guard depth <= 8 else {
                throw ImageError(code: .malformedManifest, reason: "image indexes nest too deep", location: record.name)
            }
            let chosen = try choose(index.manifests, platform: platform, record: record.name)
            documentBytes = try await document(chosen.digest, client: client, options: options)
        }
        let location = "containerd \(client.location) \(record.name)"
        let manifest = try decodeJSON(OCIManifest.self, documentBytes, what: "image manifest", location: location)
        let configBytes = try await document(manifest.config.digest, client: client, options: options)
        let image = try ImageResolver.makeImage(
            reference: reference, location: location, configBytes: configBytes,
            layerPaths: manifest.layers.map { "blobs/" + $0.digest.replacingOccurrences(of: ":", with: "/") },
            layerDigests: manifest.layers.map(\.digest), repoTags: [record.name],
            repoDigests: [repoDigest(record.name, digest: target.digest)])
        if case .platform(let wanted) = platform, let os = image.config.os {
            let actual = OCIPlatform(architecture: image.config.architecture, os: os, variant: nil)
            if !OCIResolver.platform(
                actual, matches: String(wanted.split(separator: "/").prefix(2).joined(separator: "/")))
            {
                throw EngineError(
                    code: .notFound, reason: "\(record.name) is for \(actual.name), not \(wanted)",
                    location: client.location)
            }
        }
        return ContainerdImage(
            image: image, recordName: record.name, digest: target.digest, layerDigests: manifest.layers.map(\.digest),
            client: client, options: options)
    }

    /// `name@digest` for a record named `name:tag` (or `name@digest`).
    static func repoDigest(_ name: String, digest: String) -> String {
        var base = name
        if let at = base.firstIndex(of: "@") { base = String(base[..<at]) }
        if let colon = base.lastIndex(of: ":"), !base[colon...].contains("/") { base = String(base[..<colon]) }
        return "\(base)@\(digest)"
    }

    /// Reads a small JSON blob and checks it against its digest.
    private static func document(_ digest: String, client: ContainerdClient, options: ImageArchive.Options)
        async throws -> [UInt8]
    {
        let bytes = try await client.readAll(digest, limit: options.maxDocumentSize)
        if digest.hasPrefix("sha256:"), sha256Digest(bytes) != digest {
            throw ImageError(
                code: .malformedManifest, reason: "content \(digest) does not match its digest",
                location: "containerd \(client.location)")
        }
        return bytes
    }

    /// The index entry for the wanted platform (the host's by default), skipping attestations.
    private static func choose(_ manifests: [OCIDescriptor], platform: PlatformSelection, record: String) throws
        -> OCIDescriptor
    {
        let candidates = manifests.filter { $0.platform?.os != "unknown" }
        let wanted: String
        if case .platform(let name) = platform { wanted = name } else { wanted = PlatformSelection.hostPlatform }
        if let exact = candidates.first(where: { OCIResolver.platform($0.platform, matches: wanted) }) {
            return exact
        }
        let explicit = if case .platform = platform { true } else { false }
        if !explicit, candidates.count == 1, let only = candidates.first {
            return only
        }
        let names = candidates.map { $0.platform?.name ?? "unspecified" }
        throw EngineError(
            code: .notFound,
            reason: "\(record) has no image for platform \(wanted) (available: \(ImageResolver.list(names)))",
            location: "containerd")
    }
}
