import AsyncHTTPClient
import DrydockRepository
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// The client side of `drydock server`: what `--server URL`, `push-sbom` and `query` send.
public final class DrydockServerClient: Sendable {
    public let baseURL: String
    private let token: String?
    private let client: HTTPClient

    /// A client for `baseURL` (`https://drydock.internal:8443`), sending `token` as a bearer token;
    /// `caCertificate` adds a PEM file of CAs to trust (a server with a private certificate).
    public init(baseURL: String, token: String?, caCertificate: String? = nil) throws {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = token
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caCertificate {
            tls.additionalTrustRoots = [.file(caCertificate)]
        }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(300))
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// Closes the connections.
    public func shutdown() async {
        try? await client.shutdown()
    }

    /// Sends a request and returns the status and body; connection failures throw ``ServerClientError``.
    public func send(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: [UInt8]? = nil,
        contentType: String = "application/json"
    ) async throws(ServerClientError) -> (status: Int, body: [UInt8]) {
        var components = URLComponents()
        components.queryItems = query.isEmpty ? nil : query.map { URLQueryItem(name: $0.0, value: $0.1) }
        let encodedQuery =
            components.percentEncodedQuery.map {
                "?" + $0.replacingOccurrences(of: "+", with: "%2B")
            } ?? ""
        var request = HTTPClientRequest(url: baseURL + path + encodedQuery)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            let response = try await client.execute(request, timeout: .seconds(600))
            var buffer = try await response.body.collect(upTo: 1 << 30)
            return (Int(response.status.code), buffer.readBytes(length: buffer.readableBytes) ?? [])
        } catch {
            throw ServerClientError(reason: "cannot reach drydock server \(baseURL): \(error)")
        }
    }

    /// Sends `value` as JSON and decodes a 2xx answer as `T`; any other status throws with the server's message.
    public func json<T: Decodable>(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: (some Encodable)? = nil as String?,
        as type: T.Type
    ) async throws(ServerClientError) -> T {
        let bytes: [UInt8]?
        do {
            bytes = try body.map { Array(try JSONResponse.encoder.encode($0)) }
        } catch {
            throw ServerClientError(reason: "cannot encode the request: \(error)")
        }
        let answer = try await send(method, path, query: query, body: bytes)
        try Self.check(answer, path: path)
        do {
            return try JSONResponse.decoder.decode(T.self, from: Data(answer.body))
        } catch {
            throw ServerClientError(
                reason: "drydock server answered \(path) with JSON this client cannot read: \(error)")
        }
    }

    /// Throws the server's error message unless `answer` is 2xx.
    public static func check(_ answer: (status: Int, body: [UInt8]), path: String) throws(ServerClientError) {
        guard !(200..<300).contains(answer.status) else { return }
        let detail = try? JSONResponse.decoder.decode(APIErrorBody.self, from: Data(answer.body))
        throw ServerClientError(
            reason: "drydock server answered \(path) with \(answer.status): "
                + (detail?.error.message ?? String(decoding: answer.body.prefix(300), as: UTF8.self)),
            status: answer.status, code: detail?.error.code, missingLayers: detail?.error.missingLayers)
    }
}

/// A request to the server failed: it could not be reached, or answered with an error.
public struct ServerClientError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    /// The HTTP status, when the server answered.
    public var status: Int?
    /// The API's error code (`unauthorized`, `missing-layers`, `nothing-to-check`, …).
    public var code: String?
    public var missingLayers: [String]?

    public init(reason: String, status: Int? = nil, code: String? = nil, missingLayers: [String]? = nil) {
        self.reason = reason
        self.status = status
        self.code = code
        self.missingLayers = missingLayers
    }

    public var description: String { reason }
}
