import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// A client for the Docker Engine API, which Docker and Podman (its compatible service) both speak, over a
/// Unix socket or TCP (with Docker's TLS): inspect an image, and stream its `docker save` export.
///
/// The API version is negotiated like Docker's own client: `/_ping` tells the engine's version and every
/// later path is prefixed with it, so each request uses a version the engine accepts (Docker 29 refuses
/// versions before 1.44).
public final class DockerEngineClient: Sendable {
    /// The engine's address.
    public let endpoint: EngineEndpoint
    private let client: HTTPClient
    private let baseURL: String
    /// Largest JSON answer accepted (an inspect is a few KiB).
    static let maxDocumentSize = 16 << 20

    /// A client for `endpoint`; throws `invalidInput` when its TLS files cannot be loaded, `unreachable` when
    /// a Unix socket is absent or not a socket.
    public init(endpoint: EngineEndpoint, connectTimeout: Int64 = 5, readTimeout: Int64 = 120) throws(EngineError) {
        self.endpoint = endpoint
        var configuration = HTTPClient.Configuration()
        configuration.timeout = HTTPClient.Configuration.Timeout(
            connect: .seconds(connectTimeout), read: .seconds(readTimeout))
        configuration.httpVersion = .http1Only
        configuration.connectionPool.retryConnectionEstablishment = false
        switch endpoint {
        case .unix(let path):
            try Self.checkSocket(path, location: endpoint.description)
            baseURL = "http+unix://" + (path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? path)
        case .tcp(let host, let port, let tls):
            let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
            if let tls {
                configuration.tlsConfiguration = try Self.tlsConfiguration(tls, location: endpoint.description)
                baseURL = "https://\(authority)"
            } else {
                baseURL = "http://\(authority)"
            }
        }
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// Shuts the HTTP client down; call once, after the last request.
    public func shutdown() async {
        try? await client.shutdown()
    }

    /// Throws `unreachable` unless `path` is a Unix socket: the usual way an engine is "not running here".
    static func checkSocket(_ path: String, location: String) throws(EngineError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let reason =
                errno == ENOENT ? "no socket at \(path) (engine not running?)" : String(cString: strerror(errno))
            throw EngineError(code: .unreachable, reason: reason, location: location)
        }
        guard info.st_mode & S_IFMT == S_IFSOCK else {
            throw EngineError(code: .unreachable, reason: "\(path) is not a socket", location: location)
        }
    }

    private static func tlsConfiguration(_ tls: EngineTLS, location: String) throws(EngineError) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        do {
            if let ca = tls.caPath {
                configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(ca))
            }
            if let certificate = tls.certificatePath {
                configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) }
            }
            if let key = tls.keyPath {
                configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
            }
        } catch {
            throw EngineError(
                code: .invalidInput, reason: "cannot load the TLS files (ca.pem, cert.pem, key.pem): \(error)",
                location: location)
        }
        if !tls.verify { configuration.certificateVerification = .none }
        return configuration
    }

    /// The engine's API version from `/_ping` (`1.41` for Podman 4, `1.47` for Docker 27), or `nil` when the
    /// engine does not say (then unversioned paths are used).
    public func apiVersion() async throws(EngineError) -> String? {
        let (status, headers, _) = try await get("/_ping")
        guard status == 200 else {
            throw EngineError(
                code: .engineFailed, reason: "/_ping answered HTTP \(status); is this a Docker Engine API socket?",
                location: endpoint.description)
        }
        return headers.first(name: "Api-Version").flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Inspects image `name` (a reference or image ID) through API version `version`: `notFound` when the
    /// engine has no such image.
    public func inspect(_ name: String, version: String?) async throws(EngineError) -> EngineImageInspect {
        let path = Self.path(version: version, "/images/\(Self.escape(name))/json")
        let (status, _, body) = try await get(path)
        guard status == 200 else { throw failure(status: status, body: body, image: name) }
        do {
            return try EngineImageInspect.parse(body)
        } catch {
            throw EngineError(
                code: .protocolError, reason: "cannot read the inspect answer for \(name): \(error)",
                location: endpoint.description)
        }
    }

    /// Streams `docker save` of `name` (`GET /images/NAME/get`) to `body`, chunk by chunk; returns the byte count.
    public func export(
        _ name: String, version: String?, body: (UnsafeRawBufferPointer) throws -> Void
    ) async throws -> Int64 {
        let path = Self.path(version: version, "/images/\(Self.escape(name))/get")
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request(path), deadline: .distantFuture)
        } catch {
            throw EngineError(code: .unreachable, reason: "export failed: \(error)", location: endpoint.description)
        }
        guard response.status.code == 200 else {
            let bytes = (try? await response.body.collect(upTo: Self.maxDocumentSize)).map {
                Array($0.readableBytesView)
            }
            throw failure(status: Int(response.status.code), body: bytes ?? [], image: name)
        }
        var total: Int64 = 0
        do {
            for try await chunk in response.body {
                total += Int64(chunk.readableBytes)
                try chunk.withUnsafeReadableBytes { try body($0) }
            }
        } catch let error as EngineError {
            throw error
        } catch let error as HTTPClientError where error == .readTimeout {
            throw EngineError(
                code: .interrupted, reason: "the export of \(name) stalled (no data for the read timeout)",
                location: endpoint.description)
        } catch let error as HTTPClientError {
            throw EngineError(
                code: .interrupted, reason: "the export of \(name) broke off after \(total) bytes: \(error)",
                location: endpoint.description)
        }
        return total
    }

    private func get(_ path: String) async throws(EngineError) -> (Int, HTTPHeaders, [UInt8]) {
        do {
            let response = try await client.execute(request(path), deadline: .now() + .seconds(300))
            let body = try await response.body.collect(upTo: Self.maxDocumentSize)
            return (Int(response.status.code), response.headers, Array(body.readableBytesView))
        } catch {
            throw EngineError(code: .unreachable, reason: "cannot connect: \(error)", location: endpoint.description)
        }
    }

    private func request(_ path: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: baseURL + path)
        request.headers.add(name: "User-Agent", value: "drydock")
        // Docker requires a Host header; over a Unix socket any name does.
        if case .unix = endpoint { request.headers.replaceOrAdd(name: "Host", value: "docker") }
        return request
    }

    /// An error for a non-200 answer, with the engine's own `message`.
    private func failure(status: Int, body: [UInt8], image: String) -> EngineError {
        let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
        let message = (object?["message"] as? String) ?? String(decoding: body.prefix(200), as: UTF8.self)
        let code: EngineError.Code = status == 404 ? .notFound : .engineFailed
        let reason = status == 404 ? "no image \(image) (\(message))" : "HTTP \(status): \(message)"
        return EngineError(code: code, reason: reason, location: endpoint.description)
    }

    static func path(version: String?, _ rest: String) -> String {
        guard let version else { return rest }
        return "/v\(version)\(rest)"
    }

    /// Percent-encodes what may not appear in a path segment; `/`, `:` and `@` of references stay.
    static func escape(_ name: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/:@")
        return name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name
    }
}

/// What an engine's image inspect says about an image (Docker's `ImageInspect`, which Podman also returns).
public struct EngineImageInspect: Sendable, Hashable {
    /// `Id`: `sha256:` of the image config.
    public var id: String
    /// `RepoTags`.
    public var repoTags: [String]
    /// `RepoDigests` (`name@sha256:…`).
    public var repoDigests: [String]
    /// `Os`, `Architecture`, `Variant`.
    public var os: String?
    /// `Architecture`.
    public var architecture: String?
    /// `Variant` (`v8`), when any.
    public var variant: String?
    /// `RootFS.Layers`: the diffIDs.
    public var diffIDs: [String]

    /// `os/arch[/variant]`, when the engine says.
    public var platform: String? {
        guard let os, let architecture else { return nil }
        return [os, architecture, variant].compactMap { $0.flatMap { $0.isEmpty ? nil : $0 } }.joined(separator: "/")
    }

    /// Parses an inspect answer; the ID gains `sha256:` when the engine leaves it bare.
    public static func parse(_ bytes: [UInt8]) throws -> EngineImageInspect {
        guard let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
            let id = object["Id"] as? String, !id.isEmpty
        else {
            throw EngineError(code: .protocolError, reason: "the answer has no image Id", location: "inspect")
        }
        let rootFS = object["RootFS"] as? [String: Any]
        return EngineImageInspect(
            id: id.contains(":") ? id : "sha256:" + id,
            repoTags: object["RepoTags"] as? [String] ?? [],
            repoDigests: object["RepoDigests"] as? [String] ?? [],
            os: object["Os"] as? String, architecture: object["Architecture"] as? String,
            variant: object["Variant"] as? String,
            diffIDs: rootFS?["Layers"] as? [String] ?? [])
    }
}
