import DrydockNetwork
import Foundation
import Synchronization

/// An in-memory registry behind the `HTTPTransport` protocol, for client tests: serves manifests and
/// blobs, can demand a bearer token, break blob transfers part-way, and records every request.
final class FakeRegistryTransport: HTTPTransport {
    struct State {
        var manifests: [String: (bytes: [UInt8], mediaType: String)] = [:]
        var blobs: [String: [UInt8]] = [:]
        var requireToken: String?
        /// Blob GETs (by digest) that deliver this many bytes and then fail, once each.
        var breakAfter: [String: Int] = [:]
        var honourRange = true
        var requests: [HTTPRequest] = []
    }

    let state = Mutex(State())

    func perform(
        _ request: HTTPRequest, body: @Sendable (ArraySlice<UInt8>) async throws -> Void
    ) async throws -> HTTPResponseHead {
        try await perform(request, head: { _ in }, body: body)
    }

    func perform(
        _ request: HTTPRequest, head: @Sendable (HTTPResponseHead) async throws -> Void,
        body: @Sendable (ArraySlice<UInt8>) async throws -> Void
    ) async throws -> HTTPResponseHead {
        let snapshot = state.withLock { state in
            state.requests.append(request)
            return state
        }
        func respond(_ status: Int, _ headers: [HTTPHeader] = [], _ bytes: [UInt8] = []) async throws -> HTTPResponseHead {
            let result = HTTPResponseHead(status: status, headers: headers)
            try await head(result)
            if !bytes.isEmpty { try await body(bytes[...]) }
            return result
        }
        let path = request.url.path
        if path == "/token" {
            return try await respond(200, [], Array(#"{"token":"\#(snapshot.requireToken ?? "")"}"#.utf8))
        }
        if let token = snapshot.requireToken, request.headers.first(where: { $0.name == "Authorization" })?.value != "Bearer \(token)" {
            return try await respond(
                401,
                [HTTPHeader("WWW-Authenticate", #"Bearer realm="http://127.0.0.1/token",service="fake",scope="repository:app:pull""#)])
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
            let headers = status == 206 ? [HTTPHeader("Content-Range", "bytes \(start)-\(blob.count - 1)/\(blob.count)")] : []
            if let limit = snapshot.breakAfter[digest] {
                state.withLock { $0.breakAfter[digest] = nil }
                let result = HTTPResponseHead(status: status, headers: headers)
                try await head(result)
                try await body(blob[start..<min(blob.count, start + limit)])
                throw NetworkError(code: .connectionFailed, reason: "broken on purpose", location: request.url.absoluteString)
            }
            return try await respond(status, headers, Array(blob[start...]))
        }
        return try await respond(404)
    }
}
