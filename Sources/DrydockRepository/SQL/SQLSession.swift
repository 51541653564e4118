/// The SQL dialect a store speaks: the few places where SQLite and PostgreSQL differ.
public enum SQLDialect: String, Sendable, Hashable {
    case sqlite
    case postgres
}

/// A connection lent for one read or one transaction: statements with `$1`, `$2`… placeholders.
///
/// The SQLite store rewrites `$N` to `?N`; statement texts are otherwise shared by both dialects, so every
/// query in the repository is written once.
public protocol SQLSession {
    /// The dialect, for the rare statement that must differ.
    var dialect: SQLDialect { get }
    /// Runs a statement that returns no rows.
    func execute(_ sql: String, _ binds: [SQLValue]) async throws
    /// Runs a query and returns all its rows.
    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow]
    /// Ends the current transaction after a failure, best effort (errors are dropped).
    func rollback() async
}

extension SQLSession {
    /// Runs a statement without binds.
    public func execute(_ sql: String) async throws { try await execute(sql, []) }

    /// `body` between `begin` (`BEGIN`, SQLite's `BEGIN IMMEDIATE`) and `COMMIT`; when it throws, `ROLLBACK` and
    /// the error. The stores' `transaction` on the session they hold.
    func committing<T>(begin: String, _ body: (any SQLSession) async throws -> T) async throws -> T {
        try await execute(begin)
        do {
            let value = try await body(self)
            try await execute("COMMIT")
            return value
        } catch {
            await rollback()
            throw error
        }
    }

    /// `ROLLBACK`, its error dropped.
    public func rollback() async {
        try? await execute("ROLLBACK")
    }

    /// The first row, or `nil`.
    public func first(_ sql: String, _ binds: [SQLValue] = []) async throws -> SQLRow? {
        try await query(sql, binds).first
    }

    /// Inserts one row and returns the generated `id` column (`RETURNING id`, which both dialects support).
    public func insertReturningID(_ sql: String, _ binds: [SQLValue]) async throws -> Int64 {
        guard let id = try await query(sql + " RETURNING id", binds).first?[0].int64 else {
            throw RepositoryError(.storage, "insert returned no id: \(sql.prefix(60))")
        }
        return id
    }

    /// Inserts `rows` with one multi-row `INSERT` per batch (`prefix` ends with `VALUES`), keeping each
    /// statement under both dialects' bind limits. `suffix` follows each batch (`ON CONFLICT DO NOTHING`).
    public func insertRows(_ prefix: String, rows: [[SQLValue]], suffix: String = "") async throws {
        guard let width = rows.first?.count, width > 0 else { return }
        let perBatch = max(1, SQL.valuesPerStatement / width)
        var start = 0
        while start < rows.count {
            let (values, binds) = SQL.valueRows(rows[start..<min(rows.count, start + perBatch)], width: width)
            try await execute(prefix + " " + values + " " + suffix, binds)
            start += perBatch
        }
    }
}

/// Helpers for statement texts.
public enum SQL {
    /// Bound values per multi-row statement. SQLite (through GRDB) binds a statement's arguments in time that
    /// grows faster than their count — a 30,000-value insert took seconds — so batches stay near a thousand.
    static let valuesPerStatement = 1_000

    /// `($1, $2), ($3, $4), …` for a multi-row `VALUES` of `rows`, `width` values each, and their binds in order.
    static func valueRows(_ rows: some Collection<[SQLValue]>, width: Int) -> (sql: String, binds: [SQLValue]) {
        var tuples: [String] = []
        var binds: [SQLValue] = []
        binds.reserveCapacity(rows.count * width)
        for row in rows {
            tuples.append("(" + placeholders(width, from: binds.count + 1) + ")")
            binds += row.prefix(width)
        }
        return (tuples.joined(separator: ", "), binds)
    }

    /// `$first, $first+1, …` for an `IN (…)` list of `count` binds.
    public static func placeholders(_ count: Int, from first: Int = 1) -> String {
        (0..<max(1, count)).map { "$\(first + $0)" }.joined(separator: ", ")
    }
}
