import Foundation

/// One entry of a referrers list: a manifest (or index) whose `subject` is the digest asked about.
public struct ReferrerDescriptor: Sendable, Hashable, Decodable {
    public var mediaType: String?
    public var digest: String
    public var size: Int64?
    /// The referrer's `artifactType` (or its config's media type), as the list states it.
    public var artifactType: String?
    public var annotations: [String: String]?

    public init(
        mediaType: String?, digest: String, size: Int64?, artifactType: String?, annotations: [String: String]? = nil
    ) {
        self.mediaType = mediaType
        self.digest = digest
        self.size = size
        self.artifactType = artifactType
        self.annotations = annotations
    }
}

/// The referrers of one manifest digest, and how they were found.
public struct ReferrersList: Sendable, Hashable {
    /// How the list was obtained (OCI distribution spec 1.1).
    public enum Source: Sendable, Hashable, CustomStringConvertible {
        /// `GET /v2/<name>/referrers/<digest>` answered (`pages` responses, following `Link: <…>; rel="next"`).
        case api(pages: Int)
        /// The registry answered 404 for the API; the referrers tag schema's index (`sha256-<hex>`) was read.
        case tagSchema(tag: String)
        /// The registry answered 404 for the API and has no index under the referrers tag: no referrers.
        case noTag(tag: String)

        public var description: String {
            switch self {
            case .api: "the referrers API"
            case .tagSchema(let tag): "the referrers tag \(tag)"
            case .noTag(let tag): "no referrers API and no referrers tag \(tag)"
            }
        }
    }

    public var descriptors: [ReferrerDescriptor]
    public var source: Source

    public init(descriptors: [ReferrerDescriptor], source: Source) {
        self.descriptors = descriptors
        self.source = source
    }
}

extension RegistryClient {
    /// The most `Link: rel="next"` pages followed for one referrers list.
    static let maxReferrerPages = 64

    /// The referrers of manifest `digest` at `location`, as the OCI distribution spec 1.1 lists them: the referrers
    /// API (`GET /v2/<name>/referrers/<digest>[?artifactType=…]`, every page of its `Link` header), or — when the
    /// registry has no such API (``lacksReferrersAPI(_:)``: 404 and the like) — the image index tagged by the
    /// referrers tag schema (``referrersTag(for:)``);
    /// no such tag means no referrers. With `artifactType`, descriptors of other types are dropped here too when
    /// the registry did not say it applied the filter (`OCI-Filters-Applied`), and always for the tag schema.
    public func referrers(of digest: String, artifactType: String? = nil, at location: RegistryLocation)
        async throws -> ReferrersList
    {
        guard Digest.isValid(digest) else {
            throw NetworkError(
                code: .invalidInput, reason: "'\(digest)' is not a digest; referrers are listed by digest",
                location: "\(location)")
        }
        var path = "referrers/\(digest)"
        if let artifactType {
            var allowed = CharacterSet.urlQueryAllowed
            allowed.remove(charactersIn: "+&=;")
            path += "?artifactType=" + (artifactType.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }
        guard var url = URL(string: location.url(path)) else {
            throw NetworkError(code: .invalidInput, reason: "cannot build a referrers URL", location: "\(location)")
        }
        var descriptors: [ReferrerDescriptor] = []
        var visited: Set<URL> = []
        for page in 1...Self.maxReferrerPages {
            visited.insert(url)
            let request = HTTPRequest(url: url, headers: [HTTPHeader("Accept", RegistryMediaTypes.ociIndex)])
            let (head, body) = try await send(request, at: location, actions: "pull", limit: maxDocumentSize)
            if page == 1, Self.lacksReferrersAPI(head) {
                return try await referrersByTag(digest, artifactType, at: location)
            }
            try Self.check(head, body, what: "referrers of \(digest) in \(location.repository)", url: url)
            var found = try Self.referrerIndex(body, what: "the referrers of \(digest)", url: url)
            let applied = (head.header("OCI-Filters-Applied") ?? "").split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            if let artifactType, !applied.contains("artifactType") {
                found = found.filter { $0.artifactType == artifactType }
            }
            descriptors += found
            guard let next = Self.nextLink(head, relativeTo: url) else {
                return ReferrersList(descriptors: descriptors, source: .api(pages: page))
            }
            // The next page is on the same registry: the request carries this registry's credentials.
            guard next.scheme == url.scheme, next.host == url.host, next.port == url.port else {
                throw NetworkError(
                    code: .malformedResponse,
                    reason: "the referrers list's Link header points to another host: \(next)",
                    location: url.absoluteString)
            }
            guard !visited.contains(next) else {
                throw NetworkError(
                    code: .malformedResponse, reason: "the referrers list's Link header points back to \(next)",
                    location: url.absoluteString)
            }
            url = next
        }
        throw NetworkError(
            code: .malformedResponse,
            reason: "the referrers list of \(digest) has more than \(Self.maxReferrerPages) pages",
            location: url.absoluteString)
    }

    /// Whether a first referrers response says the registry has no referrers API: `404` (the spec's signal), and —
    /// as go-containerregistry, which cosign uses, also reads it — `400`, `406`, or a `200` that is not an image
    /// index (a registry answering the unknown path with a web page).
    static func lacksReferrersAPI(_ head: HTTPResponseHead) -> Bool {
        if [400, 404, 406].contains(head.status) { return true }
        guard head.status == 200 else { return false }
        let type = head.header("Content-Type")?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces)
        return type != RegistryMediaTypes.ociIndex
    }

    /// The referrers tag schema's tag for `digest`: the algorithm truncated to 32 characters, `-`, the encoded part
    /// truncated to 64, with every character a tag cannot hold replaced by `-` (`sha256:ab…` → `sha256-ab…`).
    public static func referrersTag(for digest: String) -> String {
        let parts = digest.split(separator: ":", maxSplits: 1).map(String.init)
        let algorithm = String((parts.first ?? "").prefix(32))
        let encoded = String((parts.count > 1 ? parts[1] : "").prefix(64))
        let tag = algorithm + "-" + encoded
        return String(
            tag.map { character in
                character.isASCII && (character.isLetter || character.isNumber || "_.-".contains(character))
                    ? character : "-"
            })
    }

    private func referrersByTag(_ digest: String, _ artifactType: String?, at location: RegistryLocation)
        async throws -> ReferrersList
    {
        let tag = Self.referrersTag(for: digest)
        let index: RegistryManifest
        do {
            index = try await manifest(tag, at: location)
        } catch let error as NetworkError where error.code == .notFound {
            return ReferrersList(descriptors: [], source: .noTag(tag: tag))
        }
        // Anything but an image index under the tag means no referrers (the spec's "SHOULD assume").
        guard index.mediaType == RegistryMediaTypes.ociIndex,
            let url = URL(string: location.url("manifests/\(tag)")),
            var found = try? Self.referrerIndex(index.bytes, what: "the referrers tag \(tag)", url: url)
        else { return ReferrersList(descriptors: [], source: .noTag(tag: tag)) }
        if let artifactType { found = found.filter { $0.artifactType == artifactType } }
        return ReferrersList(descriptors: found, source: .tagSchema(tag: tag))
    }

    private struct Index: Decodable {
        var manifests: [ReferrerDescriptor]?
    }

    /// The descriptors of a referrers image index; those without a valid digest are dropped.
    static func referrerIndex(_ body: [UInt8], what: String, url: URL) throws(NetworkError) -> [ReferrerDescriptor] {
        do {
            let index = try JSONDecoder().decode(Index.self, from: Data(body))
            return (index.manifests ?? []).filter { Digest.isValid($0.digest) }
        } catch {
            throw NetworkError(
                code: .malformedResponse, reason: "\(what) is not an image index: \(error)",
                location: url.absoluteString)
        }
    }

    /// The `rel="next"` target of a response's `Link` header (RFC 5988), resolved against the request's URL.
    static func nextLink(_ head: HTTPResponseHead, relativeTo url: URL) -> URL? {
        for value in head.headerValues("Link") {
            for link in value.split(separator: ",") {
                let parts = link.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                guard let target = parts.first, target.hasPrefix("<"), target.hasSuffix(">") else { continue }
                let isNext = parts.dropFirst().contains { parameter in
                    let pair = parameter.split(separator: "=", maxSplits: 1).map {
                        $0.trimmingCharacters(in: .whitespaces)
                    }
                    return pair.count == 2 && pair[0].lowercased() == "rel"
                        && pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")).split(separator: " ")
                            .contains("next")
                }
                if isNext { return URL(string: String(target.dropFirst().dropLast()), relativeTo: url)?.absoluteURL }
            }
        }
        return nil
    }
}
