import DrydockNetwork
import Foundation
import Synchronization
import Testing

/// A transport whose every answer is endless (or claims a gigabyte): it counts what the client took before it
/// stopped the transfer by throwing.
final class EndlessTransport: HTTPTransport {
    /// The status of registry answers (`/v2/…`); `401` sends a Bearer challenge whose realm is `/token`.
    let status: Int
    /// The `Content-Length` registry answers claim, if any.
    let contentLength: Int?
    /// Bytes handed to the client so far.
    let delivered = Mutex(0)

    init(status: Int, contentLength: Int? = nil) {
        self.status = status
        self.contentLength = contentLength
    }

    func perform(
        _ request: HTTPRequest, body: @Sendable (ArraySlice<UInt8>) async throws -> Void
    ) async throws -> HTTPResponseHead {
        try await perform(request, head: { _ in }, body: body)
    }

    func perform(
        _ request: HTTPRequest, head: @Sendable (HTTPResponseHead) async throws -> Void,
        body: @Sendable (ArraySlice<UInt8>) async throws -> Void
    ) async throws -> HTTPResponseHead {
        var headers: [HTTPHeader] = []
        let token = request.url.path == "/token"
        let answer = token ? 200 : status
        if answer == 401 {
            // A short challenge: the endless part is the token server's answer.
            headers.append(HTTPHeader("WWW-Authenticate", #"Bearer realm="http://127.0.0.1:5000/token",service="x""#))
            let result = HTTPResponseHead(status: answer, headers: headers)
            try await head(result)
            try await body(Array(#"{"errors":[]}"#.utf8)[...])
            return result
        }
        if let contentLength, !token { headers.append(HTTPHeader("Content-Length", "\(contentLength)")) }
        let result = HTTPResponseHead(status: answer, headers: headers)
        try await head(result)
        let chunk = [UInt8](repeating: 0x20, count: 64 << 10)
        // A gigabyte, unless the client stops first (it must: the test fails on a client that read it all).
        while delivered.withLock({ $0 }) < 1 << 30 {
            delivered.withLock { $0 += chunk.count }
            try await body(chunk[...])
        }
        return result
    }
}

@Suite struct RegistryClientBoundsTests {
    static let reference = "127.0.0.1:5000/app:1.0"

    static func manifestError(_ transport: EndlessTransport) async throws -> NetworkError {
        let client = RegistryClient(transport: transport)
        do {
            _ = try await client.manifest(try ImageReference.parse(reference))
        } catch let error as NetworkError {
            return error
        }
        throw NetworkError(code: .invalidInput, reason: "the manifest was accepted", location: "")
    }

    @Test("an endless manifest is cut at 4 MiB with tooLarge naming the URL")
    func endlessManifest() async throws {
        let transport = EndlessTransport(status: 200)
        let error = try await Self.manifestError(transport)
        #expect(error.code == .tooLarge, "\(error)")
        #expect(error.location == "http://127.0.0.1:5000/v2/app/manifests/1.0")
        #expect(error.reason.contains("manifest 1.0 of 127.0.0.1:5000/app is larger than the 4 MiB"), "\(error)")
        #expect(transport.delivered.withLock { $0 } <= (4 << 20) + (64 << 10))
    }

    @Test("a manifest whose Content-Length is 1 GiB is refused before its body is read")
    func hugeManifest() async throws {
        let transport = EndlessTransport(status: 200, contentLength: 1 << 30)
        let error = try await Self.manifestError(transport)
        #expect(error.code == .tooLarge, "\(error)")
        #expect(transport.delivered.withLock { $0 } == 0)
    }

    @Test("an endless error document is read only up to the bound; the status is what is reported")
    func endlessErrorDocument() async throws {
        let transport = EndlessTransport(status: 404)
        let error = try await Self.manifestError(transport)
        #expect(error.code == .notFound, "\(error)")
        #expect(transport.delivered.withLock { $0 } <= (4 << 20) + (64 << 10))
    }

    @Test("an endless token answer is cut at 1 MiB with an error naming the token server")
    func endlessToken() async throws {
        let transport = EndlessTransport(status: 401)
        let error = try await Self.manifestError(transport)
        #expect(error.code == .tooLarge, "\(error)")
        #expect(error.location == "http://127.0.0.1:5000/token")
        #expect(error.reason.contains("the token server's answer is larger than the 1 MiB"), "\(error)")
        #expect(transport.delivered.withLock { $0 } <= (1 << 20) + (64 << 10))
    }

    @Test("a config blob longer than the manifest says is cut at that size")
    func endlessConfig() async throws {
        let transport = EndlessTransport(status: 200)
        let client = RegistryClient(transport: transport)
        let location = RegistryLocation(
            registry: "127.0.0.1:5000", repository: "app",
            endpoint: RegistryEndpoint(host: "127.0.0.1:5000", plainHTTP: true))
        await #expect(throws: NetworkError.self) {
            _ = try await client.blobBytes("sha256:" + String(repeating: "a", count: 64), at: location, size: 1000)
        }
        #expect(transport.delivered.withLock { $0 } <= 64 << 10)
    }
}
