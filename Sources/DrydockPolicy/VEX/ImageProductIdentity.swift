import DrydockModel
import Foundation

/// What a scanned image is known as to VEX documents: its OCI purls, digests and ID.
///
/// The purl is built as Trivy builds it (`pkg:oci/NAME@sha256:DIGEST?arch=ARCH&repository_url=REPO`, NAME
/// the last path component of the repository, REPO with Docker Hub written `index.docker.io/...`), one per
/// repository digest. An image read from a `docker save` archive has no repository digest; it is known by a
/// versionless purl per repository tag (`pkg:oci/app?repository_url=...&tag=1.2`), so a statement about
/// "every digest of `pkg:oci/app`" still applies to it while one about a single digest cannot.
public struct ImageProductIdentity: Sendable, Hashable {
    /// The image's purls, digest purls first.
    public var purls: [PackageURL]
    /// Manifest digests (`sha256:HEX`) from the repository digests.
    public var digests: [String]
    /// Exact strings the image is also known by: its repository digests, manifest digests and image ID.
    public var names: Set<String>

    public init(_ artifact: ArtifactMetadata) {
        let architecture = ImageProductIdentity.architecture(artifact.imageConfigJSON)
        var purls: [PackageURL] = []
        var digests: [String] = []
        var names = Set<String>()
        for repoDigest in artifact.repoDigests {
            guard let at = repoDigest.lastIndex(of: "@") else { continue }
            let repository = String(repoDigest[..<at])
            let digest = String(repoDigest[repoDigest.index(after: at)...])
            digests.append(digest)
            names.formUnion([repoDigest, digest])
            purls.append(ImageProductIdentity.purl(repository: repository, version: digest, architecture: architecture))
        }
        if artifact.repoDigests.isEmpty {
            for tag in artifact.repoTags {
                let (repository, name) = ImageProductIdentity.splitTag(tag)
                var purl = ImageProductIdentity.purl(repository: repository, version: nil, architecture: architecture)
                if let name { purl.qualifiers["tag"] = name }
                purls.append(purl)
            }
        }
        if let imageID = artifact.imageID { names.insert(imageID) }
        self.purls = purls
        self.digests = digests
        self.names = names
    }

    /// The purl that names this exact image: the first digest purl, or `nil` when the image has no repository
    /// digest.
    public var digestPURL: PackageURL? {
        purls.first { $0.version != nil }
    }

    static func purl(repository: String, version: String?, architecture: String?) -> PackageURL {
        let normalised = normalisedRepository(repository)
        let name = normalised.split(separator: "/").last.map { String($0).lowercased() } ?? normalised
        var qualifiers = ["repository_url": normalised]
        if let architecture { qualifiers["arch"] = architecture }
        return PackageURL(type: "oci", name: name, version: version, qualifiers: qualifiers)
    }

    /// `REPOSITORY` and `TAG` of `REPOSITORY:TAG` (the tag is the part after the last `:` when that part has no
    /// `/`, so a registry port is not mistaken for one).
    static func splitTag(_ reference: String) -> (String, String?) {
        guard let colon = reference.lastIndex(of: ":"), !reference[colon...].contains("/") else {
            return (reference, nil)
        }
        return (String(reference[..<colon]), String(reference[reference.index(after: colon)...]))
    }

    /// A repository as go-containerregistry (and so Trivy) writes it: the registry named, Docker Hub as
    /// `index.docker.io` with official images under `library/`, lower-cased.
    public static func normalisedRepository(_ repository: String) -> String {
        var parts = repository.lowercased().split(separator: "/").map(String.init)
        guard let first = parts.first else { return repository }
        let hasRegistry = parts.count > 1 && (first.contains(".") || first.contains(":") || first == "localhost")
        if !hasRegistry {
            parts.insert("index.docker.io", at: 0)
        } else if ["docker.io", "registry-1.docker.io", "index.docker.io"].contains(first) {
            parts[0] = "index.docker.io"
        }
        if parts[0] == "index.docker.io" && parts.count == 2 { parts.insert("library", at: 1) }
        return parts.joined(separator: "/")
    }

    /// The `architecture` of an image config.
    static func architecture(_ config: [UInt8]?) -> String? {
        struct Config: Decodable { var architecture: String? }
        guard let config, let decoded = try? JSONDecoder().decode(Config.self, from: Data(config)) else { return nil }
        return decoded.architecture.flatMap { $0.isEmpty ? nil : $0 }
    }
}
