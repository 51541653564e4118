import Foundation
import Glibc

/// `--timeout`: ends the process with exit code 5 and a message when the whole command runs longer than
/// its limit, whatever stage it is in (a DB download, a layer pull, matching).
///
/// The report is written atomically, so a timed-out scan leaves no partial report behind; files the scan
/// registered for removal (`ScanDeadline.removeOnExit`) are deleted first.
enum ScanDeadline {
    private static let lock = NSLock()
    /// Only read or written while `lock` is held, which makes the unchecked access safe.
    nonisolated(unsafe) private static var cleanups: [String] = []

    /// Starts the watchdog for `seconds` (nothing for 0).
    static func start(seconds: Double, limit: String) {
        guard seconds > 0 else { return }
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
            Console.error(
                "drydock: error: the scan did not finish within --timeout \(limit); raise it (for example --timeout 15m) "
                    + "or make the scan smaller (--skip-dirs, --pkg-types)")
            removeRegisteredFiles()
            Glibc.exit(ExitStatus.timeout.rawValue)
        }
    }

    /// Registers a temporary file to delete if the deadline passes.
    static func removeOnExit(_ path: String) {
        lock.lock()
        cleanups.append(path)
        lock.unlock()
    }

    /// Forgets a temporary file the scan removed itself.
    static func forget(_ path: String) {
        lock.lock()
        cleanups.removeAll { $0 == path }
        lock.unlock()
    }

    private static func removeRegisteredFiles() {
        lock.lock()
        let paths = cleanups
        lock.unlock()
        for path in paths { unlink(path) }
    }
}
