import DrydockVulnDB
import Foundation

/// Runs DB replacements (update, pull, import) under the DB's update lock, so two drydock processes
/// sharing a cache directory take turns; the one that waited uses the DB the other one produced.
enum DatabaseLock {
    /// What happened.
    enum Outcome<T> {
        /// This process held the lock and ran the work.
        case ran(T)
        /// Another process replaced the DB while this one waited; the work was not run.
        case updatedByOther(DatabaseMetadata)
        /// Another process still held the lock after the timeout; nothing was run.
        case timedOut
    }

    /// Seconds to wait for another process's update: `DRYDOCK_DB_LOCK_TIMEOUT`, else 10 minutes.
    static var defaultTimeout: TimeInterval {
        ProcessInfo.processInfo.environment["DRYDOCK_DB_LOCK_TIMEOUT"].flatMap(TimeInterval.init) ?? 600
    }

    /// Takes the lock (waiting up to `timeout`), then runs `work` unless the DB changed while waiting
    /// (`always` runs it even then: `db import` installs the bundle it was given).
    static func run<T>(
        databasePath: String, timeout: TimeInterval = defaultTimeout, always: Bool = false,
        work: () async throws -> T
    ) async throws -> Outcome<T> {
        let before = try? DatabaseMetadata.read(forDatabase: databasePath)
        let lock: DatabaseUpdateLock?
        do {
            lock = try await DatabaseUpdateLock.acquire(forDatabase: databasePath, timeout: timeout)
        } catch {
            throw CommandFailure(.database, "\(error)")
        }
        guard let lock else { return .timedOut }
        defer { lock.release() }
        if !always, lock.waited > 0, let after = try? DatabaseMetadata.read(forDatabase: databasePath),
            after.digest != before?.digest, FileManager.default.fileExists(atPath: databasePath)
        {
            return .updatedByOther(after)
        }
        return .ran(try await work())
    }
}
