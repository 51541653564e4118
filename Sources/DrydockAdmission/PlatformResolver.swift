import DrydockNetwork
import Foundation
import Synchronization

/// Resolves an image reference in its registry, the way a node's container runtime will: a tag to its digest,
/// and an index (a multi-platform image) to the images it holds for the configured platforms — so that the
/// webhook judges the scan record and signatures of what each platform's nodes will run
/// (`docs/admission.md#multi-platform-images`).
///
/// An index's platforms never change for its digest and are remembered (up to ``capacity`` indexes); a tag is
/// remembered as its digest for `tagTTL`.
public final class PlatformResolver: Sendable, Hashable {
    public let client: RegistryClient
    /// The platforms a multi-platform image must pass for.
    public let platforms: [ImagePlatform]
    public let tagTTL: TimeInterval
    private let tags = Mutex<[String: (digest: String, until: Date)]>([:])
    private let resolved = Mutex<[String: ResolvedImage]>([:])
    /// Bound on each cache: past it the cache is emptied (a cluster runs far fewer distinct images).
    static let capacity = 20_000

    public init(client: RegistryClient, platforms: [ImagePlatform], tagTTL: TimeInterval = 10) {
        self.client = client
        self.platforms = platforms
        self.tagTTL = tagTTL
    }

    /// Closes the registry client's connections.
    public func shutdown() async {
        await (client.transport as? AsyncHTTPTransport)?.shutdown()
    }

    /// What `reference` resolved to, from memory; `nil` when the registry must be asked.
    public func remembered(_ reference: ImageReference, now: Date = Date()) -> ResolvedImage? {
        let digest =
            reference.digest
            ?? tags.withLock { $0[reference.description] }.flatMap { $0.until > now ? $0.digest : nil }
        guard let digest else { return nil }
        return resolved.withLock { $0["\(reference.name)@\(digest)"] }
    }

    /// Asks the registry what `reference` names, and for an index each configured platform's manifest.
    public func resolve(_ reference: ImageReference, now: Date = Date()) async throws -> ResolvedImage {
        if let known = remembered(reference, now: now) { return known }
        let top = try await client.manifest(reference)
        if reference.digest == nil {
            tags.withLock { cache in
                if cache.count >= Self.capacity { cache.removeAll() }
                cache[reference.description] = (top.digest, now.addingTimeInterval(tagTTL))
            }
        }
        let key = "\(reference.name)@\(top.digest)"
        if let known = resolved.withLock({ $0[key] }) { return known }
        var image = ResolvedImage(
            digest: top.digest, location: top.location, isIndex: top.isIndex || ImageIndexDocument.isIndex(top.bytes))
        if image.isIndex {
            let source = "\(reference.name)@\(top.digest)"
            let entries = try ImageIndexDocument.entries(top.bytes, source: source)
            image.listed = entries.map(\.platform)
            for wanted in platforms {
                guard let entry = entries.first(where: { wanted.accepts($0.platform) }) else {
                    image.missing.append(wanted)
                    continue
                }
                let manifest = try await client.manifest(entry.digest, at: top.location)
                image.platforms.append(
                    ResolvedImage.PlatformImage(
                        platform: entry.platform, manifestDigest: manifest.digest,
                        configDigest: try ImageIndexDocument.configDigest(
                            manifest.bytes, source: "\(reference.name)@\(manifest.digest)")))
            }
        }
        resolved.withLock { cache in
            if cache.count >= Self.capacity { cache.removeAll() }
            cache[key] = image
        }
        return image
    }

    public static func == (lhs: PlatformResolver, rhs: PlatformResolver) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
