import DrydockNetwork
import Foundation

/// A platform the admission configuration names (`images.platforms`): `os/architecture[/variant]`, as
/// `drydock image --platform` and the OCI index's `platform` field spell it.
public struct ImagePlatform: Sendable, Hashable, CustomStringConvertible {
    public var os: String
    public var architecture: String
    public var variant: String?

    /// The platforms checked when the configuration names none: what the nodes of nearly every cluster run.
    public static let defaults = [
        ImagePlatform(os: "linux", architecture: "amd64"), ImagePlatform(os: "linux", architecture: "arm64"),
    ]

    public init(os: String, architecture: String, variant: String? = nil) {
        self.os = os
        self.architecture = architecture
        self.variant = variant
    }

    /// Reads `linux/amd64`, `linux/arm64/v8`; `nil` for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (2...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && !$0.contains(" ") }) else {
            return nil
        }
        self.init(os: parts[0], architecture: parts[1], variant: parts.count == 3 ? parts[2] : nil)
    }

    public var description: String { [os, architecture, variant].compactMap { $0 }.joined(separator: "/") }

    /// Whether an index entry for `other` is an image for this platform: the same OS and architecture, and the
    /// same variant when this one names one (`linux/arm64` is `linux/arm64/v8` too).
    func accepts(_ other: ImagePlatform) -> Bool {
        os == other.os && architecture == other.architecture && (variant == nil || variant == other.variant)
    }
}

/// What an image reference names in its registry: one manifest, or an index and the images it holds for the
/// configured platforms.
public struct ResolvedImage: Sendable, Hashable {
    /// One platform's image of an index.
    public struct PlatformImage: Sendable, Hashable {
        /// The platform as the index lists it (`linux/arm64/v8`).
        public var platform: ImagePlatform
        public var manifestDigest: String
        /// The image config's digest: what a scan stores the image under (its image ID).
        public var configDigest: String
    }

    /// The digest the reference resolves to (the index's, for a multi-platform image).
    public var digest: String
    public var location: RegistryLocation
    public var isIndex: Bool
    /// For an index: the configured platforms' images, in the configuration's order.
    public var platforms: [PlatformImage] = []
    /// For an index: the configured platforms it has no image for, and every platform it lists.
    public var missing: [ImagePlatform] = []
    public var listed: [ImagePlatform] = []
}

/// The parts of an image index and manifest the platform check reads. Pure: bytes in, values out.
enum ImageIndexDocument {
    /// Whether `bytes` is an index (or Docker manifest list): it has `manifests` and no `layers`.
    static func isIndex(_ bytes: [UInt8]) -> Bool {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else {
            return false
        }
        return object["manifests"] != nil && object["layers"] == nil
    }

    /// The index's entries that name a platform, in order.
    static func entries(_ bytes: [UInt8], source: String) throws -> [(platform: ImagePlatform, digest: String)] {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any],
            let manifests = object["manifests"] as? [[String: Any]]
        else { throw NetworkError(code: .malformedResponse, reason: "the image index is not JSON", location: source) }
        return manifests.compactMap { entry in
            guard let digest = entry["digest"] as? String, let platform = entry["platform"] as? [String: Any],
                let os = platform["os"] as? String, let architecture = platform["architecture"] as? String
            else { return nil }
            return (ImagePlatform(os: os, architecture: architecture, variant: platform["variant"] as? String), digest)
        }
    }

    /// An image manifest's config digest.
    static func configDigest(_ bytes: [UInt8], source: String) throws -> String {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any],
            let config = object["config"] as? [String: Any], let digest = config["digest"] as? String
        else {
            throw NetworkError(
                code: .malformedResponse, reason: "the image manifest names no config digest", location: source)
        }
        return digest
    }
}
