import Foundation

/// The throwaway PostgreSQL cluster of `scripts/postgres/start` (loopback, trust authentication), started
/// once per test process and stopped when it exits. Each test asks for its own database
/// (``makeDatabase()``), so tests never see each other's rows.
///
/// When the cluster cannot be started (PostgreSQL missing and not installable), `shared()` throws with the
/// script's reason, so the PostgreSQL half of the store tests fails rather than passes silently.
public final class PostgresServer: Sendable {
    /// The cluster's loopback port.
    public let port: Int
    /// The superuser the cluster trusts.
    public let user: String
    /// The state directory of the start script.
    public let state: URL

    init(state: URL, port: Int, user: String) {
        self.state = state
        self.port = port
        self.user = user
    }

    nonisolated(unsafe) private static var started: Result<PostgresServer, RegistryServerError>?
    private static let lock = NSLock()
    nonisolated(unsafe) private static var databases = 0

    /// The running cluster, started on first use (bounded: the script times out every wait).
    public static func shared() throws -> PostgresServer {
        lock.lock()
        defer { lock.unlock() }
        if let started { return try started.get() }
        let result = Result { () throws(RegistryServerError) -> PostgresServer in try start() }
        started = result
        return try result.get()
    }

    /// A new empty database in the cluster; returns its `postgres://` store location.
    public func makeDatabase() throws -> String {
        Self.lock.lock()
        Self.databases += 1
        let name = "drydock_test_\(getpid())_\(Self.databases)"
        Self.lock.unlock()
        try psql("CREATE DATABASE \(name)")
        return url(database: name)
    }

    /// `postgres://USER@127.0.0.1:PORT/DATABASE`.
    public func url(database: String) -> String {
        "postgres://\(user)@127.0.0.1:\(port)/\(database)"
    }

    /// Runs one SQL statement with `psql` against the `postgres` database.
    public func psql(_ sql: String, database: String = "postgres") throws {
        let binary = Self.binDirectory(state) + "/psql"
        let result = try ProcessRunner.run(
            binary,
            ["-h", "127.0.0.1", "-p", "\(port)", "-U", user, "-d", database, "-v", "ON_ERROR_STOP=1", "-qc", sql])
        guard result.status == 0 else {
            throw RegistryServerError(description: "psql \(sql) failed: \(result.stderr)")
        }
    }

    static func binDirectory(_ state: URL) -> String {
        let text = (try? String(contentsOf: state.appendingPathComponent("bin"), encoding: .utf8)) ?? ""
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func start() throws(RegistryServerError) -> PostgresServer {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent(
            "drydock-postgres-\(UUID().uuidString)")
        let (env, output) = try ServiceScript.start("postgres", state: state)
        atexit {
            if let state = PostgresServer.started.flatMap({ try? $0.get() })?.state {
                ServiceScript.stop("postgres", state: state)
            }
        }
        guard let port = env["PG_PORT"].flatMap(Int.init), let user = env["PG_USER"] else {
            throw RegistryServerError(description: "scripts/postgres/start wrote no PG_PORT/PG_USER: \(output)")
        }
        return PostgresServer(state: state, port: port, user: user)
    }
}
