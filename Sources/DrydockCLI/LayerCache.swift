import DrydockCatalog
import DrydockVulnDB
import Foundation
import GRDB
import Synchronization

/// The layer cache on disk: `CACHE_DIR/layers.db`, an SQLite file (WAL mode) of `LayerAnalysis` values keyed
/// by layer diffID and by Drydock's version plus the analyzers' names and versions.
///
/// Several drydock processes may use it at once: every change is one `IMMEDIATE` transaction and a locked
/// file is waited for (busy timeout). Its stored entries are kept under `maxSize` bytes by evicting the
/// least recently used. It never fails a scan: a corrupt file is deleted and recreated with a warning, and
/// any other problem is a warning and a cache miss.
final class LayerCache: LayerAnalysisCache {
    /// The file name inside the cache directory.
    static let fileName = "layers.db"
    /// The files SQLite keeps for `layers.db`: what `drydock clean --cache` removes.
    static let fileSuffixes = ["", "-wal", "-shm", "-journal"]
    /// The default bound on stored entries: 512 MiB.
    static let defaultMaxSize: Int64 = 512 << 20
    /// `PRAGMA user_version` of the current layout; a file with another one is emptied and rebuilt.
    static let schemaVersion = 1

    /// The database file.
    let path: String
    /// The most bytes of entries kept.
    let maxSize: Int64
    /// Prefix of every analyzer key: entries written by another Drydock version are never read.
    let keyPrefix: String
    private let warn: @Sendable (String) -> Void
    private let state: Mutex<DatabaseQueue?>

    /// Opens (creating when needed) the cache at `path`. Never throws: when the file cannot be used even
    /// after discarding it, `warn` hears why and the cache stores and finds nothing.
    init(path: String, maxSize: Int64, toolVersion: String, warn: @escaping @Sendable (String) -> Void) {
        self.path = path
        self.maxSize = maxSize
        self.keyPrefix = "drydock \(toolVersion);"
        self.warn = warn
        self.state = Mutex(nil)
        let queue: DatabaseQueue?
        do {
            queue = try Self.openQueue(path: path)
        } catch let error as DatabaseError where Self.isCorruption(error) {
            warn("layer cache \(path) is corrupt (\(error.message ?? "\(error.resultCode)")); discarding it")
            Self.removeFiles(path: path)
            queue = try? Self.openQueue(path: path)
            if queue == nil { warn("layer cache \(path) cannot be recreated; layers are not cached in this run") }
        } catch {
            warn(
                "layer cache \(path) cannot be opened (\(SQLiteFailure.describe(error))); layers are not cached in this run"
            )
            queue = nil
        }
        state.withLock { $0 = queue }
    }

    /// Opens the file in WAL mode and makes sure it has the current tables.
    private static func openQueue(path: String) throws -> DatabaseQueue {
        try PrivateDirectory.create(atPath: (path as NSString).deletingLastPathComponent)
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.label = "drydock-layer-cache"
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            // Only takes effect on a new file, before its first table.
            try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL")
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            try db.inTransaction(.immediate) {
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                if version != schemaVersion {
                    try db.execute(sql: "DROP TABLE IF EXISTS layers")
                    try db.execute(
                        sql: """
                            CREATE TABLE layers (
                                diff_id TEXT NOT NULL,
                                analyzers TEXT NOT NULL,
                                analysis BLOB NOT NULL,
                                size INTEGER NOT NULL,
                                last_used REAL NOT NULL,
                                PRIMARY KEY (diff_id, analyzers)
                            );
                            CREATE INDEX layers_by_last_used ON layers (last_used);
                            PRAGMA user_version = \(schemaVersion);
                            """)
                }
                return .commit
            }
        }
        return queue
    }

    func analyses(for diffIDs: [String], analyzerKey: String) -> [String: LayerAnalysis] {
        guard !diffIDs.isEmpty else { return [:] }
        let key = keyPrefix + analyzerKey
        let wanted = Array(Set(diffIDs))
        let rows: [(String, Data)] =
            perform("read") { db in
                let marks = Array(repeating: "?", count: wanted.count).joined(separator: ",")
                let found = try Row.fetchAll(
                    db, sql: "SELECT diff_id, analysis FROM layers WHERE analyzers = ? AND diff_id IN (\(marks))",
                    arguments: StatementArguments([key] + wanted))
                let pairs = found.map { row in (row["diff_id"] as String, row["analysis"] as Data) }
                let now = Date().timeIntervalSince1970
                for (diffID, _) in pairs {
                    try db.execute(
                        sql: "UPDATE layers SET last_used = ? WHERE diff_id = ? AND analyzers = ?",
                        arguments: [now, diffID, key])
                }
                return pairs
            } ?? []
        var result: [String: LayerAnalysis] = [:]
        var unusable: [String] = []
        for (diffID, data) in rows {
            if let analysis = try? LayerAnalysisCodec.decode(Array(data)), analysis.diffID == diffID {
                result[diffID] = analysis
            } else {
                unusable.append(diffID)
            }
        }
        if !unusable.isEmpty {
            _ = perform("drop unusable entries") { db in
                for diffID in unusable {
                    try db.execute(
                        sql: "DELETE FROM layers WHERE diff_id = ? AND analyzers = ?", arguments: [diffID, key])
                }
            }
        }
        return result
    }

    func store(_ analyses: [LayerAnalysis], analyzerKey: String) {
        let key = keyPrefix + analyzerKey
        var entries: [(String, Data)] = []
        for analysis in analyses {
            guard let diffID = analysis.diffID, let bytes = try? LayerAnalysisCodec.encode(analysis) else { continue }
            // An entry larger than the whole cache would only evict everything else.
            if Int64(bytes.count + diffID.utf8.count + key.utf8.count) <= maxSize {
                entries.append((diffID, Data(bytes)))
            }
        }
        guard !entries.isEmpty else { return }
        let limit = maxSize
        let evicted =
            perform("write") { db -> Int in
                let now = Date().timeIntervalSince1970
                for (diffID, data) in entries {
                    try db.execute(
                        sql: """
                            INSERT OR REPLACE INTO layers (diff_id, analyzers, analysis, size, last_used)
                            VALUES (?, ?, ?, ?, ?)
                            """,
                        arguments: [diffID, key, data, data.count + diffID.utf8.count + key.utf8.count, now])
                }
                return try Self.evict(db, limit: limit)
            } ?? 0
        if evicted > 0 {
            // Give the freed pages back to the file system (best effort; another process may hold the lock).
            _ = perform("vacuum", transaction: false) { db in try db.execute(sql: "PRAGMA incremental_vacuum") }
        }
    }

    /// Deletes the least recently used entries until the stored bytes are at most `limit`; returns how many.
    static func evict(_ db: Database, limit: Int64) throws -> Int {
        var total = try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(size), 0) FROM layers") ?? 0
        guard total > limit else { return 0 }
        var deleted = 0
        let oldest = try Row.fetchCursor(db, sql: "SELECT rowid, size FROM layers ORDER BY last_used, rowid")
        var victims: [Int64] = []
        while total > limit, let row = try oldest.next() {
            victims.append(row["rowid"])
            total -= row["size"] as Int64
        }
        for rowid in victims {
            try db.execute(sql: "DELETE FROM layers WHERE rowid = ?", arguments: [rowid])
            deleted += 1
        }
        return deleted
    }

    /// Runs `work` in one `IMMEDIATE` transaction (or none); a failure is a warning and `nil`. A corrupt file
    /// is deleted so the next run starts afresh, and the cache stops being used in this run.
    private func perform<T>(_ what: String, transaction: Bool = true, _ work: (Database) throws -> T) -> T? {
        guard let queue = state.withLock({ $0 }) else { return nil }
        do {
            return try queue.writeWithoutTransaction { db in
                guard transaction else { return try work(db) }
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try work(db)
                    return .commit
                }
                return result
            }
        } catch let error as DatabaseError where Self.isCorruption(error) {
            state.withLock { $0 = nil }
            warn("layer cache \(path) is corrupt (\(error.message ?? "\(error.resultCode)")); discarding it")
            Self.removeFiles(path: path)
        } catch {
            warn("layer cache \(path): cannot \(what) (\(SQLiteFailure.describe(error))); continuing without it")
        }
        return nil
    }

    /// Whether `error` says the file is not a usable SQLite database.
    static func isCorruption(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB
    }

    /// Deletes `path` and SQLite's companion files; returns the paths that existed.
    @discardableResult
    static func removeFiles(path: String) -> [String] {
        var removed: [String] = []
        for suffix in fileSuffixes where FileManager.default.fileExists(atPath: path + suffix) {
            if (try? FileManager.default.removeItem(atPath: path + suffix)) != nil { removed.append(path + suffix) }
        }
        return removed
    }

    /// Parses a size: bytes, or a number with `K`/`M`/`G`/`T` (powers of 1024, also written `KiB`, `MiB`…)
    /// or `KB`/`MB`/`GB`/`TB` (powers of 1000). `nil` when it is not one.
    static func parseSize(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isNumber }
        guard !digits.isEmpty, let number = Int64(digits) else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces).uppercased()
        let units: [String: Int64] = [
            "": 1, "B": 1, "K": 1 << 10, "KIB": 1 << 10, "M": 1 << 20, "MIB": 1 << 20, "G": 1 << 30, "GIB": 1 << 30,
            "T": 1 << 40, "TIB": 1 << 40, "KB": 1000, "MB": 1_000_000, "GB": 1_000_000_000, "TB": 1_000_000_000_000,
        ]
        guard let factor = units[unit] else { return nil }
        let (product, overflow) = number.multipliedReportingOverflow(by: factor)
        return overflow ? nil : product
    }
}
