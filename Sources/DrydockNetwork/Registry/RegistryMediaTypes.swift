/// Media types of the OCI and Docker distribution formats.
public enum RegistryMediaTypes {
    /// OCI image manifest.
    public static let ociManifest = "application/vnd.oci.image.manifest.v1+json"
    /// OCI image index.
    public static let ociIndex = "application/vnd.oci.image.index.v1+json"
    /// Docker image manifest, schema 2.
    public static let dockerManifest = "application/vnd.docker.distribution.manifest.v2+json"
    /// Docker manifest list (multi-platform).
    public static let dockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json"

    /// Every manifest type Drydock reads, for the `Accept` header.
    public static let manifestTypes = [ociIndex, ociManifest, dockerManifestList, dockerManifest]

    /// Whether `mediaType` is an index or manifest list.
    public static func isIndex(_ mediaType: String?) -> Bool {
        mediaType == ociIndex || mediaType == dockerManifestList
    }
}

/// Where a repository is reached: the registry it belongs to, the endpoint (the registry itself or a
/// mirror), and the repository path.
public struct RegistryLocation: Sendable, Hashable, CustomStringConvertible {
    /// The registry the repository belongs to (`docker.io`), for credentials and messages.
    public var registry: String
    /// The repository path (`library/alpine`).
    public var repository: String
    /// The endpoint requests go to.
    public var endpoint: RegistryEndpoint

    /// A location from its parts.
    public init(registry: String, repository: String, endpoint: RegistryEndpoint) {
        self.registry = registry
        self.repository = repository
        self.endpoint = endpoint
    }

    /// The host credentials are looked up for: the mirror's own host for a mirror, else the registry.
    public var credentialHost: String { endpoint.isMirror ? endpoint.host : registry }

    /// `https://host/v2/<repository>/<path>`.
    func url(_ path: String) -> String { "\(endpoint.baseURL)/v2/\(repository)/\(path)" }

    /// `registry/repository via endpoint`.
    public var description: String { "\(registry)/\(repository) at \(endpoint)" }
}

/// A manifest or index as the registry served it, with its verified digest.
public struct RegistryManifest: Sendable, Hashable {
    /// The document's bytes, exactly as served (the digest covers them).
    public var bytes: [UInt8]
    /// `Content-Type`, or the document's own `mediaType`.
    public var mediaType: String?
    /// `sha256:` of `bytes`.
    public var digest: String
    /// Where it came from.
    public var location: RegistryLocation

    /// A manifest from its parts.
    public init(bytes: [UInt8], mediaType: String?, digest: String, location: RegistryLocation) {
        self.bytes = bytes
        self.mediaType = mediaType
        self.digest = digest
        self.location = location
    }

    /// Whether it is an image index or manifest list.
    public var isIndex: Bool { RegistryMediaTypes.isIndex(mediaType) }
}
