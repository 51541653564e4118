import DrydockVulnDB
import Foundation
import GRDB

/// The embedded store: one SQLite file (WAL), no setup. Sessions are serialised on one connection, which
/// SQLite's single writer needs anyway; `withExclusiveLock` takes an `flock` on `PATH.NAME.lock`.
public final class SQLiteRepositoryStore: RepositoryStore {
    public let dialect = SQLDialect.sqlite
    public let path: String
    private let queue: DatabaseQueue
    private let gate = SerialGate()
    private let closed = ClosedFlag()

    public var displayName: String { "sqlite:\(path)" }

    /// Opens (creating when missing) the store at `path`; call ``migrate()`` before use.
    public init(path: String) throws(RepositoryError) {
        self.path = path
        var configuration = Configuration()
        // Transactions span several `inDatabase` calls (a session awaits between statements); the gate
        // guarantees no other session runs on the connection meanwhile.
        configuration.allowsUnsafeTransactions = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON")
        }
        do {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                try PrivateDirectory.create(atPath: folder)
            }
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            // Opening a WAL file sizes its shared-memory index, which fails as a bare `disk I/O error` when the
            // file system has no room: say so.
            let full =
                Self.hasNoRoom(folderOf: path) ? ": the disk is full (ENOSPC: no space left on its file system)" : ""
            throw RepositoryError(.storage, "cannot open store sqlite:\(path)\(full)", underlying: error)
        }
    }

    /// Whether the file system holding `path`'s folder has no block left for this user.
    static func hasNoRoom(folderOf path: String) -> Bool {
        var stats = statvfs()
        let folder = (path as NSString).deletingLastPathComponent
        return statvfs(folder.isEmpty ? "." : folder, &stats) == 0 && stats.f_bavail == 0
    }

    public func read<T: Sendable>(_ body: @Sendable (any SQLSession) async throws -> T) async throws -> T {
        let session = SQLiteSession(queue: queue)
        return try await naming("read") { try await gate.withGate { try await body(session) } }
    }

    public func transaction<T: Sendable>(_ body: @Sendable (any SQLSession) async throws -> T) async throws -> T {
        let session = SQLiteSession(queue: queue)
        return try await naming("write") {
            try await gate.withGate { try await session.committing(begin: "BEGIN IMMEDIATE", body) }
        }
    }

    /// Runs `body`, turning an SQLite failure into a storage error that names the store and says when the disk
    /// is full (`store sqlite:PATH: cannot write (the disk is full (ENOSPC): SQLite error 13: …)`), which the
    /// server answers with 503 and that message rather than a bare 500.
    private func naming<T: Sendable>(_ action: String, _ body: () async throws -> T) async throws -> T {
        // The closed connection would answer SQLITE_MISUSE, whose message is "out of memory".
        guard !closed.isSet else { throw RepositoryError(.storage, "store \(displayName): closed") }
        do {
            return try await body()
        } catch let error as DatabaseError {
            throw RepositoryError(.storage, "store \(displayName): cannot \(action) (\(SQLiteFailure.describe(error)))")
        }
    }

    public func withExclusiveLock<T: Sendable>(_ name: String, _ body: @Sendable () async throws -> T)
        async throws -> T?
    {
        let lockPath = "\(path).\(name).lock"
        let descriptor = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw RepositoryError(.storage, "cannot open lock file \(lockPath): errno \(errno)")
        }
        defer { Glibc.close(descriptor) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { return nil }
        defer { flock(descriptor, LOCK_UN) }
        return try await body()
    }

    public func migrate() async throws {
        try await RepositoryMigrations.apply(to: self)
    }

    public func close() async {
        closed.set()
        try? queue.close()
    }
}

/// Statements on the store's one connection. Not `Sendable`: it lives inside one session's closure.
struct SQLiteSession: SQLSession {
    let queue: DatabaseQueue
    var dialect: SQLDialect { .sqlite }

    func execute(_ sql: String, _ binds: [SQLValue]) async throws {
        let text = Self.rewrite(sql)
        let arguments = StatementArguments(binds.map(Self.databaseValue))
        try queue.inDatabase { db in try db.execute(sql: text, arguments: arguments) }
    }

    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        let text = Self.rewrite(sql)
        let arguments = StatementArguments(binds.map(Self.databaseValue))
        return try queue.inDatabase { db in
            try Row.fetchAll(db, sql: text, arguments: arguments).map { row in
                SQLRow(row.databaseValues.map(Self.value))
            }
        }
    }

    /// `$12` → `?12`: SQLite's numbered parameters mean the same as PostgreSQL's. When the statement names
    /// `$1, $2, …` each once and in order (every multi-row insert and update), they become plain `?`: SQLite
    /// looks a numbered parameter's name up by a linear search, and GRDB asks the name of each one, so a
    /// statement of a thousand `?NNN` costs a million steps to bind. Byte-wise: every byte of interest is ASCII.
    static func rewrite(_ sql: String) -> String {
        guard sql.utf8.contains(UInt8(ascii: "$")) else { return sql }
        let dollar = UInt8(ascii: "$")
        let quote = UInt8(ascii: "'")
        let source = Array(sql.utf8)
        // Whether the parameters run 1, 2, 3, … once each.
        var sequential = true
        var expected = 1
        var index = 0
        var previous = UInt8(ascii: " ")
        while index < source.count {
            let byte = source[index]
            if byte == dollar && previous != quote {
                var number = 0
                var end = index + 1
                while end < source.count, source[end] >= 48, source[end] <= 57 {
                    number = number * 10 + Int(source[end] - 48)
                    end += 1
                }
                if number != expected { sequential = false }
                expected += 1
            }
            previous = byte
            index += 1
        }
        var out: [UInt8] = []
        out.reserveCapacity(source.count)
        index = 0
        previous = UInt8(ascii: " ")
        while index < source.count {
            let byte = source[index]
            if byte == dollar && previous != quote {
                out.append(UInt8(ascii: "?"))
                index += 1
                if sequential {
                    while index < source.count, source[index] >= 48, source[index] <= 57 { index += 1 }
                }
                previous = byte
                continue
            }
            out.append(byte)
            previous = byte
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func databaseValue(_ value: SQLValue) -> DatabaseValue {
        switch value {
        case .null: return .null
        case .integer(let value): return value.databaseValue
        case .real(let value): return value.databaseValue
        case .text(let value): return value.databaseValue
        case .blob(let value): return Data(value).databaseValue
        }
    }

    static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: return .null
        case .int64(let value): return .integer(value)
        case .double(let value): return .real(value)
        case .string(let value): return .text(value)
        case .blob(let data): return .blob(Array(data))
        }
    }
}
