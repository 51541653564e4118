import DrydockPolicy
import DrydockScan
import DrydockVulnDB
import Foundation
import Synchronization

/// The vulnerability DB the server matches with, swapped atomically when an update lands: requests that
/// started with the old DB finish with it.
public final class DatabaseHolder: Sendable {
    /// The DB file (`--db`).
    public let path: String
    private let state = Mutex<(database: VulnerabilityDatabase?, summary: DatabaseSummary?, error: String?)>(
        (nil, nil, nil))
    /// The identity of the file last opened (device, inode, size, modification time).
    private let opened = Mutex<[Int]?>(nil)

    public init(path: String) {
        self.path = path
    }

    /// Opens (or reopens) the DB file; on failure the previous DB stays in use and the error is kept for
    /// `/readyz`.
    @discardableResult
    public func reload() -> Bool {
        do {
            let database = try VulnerabilityDatabase.open(path: path)
            let summary = DatabaseSummary.of(path: path, builtAt: try database.builtAt())
            state.withLock { $0 = (database, summary, nil) }
            return true
        } catch {
            state.withLock { $0.error = "cannot open vulnerability DB \(path): \(error)" }
            return false
        }
    }

    /// Reopens the DB file only when it is another file than the one in use (renamed over it, or rewritten):
    /// what the updater's every check does, so a short `--update-interval` costs a `stat`, not an open.
    @discardableResult
    public func reloadIfChanged() -> Bool {
        let identity = Self.identity(of: path)
        if let identity, identity == opened.withLock({ $0 }), state.withLock({ $0.database != nil }) { return true }
        let loaded = reload()
        if loaded { opened.withLock { $0 = identity } }
        return loaded
    }

    /// Device, inode, size and modification time of `path`, or `nil` when it cannot be read.
    static func identity(of path: String) -> [Int]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [
            Int(info.st_dev), Int(info.st_ino), Int(info.st_size), Int(info.st_mtim.tv_sec),
            Int(info.st_mtim.tv_nsec),
        ]
    }

    /// The DB in use and its report facts, or why there is none.
    public func current() throws(DatabaseUnavailable) -> (VulnerabilityDatabase, DatabaseSummary?) {
        let (database, summary, error) = state.withLock { $0 }
        guard let database else {
            throw DatabaseUnavailable(
                reason: error ?? "no vulnerability DB at \(path) yet: the updater has not finished its first run")
        }
        return (database, summary)
    }

    /// When the DB in use was built.
    public var builtAt: Date? { state.withLock { $0.summary?.builtAt } }
}

/// The server has no usable vulnerability DB (yet).
public struct DatabaseUnavailable: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}
