import Foundation
import GRDB

/// What changed between two builds of the DB: the advisories whose record, affected rows or aliases differ,
/// and the (namespace, name key) pairs those advisories file packages under in either build — the packages
/// a rescan must match again.
public struct DatabaseDiff: Sendable, Hashable {
    /// Advisory IDs added, removed or changed.
    public var changedAdvisories: Set<String>
    /// `(namespace, name_key)` pairs of the changed advisories' affected rows, old and new.
    public var changedPackages: Set<PackageKey>

    /// One namespace and package-name key (`PackageNameKey.make`).
    public struct PackageKey: Sendable, Hashable {
        public var namespace: String
        public var nameKey: String
    }

    /// Compares the DB file `old` with `new` (same schema version) in SQL: `EXCEPT` over the advisories,
    /// affected rows (without their row IDs, which differ between builds) and aliases, both ways.
    public static func compare(old: String, new: String) throws(VulnDBError) -> DatabaseDiff {
        do {
            var configuration = Configuration()
            configuration.readonly = false
            let queue = try DatabaseQueue(path: ":memory:", configuration: configuration)
            return try queue.inDatabase { db in
                try db.execute(sql: "ATTACH DATABASE ? AS new", arguments: [new])
                try db.execute(sql: "ATTACH DATABASE ? AS old", arguments: [old])
                let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info('affected', 'new')")
                    .filter { $0 != "id" }.joined(separator: ", ")
                try db.execute(
                    sql: """
                        CREATE TEMP TABLE changed AS
                        SELECT id FROM (SELECT * FROM new.advisories EXCEPT SELECT * FROM old.advisories)
                        UNION SELECT id FROM (SELECT * FROM old.advisories EXCEPT SELECT * FROM new.advisories)
                        UNION SELECT advisory_id FROM (SELECT \(columns) FROM new.affected EXCEPT SELECT \(columns) FROM old.affected)
                        UNION SELECT advisory_id FROM (SELECT \(columns) FROM old.affected EXCEPT SELECT \(columns) FROM new.affected)
                        UNION SELECT advisory_id FROM (SELECT * FROM new.aliases EXCEPT SELECT * FROM old.aliases)
                        UNION SELECT advisory_id FROM (SELECT * FROM old.aliases EXCEPT SELECT * FROM new.aliases)
                        """)
                let ids = Set(try String.fetchAll(db, sql: "SELECT id FROM temp.changed"))
                var keys: Set<PackageKey> = []
                for schema in ["new", "old"] {
                    let rows = try Row.fetchAll(
                        db,
                        sql: """
                            SELECT DISTINCT namespace, name_key FROM \(schema).affected
                            WHERE advisory_id IN (SELECT id FROM temp.changed)
                            """)
                    for row in rows { keys.insert(PackageKey(namespace: row[0], nameKey: row[1])) }
                }
                return DatabaseDiff(changedAdvisories: ids, changedPackages: keys)
            }
        } catch {
            throw VulnDBError(
                code: .databaseFailure, reason: "cannot compare vulnerability DBs \(old) and \(new)",
                location: new, underlying: String(describing: error))
        }
    }
}
