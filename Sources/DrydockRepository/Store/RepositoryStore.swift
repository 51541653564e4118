/// Where the SBOM repository keeps its data: SQLite (one file, no setup) or PostgreSQL (several server
/// replicas sharing one store). The two implementations differ only in how they reach the database; every
/// repository operation (`saveScan`, the queries, rescans, webhooks, exceptions) is written once, in
/// extensions of this protocol, over portable SQL.
public protocol RepositoryStore: Sendable {
    /// The dialect the store speaks.
    var dialect: SQLDialect { get }
    /// The store's location without secrets, for logs and errors (`sqlite:/var/lib/drydock/repo.db`).
    var displayName: String { get }

    /// Runs `body` on a connection (no transaction: each statement sees committed data).
    func read<T: Sendable>(_ body: @Sendable (any SQLSession) async throws -> T) async throws -> T

    /// Runs `body` in a transaction, committed when it returns and rolled back when it throws.
    func transaction<T: Sendable>(_ body: @Sendable (any SQLSession) async throws -> T) async throws -> T

    /// Runs `body` while holding the store-wide lock `name`, or returns `nil` at once when another process
    /// (or task) holds it: a PostgreSQL advisory lock, or a file lock beside the SQLite file.
    func withExclusiveLock<T: Sendable>(_ name: String, _ body: @Sendable () async throws -> T) async throws -> T?

    /// Applies the repository's migrations that this store has not seen yet (idempotent, safe to run from
    /// several processes at once).
    func migrate() async throws

    /// Checks that the store answers (`/readyz`).
    func ping() async throws

    /// Releases the store's connections.
    func close() async
}

extension RepositoryStore {
    public func ping() async throws {
        _ = try await read { session in try await session.query("SELECT 1", []) }
    }
}
