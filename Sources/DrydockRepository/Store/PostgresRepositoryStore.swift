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
    /// How long a request waits for a pooled connection before the store connects to PostgreSQL directly: while
    /// PostgreSQL is down (stopped, or restarting after a PANIC) the pool keeps trying to connect, and a request
    /// would otherwise wait for as long; once PostgreSQL is back, the pool may still be backing off.
    public let leaseTimeout: Duration = .seconds(15)
    /// How many requests at once may run on a direct connection (made past ``leaseTimeout``); the others wait on.
    public static let maximumDirectConnections = 4
    /// `nil` when the TLS context for it cannot be made (then a request waiting past ``leaseTimeout`` is refused).
    private let directConfiguration: PostgresConnection.Configuration?
    private let direct = DirectConnectionSlots(maximum: PostgresRepositoryStore.maximumDirectConnections)
    /// Set by ``close()``: later requests are refused, and none falls back to a direct connection.
    private let closed = ClosedFlag()

    /// Connects to the database `location` names (`postgres://user:password@host:port/database`); the pool
    /// opens connections on demand. Call ``migrate()`` before use.
    public init(location: StoreLocation.Postgres, logger: Logger = Logger(label: "drydock.store")) {
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: location.requireTLS ? .require(.makeClientConfiguration()) : .disable)
        configuration.options.maximumConnections = location.maxConnections
        configuration.options.connectTimeout = .seconds(5)
        let directTLS: PostgresConnection.Configuration.TLS? =
            location.requireTLS
            ? (try? NIOSSLContext(configuration: .makeClientConfiguration())).map { .require($0) } : .disable
        self.directConfiguration = directTLS.map { tls in
            var direct = PostgresConnection.Configuration(
                host: location.host, port: location.port, username: location.user, password: location.password,
                database: location.database, tls: tls)
            direct.options.connectTimeout = .seconds(5)
            return direct
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

    /// Runs `body` on a pooled connection. Past ``leaseTimeout`` without one, or at once when the pool gives up
    /// (its circuit breaker opens after its connection attempts have failed for a while), the store connects to
    /// PostgreSQL directly: when that fails the request is refused with a storage error saying why; when it works
    /// the request runs on that connection (at most ``maximumDirectConnections`` at once; beyond them it waits on
    /// and tries again after ``leaseTimeout``). The direct connection matters after PostgreSQL restarts: the pool
    /// backs off between its own attempts (up to a minute) and fails requests until one succeeds, while PostgreSQL
    /// is already up again. Only the wait for a connection is bounded: a long transaction (a rescan's batch) runs
    /// to its end. Whichever comes first wins: a body whose pooled connection comes after the refusal, or after
    /// the direct connection, does not run, so a refused write is never stored and no write runs twice.
    private func leased<T: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let client = client
        let timeout = leaseTimeout
        let name = displayName
        let directConfiguration = directConfiguration
        let direct = direct
        let logger = logger
        let closed = closed
        guard !closed.isSet else { throw RepositoryError(.storage, "store \(name): closed") }
        return try await withoutActuallyEscaping(body) { body in
            let state = LeaseState()
            /// `body` on a connection of its own: its value; `nil` when another path won or every direct slot is
            /// taken (`state` still waiting); throws the refusal when PostgreSQL cannot be reached.
            let viaDirect = { @Sendable (why: String) async throws -> T? in
                // A closed store (its pool shut down) makes no connection.
                guard !closed.isSet else {
                    guard state.move(from: .waiting, to: .timedOut) else { return nil }
                    throw RepositoryError(.storage, "store \(name): closed")
                }
                // Every slot taken means requests run on direct connections: PostgreSQL is up, wait on.
                guard direct.acquire() else { return nil }
                defer { direct.release() }
                let connection: PostgresConnection
                switch await Self.connect(directConfiguration, logger: logger) {
                case .failure(let unreachable):
                    guard state.move(from: .waiting, to: .timedOut) else { return nil }
                    throw RepositoryError(
                        .storage, "store \(name): unavailable (PostgreSQL cannot be reached: \(unreachable.reason))")
                case .success(let made):
                    connection = made
                }
                guard state.move(from: .waiting, to: .running) else {
                    try? await connection.close()
                    return nil
                }
                logger.notice(
                    "store \(name): \(why); PostgreSQL is reachable: the request runs on a connection of its own")
                do {
                    let value = try await body(connection)
                    try? await connection.close()
                    return value
                } catch {
                    try? await connection.close()
                    throw error
                }
            }
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask {
                    do {
                        // A connection that comes after the other path won is handed back unused.
                        return try await client.withConnection { connection in
                            guard state.move(from: .waiting, to: .running) else { return nil }
                            return try await body(connection)
                        }
                    } catch {
                        // Failed without a connection (not by the body): the pool's circuit breaker is open.
                        guard state.isWaiting, !Task.isCancelled else { throw error }
                        return try await viaDirect("the pool gave up connecting (\(error))")
                    }
                }
                group.addTask {
                    while true {
                        try await Task.sleep(for: timeout)
                        guard state.isWaiting else { return nil }
                        if let value = try await viaDirect(
                            "no pooled connection within \(timeout.components.seconds) s")
                        {
                            return value
                        }
                        guard state.isWaiting else { return nil }
                    }
                }
                while let result = try await group.next() {
                    if let value = result {
                        group.cancelAll()
                        return value
                    }
                }
                throw RepositoryError(.storage, "store \(name): unavailable (the wait ended without a connection)")
            }
        }
    }

    /// Why a direct connection could not be made.
    private struct Unreachable: Error {
        let reason: String
    }

    /// Connects once with `configuration`: the connection, or why not.
    private static func connect(_ configuration: PostgresConnection.Configuration?, logger: Logger) async -> Result<
        PostgresConnection, Unreachable
    > {
        guard let configuration else { return .failure(Unreachable(reason: "no TLS context for a direct connection")) }
        do {
            return .success(try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger))
        } catch let error as PSQLError {
            if let message = error.serverInfo?[.message] { return .failure(Unreachable(reason: message)) }
            return .failure(Unreachable(reason: error.underlying.map { "\($0)" } ?? "\(error.code)"))
        } catch {
            return .failure(Unreachable(reason: "\(error)"))
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
            // Without the server's message (a lost connection): the code, and what the driver says of its cause.
            let message = error.serverInfo?[.message] ?? "\(error.code)" + (error.underlying.map { ": \($0)" } ?? "")
            let full = state == "53100" ? "the disk is full (ENOSPC): " : ""
            let code = state.map { " [SQLSTATE \($0)]" } ?? ""
            throw RepositoryError(.storage, "store \(displayName): cannot \(action) (\(full)\(message)\(code))")
        } catch is PostgresSession.ConnectionClosed {
            throw RepositoryError(
                .storage, "store \(displayName): cannot \(action) (the connection to PostgreSQL closed)")
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
        // A session lock lives as long as the connection that took it: hold that connection throughout. Its wait
        // is bounded as a request's is (``leased(_:)``), so a rescan does not wait for good on a stopped PostgreSQL.
        try await naming("lock") {
            try await leased { connection in
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
    }

    public func migrate() async throws {
        try await RepositoryMigrations.apply(to: self)
    }

    public func close() async {
        closed.set()
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

/// Counts the direct connections in use, up to a maximum.
private final class DirectConnectionSlots: Sendable {
    private let used = Atomic<Int>(0)
    let maximum: Int

    init(maximum: Int) { self.maximum = maximum }

    /// Takes a slot; false when all are taken.
    func acquire() -> Bool {
        var current = used.load(ordering: .relaxed)
        while current < maximum {
            let (exchanged, original) = used.compareExchange(
                expected: current, desired: current + 1, ordering: .acquiringAndReleasing)
            if exchanged { return true }
            current = original
        }
        return false
    }

    func release() { used.subtract(1, ordering: .acquiringAndReleasing) }
}

/// Statements on one leased connection.
struct PostgresSession: SQLSession {
    let connection: PostgresConnection
    let logger: Logger
    var dialect: SQLDialect { .postgres }

    /// A statement was not sent: its connection had closed (PostgreSQL stopped or ended the session).
    struct ConnectionClosed: Error {}

    func execute(_ sql: String, _ binds: [SQLValue]) async throws {
        try checkOpen()
        try await connection.query(Self.query(sql, binds), logger: logger)
    }

    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try checkOpen()
        var rows: [SQLRow] = []
        for try await row in try await connection.query(Self.query(sql, binds), logger: logger) {
            rows.append(SQLRow(try row.map(Self.value)))
        }
        return rows
    }

    /// How long a `ROLLBACK` after a failure may go unanswered before the connection is closed instead.
    static let rollbackTimeout: Duration = .seconds(10)

    /// `ROLLBACK`, bounded: when PostgreSQL ends the session (a PANIC, an administrator's termination) the failed
    /// statement's error can arrive before the connection closes, and a `ROLLBACK` sent in between is never
    /// answered (postgres-nio drops its write unseen). Past ``rollbackTimeout`` the connection is closed — which
    /// rolls the transaction back just as well — so the request gets its answer and the pool drops the connection.
    func rollback() async {
        guard !connection.isClosed else { return }
        let connection = connection
        let logger = logger
        let once = OnceFlag()
        await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
            let timer = Task {
                try? await Task.sleep(for: Self.rollbackTimeout)
                guard once.claim() else { return }
                try? await connection.close()
                finished.resume()
            }
            Task {
                _ = try? await connection.query(Self.query("ROLLBACK", []), logger: logger)
                guard once.claim() else { return }
                timer.cancel()
                finished.resume()
            }
        }
    }

    /// Throws ``ConnectionClosed`` when the connection has closed. postgres-nio hands a statement to the channel
    /// without waiting for the write; on a channel already closed and torn down the write fails unseen and the
    /// statement's answer never comes (seen as a request hung for good when PostgreSQL PANICked mid-transaction:
    /// the ROLLBACK after the failed statement went to the closed connection).
    private func checkOpen() throws {
        if connection.isClosed { throw ConnectionClosed() }
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
