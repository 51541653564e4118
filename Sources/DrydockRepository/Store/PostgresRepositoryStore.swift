import Foundation
import Logging
import NIOCore
import NIOSSL
import PostgresNIO
import Synchronization

/// The shared store for several server replicas: PostgreSQL through a postgres-nio connection pool.
/// `withExclusiveLock` is a session-level advisory lock, so exactly one replica runs the DB updater and the
/// rescans; migrations run under a transaction-level advisory lock, so replicas starting together agree.
public final class PostgresRepositoryStore: RepositoryStore {
    public let dialect = SQLDialect.postgres
    public let displayName: String
    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let logger: Logger
    /// How long a request waits for a pooled connection before PostgreSQL is probed with a connection of its own:
    /// while PostgreSQL is down (stopped, or restarting after a PANIC) the pool keeps trying to connect, and a
    /// request would otherwise wait for as long. A probe that connects means the wait is only the pool being busy
    /// (or a loaded host), and the request waits on, probing again at the same interval.
    public let leaseTimeout: Duration = .seconds(15)
    /// `nil` when the TLS context for it cannot be made (then a request waiting past ``leaseTimeout`` is refused).
    private let probeConfiguration: PostgresConnection.Configuration?

    /// Connects to the database `location` names (`postgres://user:password@host:port/database`); the pool
    /// opens connections on demand. Call ``migrate()`` before use.
    public init(location: StoreLocation.Postgres, logger: Logger = Logger(label: "drydock.store")) {
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: location.requireTLS ? .require(.makeClientConfiguration()) : .disable)
        configuration.options.maximumConnections = location.maxConnections
        configuration.options.connectTimeout = .seconds(5)
        let probeTLS: PostgresConnection.Configuration.TLS? =
            location.requireTLS
            ? (try? NIOSSLContext(configuration: .makeClientConfiguration())).map { .require($0) } : .disable
        self.probeConfiguration = probeTLS.map { tls in
            var probe = PostgresConnection.Configuration(
                host: location.host, port: location.port, username: location.user, password: location.password,
                database: location.database, tls: tls)
            probe.options.connectTimeout = .seconds(5)
            return probe
        }
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        self.displayName = location.displayName
        self.runner = Task { await client.run() }
    }

    public func read<T: Sendable>(_ body: @Sendable (any SQLSession) async throws -> T) async throws -> T {
        try await naming("read") {
            try await leased { connection in
                try await body(PostgresSession(connection: connection, logger: logger))
            }
        }
    }

    public func transaction<T: Sendable>(_ body: @Sendable (any SQLSession) async throws -> T) async throws -> T {
        try await naming("write") {
            try await leased { connection in
                try await PostgresSession(connection: connection, logger: logger).committing(begin: "BEGIN", body)
            }
        }
    }

    /// Runs `body` on a pooled connection. Past ``leaseTimeout`` without one, PostgreSQL is probed with a connection
    /// of its own: unreachable refuses the request with a storage error saying why; reachable (the pool is busy,
    /// or the host loaded) waits on and probes again after as long. Only the wait for a connection is bounded: a
    /// long transaction (a rescan's batch) runs to its end. Whichever comes first wins: a body that gets its
    /// connection after the refusal does not run, so a refused write is never stored.
    private func leased<T: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let client = client
        let timeout = leaseTimeout
        let name = displayName
        let probeConfiguration = probeConfiguration
        let logger = logger
        let refusal = { @Sendable (reason: String) in
            RepositoryError(
                .storage,
                "store \(name): unavailable (no connection within \(timeout.components.seconds) s, and PostgreSQL "
                    + "cannot be reached: \(reason))")
        }
        return try await withoutActuallyEscaping(body) { body in
            let state = LeaseState()
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask {
                    // A connection that comes after the refusal is handed back unused; the refusal is the answer.
                    try await client.withConnection { connection in
                        guard state.move(from: .waiting, to: .running) else { return nil }
                        return try await body(connection)
                    }
                }
                group.addTask {
                    while true {
                        try await Task.sleep(for: timeout)
                        guard state.isWaiting else { return nil }
                        guard let unreachable = await Self.probe(probeConfiguration, logger: logger) else { continue }
                        if state.move(from: .waiting, to: .timedOut) { throw refusal(unreachable) }
                        return nil
                    }
                }
                while let result = try await group.next() {
                    if let value = result {
                        group.cancelAll()
                        return value
                    }
                }
                throw refusal("the wait ended without a connection")
            }
        }
    }

    /// Connects once with `configuration` and closes: `nil` when that works, else why not.
    private static func probe(_ configuration: PostgresConnection.Configuration?, logger: Logger) async -> String? {
        guard let configuration else { return "no TLS context for a probe connection" }
        do {
            let connection = try await PostgresConnection.connect(
                configuration: configuration, id: 0, logger: logger)
            try? await connection.close()
            return nil
        } catch let error as PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            return error.underlying.map { "\($0)" } ?? "\(error.code)"
        } catch {
            return "\(error)"
        }
    }

    /// Runs `body`, turning a PostgreSQL error into a storage error that names the store and carries the server's
    /// message (postgres-nio's own description hides it), saying so when the disk is full (SQLSTATE 53100:
    /// `store postgres://…: cannot write (the disk is full (ENOSPC): could not extend file …: No space left on
    /// device [SQLSTATE 53100])`). The server answers it with 503 and that message rather than a bare 500.
    private func naming<T>(_ action: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PSQLError {
            let state = error.serverInfo?[.sqlState]
            let message = error.serverInfo?[.message] ?? "\(error.code)"
            let full = state == "53100" ? "the disk is full (ENOSPC): " : ""
            let code = state.map { " [SQLSTATE \($0)]" } ?? ""
            throw RepositoryError(.storage, "store \(displayName): cannot \(action) (\(full)\(message)\(code))")
        } catch let error where Self.isDriverError(error) {
            // The pool's own errors (a connection that could not be made or was lost), which are not `PSQLError`s.
            throw RepositoryError(.storage, "store \(displayName): cannot \(action) (\(error))")
        }
    }

    /// Whether `error` comes from postgres-nio or its connection pool (by its type's module).
    private static func isDriverError(_ error: any Error) -> Bool {
        let type = String(reflecting: Swift.type(of: error))
        return type.hasPrefix("PostgresNIO.") || type.hasPrefix("_ConnectionPoolModule.")
    }

    public func withExclusiveLock<T: Sendable>(_ name: String, _ body: @Sendable () async throws -> T)
        async throws -> T?
    {
        // A session lock lives as long as the connection that took it: hold that connection throughout.
        try await client.withConnection { connection in
            let session = PostgresSession(connection: connection, logger: logger)
            let key = SQLValue.text("drydock:\(name)")
            let row = try await session.first("SELECT pg_try_advisory_lock(hashtext($1))::int", [key])
            guard row?[0].int64 == 1 else { return nil }
            do {
                let value = try await body()
                try await session.execute("SELECT pg_advisory_unlock(hashtext($1))", [key])
                return value
            } catch {
                try? await session.execute("SELECT pg_advisory_unlock(hashtext($1))", [key])
                throw error
            }
        }
    }

    public func migrate() async throws {
        try await RepositoryMigrations.apply(to: self)
    }

    public func close() async {
        runner.cancel()
        _ = await runner.value
    }
}

/// Whether a request for a connection got one or timed out first; each request moves once, from waiting.
private final class LeaseState: Sendable {
    enum Phase: Int { case waiting, running, timedOut }
    private let phase = Atomic<Int>(Phase.waiting.rawValue)

    /// Whether neither side has moved yet.
    var isWaiting: Bool { phase.load(ordering: .sequentiallyConsistent) == Phase.waiting.rawValue }

    /// Moves from `old` to `new` if still at `old`; false when the other side moved first.
    func move(from old: Phase, to new: Phase) -> Bool {
        phase.compareExchange(expected: old.rawValue, desired: new.rawValue, ordering: .sequentiallyConsistent)
            .exchanged
    }
}

/// Statements on one leased connection.
struct PostgresSession: SQLSession {
    let connection: PostgresConnection
    let logger: Logger
    var dialect: SQLDialect { .postgres }

    func execute(_ sql: String, _ binds: [SQLValue]) async throws {
        try await connection.query(Self.query(sql, binds), logger: logger)
    }

    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        var rows: [SQLRow] = []
        for try await row in try await connection.query(Self.query(sql, binds), logger: logger) {
            rows.append(SQLRow(try row.map(Self.value)))
        }
        return rows
    }

    static func query(_ sql: String, _ binds: [SQLValue]) -> PostgresQuery {
        var bindings = PostgresBindings(capacity: binds.count)
        for bind in binds {
            switch bind {
            case .null: bindings.appendNull()
            case .integer(let value): bindings.append(value)
            case .real(let value): bindings.append(value)
            case .text(let value): bindings.append(value)
            case .blob(let value): bindings.append(ByteBuffer(bytes: value))
            }
        }
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }

    static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard var bytes = cell.bytes else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .bytea: return .blob(bytes.readBytes(length: bytes.readableBytes) ?? [])
        default: return .text(try cell.decode(String.self))
        }
    }
}
