import DrydockNetwork
import Foundation
import Synchronization

/// An in-memory registry behind the `HTTPTransport` protocol, for client tests: serves manifests and
/// blobs, can demand a bearer token, break blob transfers part-way, and records every request.
public final class RegistryFakeTransport: HTTPTransport {
    /// What the fake serves and what it saw.
    public struct State: Sendable {
        /// Manifests by tag or digest.
        public var manifests: [String: (bytes: [UInt8], mediaType: String)] = [:]
        /// Blobs by digest.
        public var blobs: [String: [UInt8]] = [:]
        /// When set, every registry request needs `Authorization: Bearer <token>` (a challenge otherwise).
        public var requireToken: String?
        /// Blob GETs (by digest) that deliver this many bytes and then fail, once each.
        public var breakAfter: [String: Int] = [:]
        /// Answer `Range` requests with 206 (else the whole blob with 200).
        public var honourRange = true
        /// Every request, in order.
        public var requests: [HTTPRequest] = []
    }

    /// The fake's state; tests set it up and inspect it.
    public let state = Mutex(State())

    /// An empty registry.
    public init() {}

    /// Serves every blob of the OCI layout at `root`, each JSON one also as a manifest by digest, and
    /// the index entry tagged `tag` under that tag.
    public func load(layout root: URL, tag: String) throws {
        let directory = root.appendingPathComponent("blobs/sha256")
        let index = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("index.json")))
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            let bytes = Array(try Data(contentsOf: directory.appendingPathComponent(name)))
            let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
            state.withLock { state in
                state.blobs["sha256:" + name] = bytes
                if let type = object?["mediaType"] as? String { state.manifests["sha256:" + name] = (bytes, type) }
            }
        }
        for entry in (index as? [String: Any])?["manifests"] as? [[String: Any]] ?? [] {
            let annotations = entry["annotations"] as? [String: String] ?? [:]
            guard annotations["org.opencontainers.image.ref.name"] == tag, let digest = entry["digest"] as? String
            else { continue }
            state.withLock { state in state.manifests[tag] = state.manifests[digest] }
        }
    }

    /// Serves `request` from memory.
    public func perform(
        _ request: HTTPRequest, body: @Sendable (ArraySlice<UInt8>) async throws -> Void
    ) async throws -> HTTPResponseHead {
        try await perform(request, head: { _ in }, body: body)
    }

    /// Serves `request` from memory, head first.
    public func perform(
        _ request: HTTPRequest, head: @Sendable (HTTPResponseHead) async throws -> Void,
        body: @Sendable (ArraySlice<UInt8>) async throws -> Void
    ) async throws -> HTTPResponseHead {
        let snapshot = state.withLock { state in
            state.requests.append(request)
            return state
        }
        func respond(_ status: Int, _ headers: [HTTPHeader] = [], _ bytes: [UInt8] = []) async throws
            -> HTTPResponseHead
        {
            let result = HTTPResponseHead(status: status, headers: headers)
            try await head(result)
            if !bytes.isEmpty { try await body(bytes[...]) }
            return result
        }
        let path = request.url.path
        if path == "/token" {
            return try await respond(200, [], Array(#"{"token":"\#(snapshot.requireToken ?? "")"}"#.utf8))
        }
        if let token = snapshot.requireToken,
            request.headers.first(where: { $0.name == "Authorization" })?.value != "Bearer \(token)"
        {
            return try await respond(
                401,
                [
                    HTTPHeader(
                        "WWW-Authenticate",
                        #"Bearer realm="http://127.0.0.1/token",service="fake",scope="repository:app:pull""#)
                ])
        }
        if let range = path.range(of: "/manifests/") {
            let reference = String(path[range.upperBound...])
            guard let manifest = snapshot.manifests[reference] else { return try await respond(404) }
            return try await respond(200, [HTTPHeader("Content-Type", manifest.mediaType)], manifest.bytes)
        }
        if let range = path.range(of: "/blobs/") {
            let digest = String(path[range.upperBound...])
            guard let blob = snapshot.blobs[digest] else { return try await respond(404) }
            var start = 0
            var status = 200
            if snapshot.honourRange, let header = request.headers.first(where: { $0.name == "Range" })?.value,
                let from = Int(header.dropFirst("bytes=".count).dropLast())
            {
                start = from
                status = 206
            }
            let headers =
                status == 206 ? [HTTPHeader("Content-Range", "bytes \(start)-\(blob.count - 1)/\(blob.count)")] : []
            if let limit = snapshot.breakAfter[digest] {
                state.withLock { $0.breakAfter[digest] = nil }
                let result = HTTPResponseHead(status: status, headers: headers)
                try await head(result)
                try await body(blob[start..<min(blob.count, start + limit)])
                throw NetworkError(
                    code: .connectionFailed, reason: "broken on purpose", location: request.url.absoluteString)
            }
            return try await respond(status, headers, Array(blob[start...]))
        }
        return try await respond(404)
    }
}
