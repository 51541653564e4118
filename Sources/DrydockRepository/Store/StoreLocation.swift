import Foundation

/// Where the repository lives, from `--store`: `sqlite:PATH` or `postgres://user:password@host:port/db`.
public enum StoreLocation: Sendable, Hashable {
    case sqlite(path: String)
    case postgres(Postgres)

    /// A PostgreSQL connection's parameters.
    public struct Postgres: Sendable, Hashable {
        public var host: String
        public var port: Int
        public var user: String
        public var password: String?
        public var database: String
        /// `sslmode=require` (or `verify-full`): connect with TLS or not at all.
        public var requireTLS: Bool
        /// The pool's size per server process (`pool_max=`; default 10).
        public var maxConnections: Int

        /// The location without the password.
        public var displayName: String { "postgres://\(user)@\(host):\(port)/\(database)" }
    }

    /// Reads a `--store` value; the error says which form was expected.
    public static func parse(_ text: String) throws(RepositoryError) -> StoreLocation {
        if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw RepositoryError(.location, "--store sqlite: needs a path (sqlite:PATH)") }
            return .sqlite(path: path)
        }
        guard text.hasPrefix("postgres://") || text.hasPrefix("postgresql://"),
            let components = URLComponents(string: text), let host = components.host, !host.isEmpty
        else {
            throw RepositoryError(
                .location,
                "--store \(redacted(text)): expected sqlite:PATH or postgres://USER[:PASSWORD]@HOST[:PORT]/DB")
        }
        let database = String(components.path.drop { $0 == "/" })
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let mode = query["sslmode"] ?? "disable"
        guard ["disable", "require", "verify-full"].contains(mode) else {
            throw RepositoryError(
                .location, "--store: sslmode=\(mode) is not supported (disable, require, verify-full)")
        }
        let pool = query["pool_max"].flatMap(Int.init) ?? 10
        return .postgres(
            Postgres(
                host: host, port: components.port ?? 5432, user: components.user ?? "postgres",
                password: components.password, database: database.isEmpty ? (components.user ?? "postgres") : database,
                requireTLS: mode != "disable", maxConnections: max(1, pool)))
    }

    /// `text` with any password replaced by `***`.
    static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? text
    }

    /// Opens the store and applies its migrations.
    public func open() async throws -> any RepositoryStore {
        let store: any RepositoryStore
        switch self {
        case .sqlite(let path): store = try SQLiteRepositoryStore(path: path)
        case .postgres(let location): store = PostgresRepositoryStore(location: location)
        }
        do {
            try await store.migrate()
        } catch {
            await store.close()
            throw RepositoryError(.storage, "cannot prepare store \(store.displayName)", underlying: error)
        }
        return store
    }
}
