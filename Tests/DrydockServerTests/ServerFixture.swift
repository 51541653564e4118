import DrydockModel
import DrydockRepository
import DrydockServer
import DrydockTestSupport
import DrydockVulnDB
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging

/// A server over a fresh store of one kind, with a real DB built from the standard small feeds and three
/// tokens (`read-token-…`, `write-token-…`, `admin-token-…`).
struct ServerFixture {
    let server: DrydockServer
    let directory: String

    static let readToken = "read-token-0123456789"
    static let writeToken = "write-token-0123456789"
    static let adminToken = "admin-token-0123456789"

    static func make(_ kind: TestStoreKind, withDatabase: Bool = true, maxBody: Int = 8 << 20) async throws
        -> ServerFixture
    {
        let directory = try VulnDBTestSupport.makeScratchDirectory("server")
        let databasePath = (directory as NSString).appendingPathComponent("drydock.db")
        if withDatabase {
            try buildDatabase(at: databasePath, feeds: directory + "/feeds-v1") {
                try AdvisoryFeedFixtures.writeStandardFeeds(to: $0)
            }
        }
        let tokens = try AccessTokenSet.parse(
            "read reader \(readToken)\nwrite ci \(writeToken)\nadmin ops \(adminToken)\n", source: "tokens")
        let store = try await kind.makeStore()
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let configuration = ServerConfiguration(
            store: .sqlite(path: "unused"), databasePath: databasePath, tokens: tokens, maxBodySize: maxBody)
        return ServerFixture(
            server: DrydockServer(configuration: configuration, store: store, toolVersion: "test", logger: logger),
            directory: directory)
    }

    /// Builds a DB at `path` from the feeds `write` puts in `feeds`.
    static func buildDatabase(
        at path: String, feeds: String, builtAt: Date = Date(timeIntervalSince1970: 1.7e9),
        _ write: (String) throws -> [String]
    ) throws {
        try FileManager.default.createDirectory(atPath: feeds, withIntermediateDirectories: true)
        let sources = try write(feeds)
        _ = try DatabaseBuilder.build(output: path, sources: sources, builtAt: builtAt)
    }

    func close() async { await server.store.close() }

    /// Runs `body` with a router-level test client.
    func test<T>(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        let app = Application(router: server.router(), logger: server.logger)
        return try await app.test(.router) { client in try await body(client) }
    }
}

extension HTTPFields {
    /// `Authorization: Bearer TOKEN`.
    static func bearer(_ token: String) -> HTTPFields {
        [.authorization: "Bearer \(token)", .contentType: "application/json"]
    }
}

extension TestResponse {
    /// The body decoded as JSON.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONResponse.decoder.decode(T.self, from: Data(buffer: body))
    }

    /// The body as text.
    var text: String { String(buffer: body) }
}

/// JSON bytes of `value` as a request body.
func jsonBody(_ value: some Encodable) throws -> ByteBuffer {
    ByteBuffer(bytes: Array(try JSONResponse.encoder.encode(value)))
}
