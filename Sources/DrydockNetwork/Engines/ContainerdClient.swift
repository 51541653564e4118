import Foundation

/// A client for containerd's gRPC API on its Unix socket: the image records (images service) and blob
/// reads (content service), in one namespace.
public final class ContainerdClient: Sendable {
    /// The default socket of a system containerd.
    public static let defaultAddress = "/run/containerd/containerd.sock"
    /// The namespace used when `CONTAINERD_NAMESPACE` is unset.
    public static let defaultNamespace = "default"

    /// `unix://PATH`, naming the engine in errors.
    public let location: String
    /// The containerd namespace every call is made in.
    public let namespace: String
    private let connection: GRPCUnixConnection

    private init(connection: GRPCUnixConnection, location: String, namespace: String) {
        self.connection = connection
        self.location = location
        self.namespace = namespace
    }

    /// Connects to the socket at `address` (`/run/containerd/containerd.sock` or `unix://…`); `unreachable`
    /// when nothing listens there.
    public static func connect(address: String, namespace: String) async throws(EngineError) -> ContainerdClient {
        let endpoint = try EngineEndpoint.parse(address)
        guard case .unix(let path) = endpoint else {
            throw EngineError(
                code: .invalidInput, reason: "containerd is reached over a Unix socket (unix:///PATH)",
                location: address)
        }
        let location = endpoint.description
        try DockerEngineClient.checkSocket(path, location: location)
        let connection = try await GRPCUnixConnection.connect(path: path, location: location)
        return ContainerdClient(connection: connection, location: location, namespace: namespace)
    }

    /// Closes the connection.
    public func close() async {
        await connection.close()
    }

    private var metadata: [(String, String)] { [("containerd-namespace", namespace)] }

    /// The image records matching any of `filters` (containerd's filter syntax: `name=="docker.io/library/x:1"`).
    public func listImages(filters: [String]) async throws(EngineError) -> [ContainerdImageRecord] {
        var records: [ContainerdImageRecord] = []
        let request = ContainerdMessages.listImagesRequest(filters: filters)
        try await call("/containerd.services.images.v1.Images/List", request) { message in
            records += try decode { () throws(ProtobufError) in try ContainerdMessages.listImagesResponse(message) }
        }
        return records
    }

    /// Streams blob `digest` from the content store to `body` in the chunks containerd sends (up to 1 MiB);
    /// `notFound` when the store does not hold it.
    public func read(_ digest: String, body: (ArraySlice<UInt8>) async throws -> Void) async throws {
        var expected: Int64 = 0
        try await call(
            "/containerd.services.content.v1.Content/Read",
            ContainerdMessages.readContentRequest(digest: digest, offset: 0)
        ) { message in
            let chunk = try decode { () throws(ProtobufError) in try ContainerdMessages.readContentResponse(message) }
            guard chunk.offset == expected else {
                throw EngineError(
                    code: .protocolError,
                    reason: "content \(digest) arrived out of order (offset \(chunk.offset), expected \(expected))",
                    location: location)
            }
            expected += Int64(chunk.data.count)
            try await body(chunk.data)
        }
    }

    /// The whole of a small blob (manifest, index, config), refused past `limit` bytes.
    public func readAll(_ digest: String, limit: Int) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        try await read(digest) { chunk in
            guard bytes.count + chunk.count <= limit else {
                throw EngineError(
                    code: .protocolError, reason: "\(digest) is more than the \(limit)-byte limit for JSON documents",
                    location: location)
            }
            bytes += chunk
        }
        return bytes
    }

    private func call(
        _ method: String, _ request: [UInt8], onMessage: (ArraySlice<UInt8>) async throws -> Void
    ) async throws(EngineError) {
        do {
            try await connection.call(method, metadata: metadata, request: request, onMessage: onMessage)
        } catch let error as EngineError {
            throw error
        } catch {
            throw EngineError(code: .interrupted, reason: "\(method): \(error)", location: location)
        }
    }

    private func decode<T>(_ body: () throws(ProtobufError) -> T) throws(EngineError) -> T {
        do {
            return try body()
        } catch {
            throw EngineError(code: .protocolError, reason: "\(error)", location: location)
        }
    }
}
