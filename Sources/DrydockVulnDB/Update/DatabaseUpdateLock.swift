import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An exclusive lock held while one process replaces a DB (update, pull, import), so two drydock
/// processes working on the same cache directory never write the same files at once.
///
/// The lock is `flock(2)` on `.<DB file name>.lock` beside the DB. The kernel drops it when the
/// process exits, so a crashed update never leaves a stale lock behind. A second process waits, up to
/// a bounded timeout, and then normally finds the DB the first one produced.
public final class DatabaseUpdateLock: Sendable {
    /// The lock file's path.
    public let path: String
    /// Seconds spent waiting for another process to finish.
    public let waited: TimeInterval
    private let descriptor: Int32

    private init(path: String, descriptor: Int32, waited: TimeInterval) {
        self.path = path
        self.descriptor = descriptor
        self.waited = waited
    }

    deinit { close(descriptor) }

    /// The lock file for the DB at `databasePath`.
    public static func lockPath(forDatabase databasePath: String) -> String {
        let directory = (databasePath as NSString).deletingLastPathComponent
        let name = (databasePath as NSString).lastPathComponent
        return (directory as NSString).appendingPathComponent(".\(name).lock")
    }

    /// Takes the lock for the DB at `databasePath`, polling until `timeout` seconds have passed.
    ///
    /// Returns `nil` when another process still holds it after `timeout`; throws `ioFailure` when the
    /// lock file cannot be created.
    public static func acquire(
        forDatabase databasePath: String, timeout: TimeInterval, pollInterval: TimeInterval = 0.1
    ) async throws(VulnDBError) -> DatabaseUpdateLock? {
        let path = lockPath(forDatabase: databasePath)
        let directory = (databasePath as NSString).deletingLastPathComponent
        do {
            try PrivateDirectory.create(atPath: directory)
        } catch {
            throw VulnDBError(
                code: .ioFailure, reason: "cannot create the DB directory", location: directory,
                underlying: "\(error)")
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw VulnDBError(
                code: .ioFailure, reason: "cannot open the update lock file", location: path,
                underlying: String(cString: strerror(errno)))
        }
        let start = Date()
        while true {
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
                return DatabaseUpdateLock(path: path, descriptor: descriptor, waited: Date().timeIntervalSince(start))
            }
            let failure = errno
            guard failure == EWOULDBLOCK || failure == EINTR else {
                close(descriptor)
                throw VulnDBError(
                    code: .ioFailure, reason: "cannot lock the update lock file", location: path,
                    underlying: String(cString: strerror(failure)))
            }
            if Date().timeIntervalSince(start) >= timeout {
                close(descriptor)
                return nil
            }
            try? await Task.sleep(nanoseconds: UInt64(max(0.01, pollInterval) * 1_000_000_000))
        }
    }

    /// Releases the lock (closing the descriptor, which the deinitializer also does).
    public func release() {
        flock(descriptor, LOCK_UN)
    }
}
