import DrydockRepository
import Foundation

/// The two repository stores every store and API test runs against: a new SQLite file, or a new database
/// in the test PostgreSQL cluster (`PostgresServer`).
public enum TestStoreKind: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgres

    public var description: String { rawValue }

    /// A `--store` location for a new, empty store of this kind.
    public func makeLocation() throws -> String {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "drydock-store-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return "sqlite:" + directory.appendingPathComponent("repository.db").path
        case .postgres:
            return try PostgresServer.shared().makeDatabase()
        }
    }

    /// A new, empty, migrated store of this kind.
    public func makeStore() async throws -> any RepositoryStore {
        try await StoreLocation.parse(makeLocation()).open()
    }
}
