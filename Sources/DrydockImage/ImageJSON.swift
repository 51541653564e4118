import Foundation

/// One image of a `docker save` `manifest.json`.
struct DockerManifestEntry: Decodable, Hashable {
    var config: String
    var repoTags: [String]?
    var layers: [String]

    enum CodingKeys: String, CodingKey {
        case config = "Config"
        case repoTags = "RepoTags"
        case layers = "Layers"
    }
}

/// An OCI content descriptor (also used for Docker distribution manifests).
struct OCIDescriptor: Decodable, Hashable {
    var mediaType: String?
    var digest: String
    var size: Int64?
    var annotations: [String: String]?
    var platform: OCIPlatform?

    /// `org.opencontainers.image.ref.name`: the tag in an OCI layout.
    var refName: String? { annotations?["org.opencontainers.image.ref.name"] }
    /// `io.containerd.image.name`: the full name Docker and containerd record.
    var imageName: String? { annotations?["io.containerd.image.name"] }

    var isIndex: Bool {
        mediaType == "application/vnd.oci.image.index.v1+json"
            || mediaType == "application/vnd.docker.distribution.manifest.list.v2+json"
    }
}

/// A platform of a multi-platform index entry.
struct OCIPlatform: Decodable, Hashable {
    var architecture: String?
    var os: String?
    var variant: String?

    /// `os/architecture[/variant]`.
    var name: String {
        [os ?? "unknown", architecture ?? "unknown"].joined(separator: "/") + (variant.map { "/" + $0 } ?? "")
    }
}

/// An OCI image index (`index.json` and nested indexes).
struct OCIIndex: Decodable, Hashable {
    var mediaType: String?
    var manifests: [OCIDescriptor]
}

/// An OCI (or Docker v2 schema 2) image manifest.
struct OCIManifest: Decodable, Hashable {
    var mediaType: String?
    var config: OCIDescriptor
    var layers: [OCIDescriptor]
}

/// The parts of an image config document Drydock reads.
struct ConfigDocument: Decodable {
    struct RootFS: Decodable {
        var diffIDs: [String]?
        enum CodingKeys: String, CodingKey { case diffIDs = "diff_ids" }
    }

    struct History: Decodable {
        var createdBy: String?
        var emptyLayer: Bool?
        enum CodingKeys: String, CodingKey {
            case createdBy = "created_by"
            case emptyLayer = "empty_layer"
        }
    }

    var architecture: String?
    var os: String?
    var created: String?
    var rootfs: RootFS?
    var history: [History]?

    var imageConfig: ImageConfig {
        ImageConfig(
            architecture: architecture, os: os, created: created, diffIDs: rootfs?.diffIDs ?? [],
            history: (history ?? []).map {
                ImageConfig.HistoryEntry(createdBy: $0.createdBy, emptyLayer: $0.emptyLayer ?? false)
            })
    }
}

extension ImageConfig {
    /// Parses an OCI/Docker image config blob; throws `malformedManifest` naming `location`.
    public static func parse(_ bytes: [UInt8], location: String) throws(ImageError) -> ImageConfig {
        try decodeJSON(ConfigDocument.self, bytes, what: "image config", location: location).imageConfig
    }

    /// `created_by` of each non-empty history step, by layer position (`nil` when history is short).
    public var layerCreatedBy: [String?] {
        history.filter { !$0.emptyLayer }.map(\.createdBy)
    }
}

/// Decodes JSON, turning any failure into `malformedManifest` with `what` and `location`.
func decodeJSON<T: Decodable>(
    _ type: T.Type, _ bytes: [UInt8], what: String, location: String
) throws(ImageError) -> T {
    do {
        return try JSONDecoder().decode(T.self, from: Data(bytes))
    } catch {
        throw ImageError(
            code: .malformedManifest, reason: "\(what) is not valid: \(describe(error))", location: location)
    }
}

private func describe(_ error: any Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, let context):
        return "missing \"\(key.stringValue)\"" + path(context)
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
        return "unexpected value" + path(context)
    case DecodingError.dataCorrupted(let context):
        return "not JSON" + path(context)
    default:
        return "\(error)"
    }
}

private func path(_ context: DecodingError.Context) -> String {
    let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
    return keys.isEmpty ? "" : " at " + keys.joined(separator: ".")
}
