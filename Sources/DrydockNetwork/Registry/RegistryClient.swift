import Foundation
import Synchronization

/// A client for the OCI Distribution API (Docker Registry v2): manifests, blobs, tags and pushes, with
/// anonymous, Basic and bearer-token auth, mirrors, digest verification and resumable blob downloads.
///
/// Every request goes through the `HTTPTransport` it was given, so `--offline` (an `OfflineTransport`)
/// stops it, and tests can hand it a fake.
public final class RegistryClient: Sendable {
    /// The transport requests go through.
    public let transport: any HTTPTransport
    /// Where credentials come from.
    public let credentials: CredentialResolver
    /// Mirrors and per-registry plain-HTTP settings.
    public let configuration: RegistryConfiguration
    /// Plain HTTP to every registry (`--insecure`).
    public let insecure: Bool
    /// How often a broken blob download is resumed, and the waits between.
    public let retry: RetryPolicy
    /// Largest config or tag list read into memory.
    public let maxDocumentSize: Int
    /// Largest manifest or index read: by default 4 MiB, the most CNCF Distribution accepts on a manifest push
    /// (`maxManifestBodySize`) and what containers/image (skopeo, podman) reads. A registry sending more (a
    /// 1 GB or endless body) is stopped there with `tooLarge` naming the URL.
    public let maxManifestSize: Int
    let authenticator: RegistryAuthenticator

    /// A client; by default anonymous, without mirrors, HTTPS only (loopback registries use plain HTTP).
    public init(
        transport: any HTTPTransport, credentials: CredentialResolver = CredentialResolver(),
        configuration: RegistryConfiguration = RegistryConfiguration(), insecure: Bool = false,
        retry: RetryPolicy = RetryPolicy(), maxDocumentSize: Int = 16 << 20, maxManifestSize: Int = 4 << 20
    ) {
        self.transport = transport
        self.credentials = credentials
        self.configuration = configuration
        self.insecure = insecure
        self.retry = retry
        self.maxDocumentSize = maxDocumentSize
        self.maxManifestSize = maxManifestSize
        self.authenticator = RegistryAuthenticator(transport: transport, credentials: credentials)
    }

    /// The endpoints for `reference`'s registry, mirrors first. Loopback registries use plain HTTP.
    public func endpoints(for reference: ImageReference) -> [RegistryEndpoint] {
        let loopback = AsyncHTTPTransport.isLoopback(hostName(reference.apiHost))
        return configuration.endpoints(
            for: reference.registry, apiHost: reference.apiHost, insecureAll: insecure || loopback)
    }

    /// Fetches `reference`'s manifest (or index), trying mirrors first. The digest is checked against
    /// the reference's own digest, or the registry's `Docker-Content-Digest`.
    public func manifest(_ reference: ImageReference) async throws -> RegistryManifest {
        var failures: [String] = []
        let endpoints = endpoints(for: reference)
        for endpoint in endpoints {
            let location = RegistryLocation(
                registry: reference.registry, repository: reference.repository, endpoint: endpoint)
            do {
                return try await manifest(reference.manifestReference, at: location)
            } catch {
                if !endpoint.isMirror || endpoint == endpoints.last {
                    if failures.isEmpty { throw error }
                    throw NetworkError(
                        code: (error as? NetworkError)?.code ?? .connectionFailed,
                        reason: "\(error) (mirrors failed too: \(failures.joined(separator: "; ")))",
                        location: reference.description)
                }
                failures.append("\(endpoint.host): \(error)")
            }
        }
        throw NetworkError(code: .invalidInput, reason: "no endpoint to pull from", location: reference.description)
    }

    /// Fetches the manifest named `reference` (tag or digest) at `location`.
    public func manifest(_ reference: String, at location: RegistryLocation) async throws -> RegistryManifest {
        guard let url = URL(string: location.url("manifests/\(reference)")) else {
            throw NetworkError(code: .invalidInput, reason: "cannot build a manifest URL", location: "\(location)")
        }
        let request = HTTPRequest(
            url: url, headers: [HTTPHeader("Accept", RegistryMediaTypes.manifestTypes.joined(separator: ", "))])
        let what = "manifest \(reference) of \(location.registry)/\(location.repository)"
        let (head, body) = try await send(request, at: location, actions: "pull", limit: maxManifestSize, what: what)
        try Self.check(head, body, what: what, url: url)
        let digest = Digest.sha256(body)
        let expected = Digest.isValid(reference) ? reference : head.header("Docker-Content-Digest")
        if let expected, expected.hasPrefix("sha256:"), expected != digest {
            throw NetworkError(
                code: .digestMismatch,
                reason: "manifest \(reference) hashes to \(digest), but the registry names it \(expected)",
                location: url.absoluteString)
        }
        var mediaType = head.header("Content-Type").map {
            String($0.split(separator: ";")[0]).trimmingCharacters(in: .whitespaces)
        }
        if mediaType == nil || mediaType == "application/json" || mediaType == "text/plain" {
            mediaType =
                ((try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any])?["mediaType"] as? String
        }
        return RegistryManifest(bytes: body, mediaType: mediaType, digest: digest, location: location)
    }

    /// Downloads a small blob (a config) into memory, verifying its digest: at most `limit` bytes (by default
    /// `maxDocumentSize`), and no more than `size` when the manifest gives it.
    public func blobBytes(
        _ digest: String, at location: RegistryLocation, limit: Int? = nil, size: Int64? = nil
    ) async throws -> [UInt8] {
        let collector = ByteCollector(
            limit: limit ?? maxDocumentSize, location: location.url("blobs/\(digest)"), what: "blob \(digest)")
        try await blob(digest, at: location, size: size) { chunk in try collector.append(chunk) }
        return collector.bytes
    }

    /// Streams blob `digest` to `sink` in order, each byte once, and verifies the digest at the end
    /// (`digestMismatch`). A transfer that breaks off is resumed with a `Range` request where the
    /// registry supports it, else restarted with the bytes already delivered skipped; both up to
    /// `retry.maxAttempts` times. `size`, when known, is enforced.
    public func blob(
        _ digest: String, at location: RegistryLocation, size: Int64?,
        into sink: @escaping @Sendable (ArraySlice<UInt8>) async throws -> Void
    ) async throws {
        guard let hasher = StreamingDigest(for: digest), Digest.isValid(digest) else {
            throw NetworkError(
                code: .malformedResponse, reason: "blob digest '\(digest)' is not a sha256 or sha512 digest",
                location: "\(location)")
        }
        guard let url = URL(string: location.url("blobs/\(digest)")) else {
            throw NetworkError(code: .invalidInput, reason: "cannot build a blob URL", location: "\(location)")
        }
        let state = LockedValue(BlobProgress(hasher: hasher))
        var attempt = 0
        while true {
            attempt += 1
            let offset = state.withLock { $0.delivered }
            var request = HTTPRequest(url: url)
            if offset > 0 { request.headers.append(HTTPHeader("Range", "bytes=\(offset)-")) }
            state.withLock { $0.skip = 0 }
            do {
                let (head, body) = try await send(
                    request, at: location, actions: "pull", limit: 64 << 10,
                    onHead: { head in
                        try state.withLock { (progress) throws(NetworkError) in
                            try progress.begin(head, requested: offset, url: url)
                        }
                    },
                    sink: { chunk in
                        let fresh = try state.withLock { (progress) throws(NetworkError) in
                            try progress.take(chunk, size: size, url: url)
                        }
                        if !fresh.isEmpty { try await sink(fresh) }
                    })
                try Self.check(
                    head, body, what: "blob \(digest) of \(location.registry)/\(location.repository)", url: url)
                break
            } catch let error as NetworkError where error.code == .connectionFailed && attempt < retry.maxAttempts {
                let seconds = retry.delay(afterAttempt: attempt, jitter: Double.random(in: 0...1))
                try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
            }
        }
        let (actual, delivered) = state.withLock { ($0.hasher.finalize(), $0.delivered) }
        if let size, delivered != size {
            throw NetworkError(
                code: .digestMismatch, reason: "blob \(digest) is \(delivered) bytes, the manifest says \(size)",
                location: url.absoluteString)
        }
        if actual != digest {
            throw NetworkError(
                code: .digestMismatch,
                reason: "blob content hashes to \(actual), not to its digest \(digest) (corrupt or tampered download)",
                location: url.absoluteString)
        }
    }

    /// Lists a repository's tags (follows no pagination beyond the first 10,000).
    public func tags(at location: RegistryLocation) async throws -> [String] {
        guard let url = URL(string: location.url("tags/list?n=10000")) else {
            throw NetworkError(code: .invalidInput, reason: "cannot build a tags URL", location: "\(location)")
        }
        let (head, body) = try await send(
            HTTPRequest(url: url), at: location, actions: "pull", limit: maxDocumentSize, what: "the tag list")
        try Self.check(head, body, what: "tags of \(location.registry)/\(location.repository)", url: url)
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
            throw NetworkError(code: .malformedResponse, reason: "tag list is not JSON", location: url.absoluteString)
        }
        return object["tags"] as? [String] ?? []
    }

    /// Uploads `bytes` as a blob (monolithic POST then PUT) unless the registry has it; returns its digest.
    @discardableResult
    public func pushBlob(_ bytes: [UInt8], at location: RegistryLocation) async throws -> String {
        let digest = Digest.sha256(bytes)
        try await upload(digest: digest, size: Int64(bytes.count), body: bytes, file: nil, at: location)
        return digest
    }

    /// Uploads the file at `path` as blob `digest` (its `sha256:`, computed by the caller) of `size` bytes,
    /// streaming it from disk in one monolithic PUT, unless the registry already has it.
    public func pushBlob(file path: String, digest: String, size: Int64, at location: RegistryLocation) async throws {
        try await upload(digest: digest, size: size, body: nil, file: path, at: location)
    }

    /// POST to start an upload session, then one PUT with the whole body (Distribution spec, monolithic).
    private func upload(
        digest: String, size: Int64, body: [UInt8]?, file: String?, at location: RegistryLocation
    ) async throws {
        guard let headURL = URL(string: location.url("blobs/\(digest)")),
            let startURL = URL(string: location.url("blobs/uploads/"))
        else {
            throw NetworkError(code: .invalidInput, reason: "cannot build an upload URL", location: "\(location)")
        }
        let (existing, _) = try await send(
            HTTPRequest(url: headURL, method: "HEAD"), at: location, actions: "pull,push", limit: 64 << 10)
        if existing.status == 200 { return }
        let (started, startBody) = try await send(
            HTTPRequest(url: startURL, method: "POST", headers: [HTTPHeader("Content-Length", "0")]), at: location,
            actions: "pull,push", limit: 64 << 10)
        try Self.check(started, startBody, what: "blob upload to \(location.repository)", url: startURL)
        guard let upload = started.header("Location"),
            let uploadURL = URL(string: upload, relativeTo: URL(string: location.endpoint.baseURL)),
            var components = URLComponents(url: uploadURL.absoluteURL, resolvingAgainstBaseURL: true)
        else {
            throw NetworkError(
                code: .malformedResponse, reason: "upload start gave no Location", location: startURL.absoluteString)
        }
        components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: "digest", value: digest)]
        guard let putURL = components.url else {
            throw NetworkError(code: .malformedResponse, reason: "bad upload Location", location: upload)
        }
        let put = HTTPRequest(
            url: putURL, method: "PUT",
            headers: [
                HTTPHeader("Content-Type", "application/octet-stream"), HTTPHeader("Content-Length", "\(size)"),
            ],
            body: body, bodyFile: file)
        let (done, doneBody) = try await send(put, at: location, actions: "pull,push", limit: 64 << 10)
        try Self.check(done, doneBody, what: "blob upload \(digest)", url: putURL)
    }

    /// Uploads a manifest under `reference` (a tag, or its digest); returns its digest.
    @discardableResult
    public func pushManifest(
        _ bytes: [UInt8], mediaType: String, reference: String, at location: RegistryLocation
    ) async throws -> String {
        guard let url = URL(string: location.url("manifests/\(reference)")) else {
            throw NetworkError(code: .invalidInput, reason: "cannot build a manifest URL", location: "\(location)")
        }
        let request = HTTPRequest(
            url: url, method: "PUT", headers: [HTTPHeader("Content-Type", mediaType)], body: bytes)
        let (head, body) = try await send(request, at: location, actions: "pull,push", limit: 64 << 10)
        try Self.check(head, body, what: "manifest upload \(reference)", url: url)
        return Digest.sha256(bytes)
    }

    /// Sends a request with auth: a cached header first, and on 401 one more try after answering the
    /// challenge. 2xx bodies go to `sink` when given, else are collected up to `limit` bytes: past it (or
    /// when `Content-Length` says so) the transfer stops with `tooLarge` naming `what` and the URL. Other
    /// bodies are read up to `limit` bytes for the error message and the rest is not read.
    func send(
        _ request: HTTPRequest, at location: RegistryLocation, actions: String, limit: Int,
        what: String = "the response",
        onHead: (@Sendable (HTTPResponseHead) throws -> Void)? = nil,
        sink: (@Sendable (ArraySlice<UInt8>) async throws -> Void)? = nil
    ) async throws -> (HTTPResponseHead, [UInt8]) {
        let scope = "repository:\(location.repository):\(actions)"
        var authorization = await authenticator.cachedHeader(for: location, scope: scope)
        var answered = false
        let url = request.url.absoluteString
        while true {
            var attempt = request
            if let authorization { attempt.headers.append(HTTPHeader("Authorization", authorization)) }
            let collector = ByteCollector(limit: limit, location: url, what: what)
            let received = Mutex<HTTPResponseHead?>(nil)
            let head: HTTPResponseHead
            do {
                head = try await transport.perform(
                    attempt,
                    head: { head in
                        received.withLock { $0 = head }
                        guard (200..<300).contains(head.status) else { return }
                        // A HEAD answer's Content-Length is the size of what a GET would send, not a body.
                        if sink == nil, request.method != "HEAD",
                            let length = head.header("Content-Length").flatMap(Int64.init), length > Int64(limit)
                        {
                            throw ByteCollector.tooLarge(what, limit: limit, location: url)
                        }
                        try onHead?(head)
                    },
                    body: { chunk in
                        let ok = received.withLock { $0.map { (200..<300).contains($0.status) } ?? false }
                        if ok, let sink {
                            try await sink(chunk)
                        } else if ok {
                            try collector.append(chunk)
                        } else {
                            try collector.append(chunk.prefix(max(0, limit - collector.count)))
                            if collector.count >= limit { throw ErrorBodyCut() }
                        }
                    })
            } catch is ErrorBodyCut {
                // An error document past `limit`: what was read is enough for the message.
                guard let cut = received.withLock({ $0 }) else { throw ErrorBodyCut() }
                head = cut
            }
            if head.status == 401 && !answered {
                authorization = try await authenticator.authorize(
                    challengeHeader: head.header("WWW-Authenticate"), location: location, scope: scope,
                    previous: nil)
                answered = true
                continue
            }
            if head.status == 401 {
                _ = try await authenticator.authorize(
                    challengeHeader: head.header("WWW-Authenticate"), location: location, scope: scope,
                    previous: authorization)
            }
            return (head, collector.bytes)
        }
    }

    /// Throws for a non-2xx status: `notFound`, `unauthorized`, or `httpStatus` with the registry's
    /// own error message.
    static func check(_ head: HTTPResponseHead, _ body: [UInt8], what: String, url: URL) throws(NetworkError) {
        guard !(200..<300).contains(head.status) else { return }
        var message = ""
        if let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any],
            let errors = object["errors"] as? [[String: Any]]
        {
            message = errors.map { "\($0["code"] as? String ?? "ERROR"): \($0["message"] as? String ?? "")" }
                .joined(separator: "; ")
        }
        let detail = message.isEmpty ? "" : " (\(message))"
        switch head.status {
        case 404:
            throw NetworkError(
                code: .notFound, reason: "\(what) was not found\(detail)", location: url.absoluteString, status: 404)
        case 401, 403:
            throw NetworkError(
                code: .unauthorized, reason: "access to \(what) was denied\(detail)", location: url.absoluteString,
                status: head.status)
        default:
            throw NetworkError(
                code: .httpStatus, reason: "the registry answered HTTP \(head.status) for \(what)\(detail)",
                location: url.absoluteString, status: head.status)
        }
    }

    private func hostName(_ host: String) -> String {
        if host.hasPrefix("[") { return String(host.prefix { $0 != "]" }.dropFirst()) }
        return String(host.split(separator: ":").first ?? Substring(host))
    }
}

/// Thrown to stop reading an error response's body once enough of it was read for the message.
private struct ErrorBodyCut: Error {}

/// The state of one blob download across attempts.
struct BlobProgress: Sendable {
    var hasher: StreamingDigest
    /// Bytes handed to the sink (and hashed) so far.
    var delivered: Int64 = 0
    /// Bytes still to drop at the start of this attempt (a server that ignored `Range`).
    var skip: Int64 = 0

    init(hasher: StreamingDigest) {
        self.hasher = hasher
    }

    /// Checks the head of an attempt that asked for bytes from `requested` on.
    mutating func begin(_ head: HTTPResponseHead, requested: Int64, url: URL) throws(NetworkError) {
        if requested == 0 { return }
        if head.status == 206 {
            let range = head.header("Content-Range") ?? ""
            // "bytes START-END/TOTAL"
            let start = range.split(separator: " ").last?.split(separator: "-").first.flatMap { Int64($0) }
            guard start == requested else {
                throw NetworkError(
                    code: .malformedResponse,
                    reason: "asked to resume at byte \(requested), the registry sent Content-Range '\(range)'",
                    location: url.absoluteString)
            }
        } else {
            skip = requested  // Range ignored: the whole blob comes again.
        }
    }

    /// Drops what was already delivered, hashes and returns the rest.
    mutating func take(_ chunk: ArraySlice<UInt8>, size: Int64?, url: URL) throws(NetworkError) -> ArraySlice<UInt8> {
        var fresh = chunk
        if skip > 0 {
            let drop = Int(min(skip, Int64(fresh.count)))
            fresh = fresh.dropFirst(drop)
            skip -= Int64(drop)
        }
        if fresh.isEmpty { return fresh }
        delivered += Int64(fresh.count)
        if let size, delivered > size {
            throw NetworkError(
                code: .digestMismatch, reason: "blob is longer than the \(size) bytes the manifest says",
                location: url.absoluteString)
        }
        hasher.update(fresh)
        return fresh
    }
}
