import Dispatch
import Foundation

/// Removes spool files when the process is interrupted (SIGINT, SIGTERM, SIGHUP), then lets the signal take
/// its default course (the process ends with it, as if nothing had been caught).
///
/// Handlers are installed while at least one spool file exists, and the dispositions they replaced are put
/// back with the last one, so the rest of the program (and the programs it starts) keep theirs. A signal the
/// process ignores (SIGHUP under `nohup`) stays ignored. The handlers run on a dispatch queue, not in signal
/// context, so they may take locks and call `unlink` freely. A program that handles these signals itself (a
/// server shutting down gracefully) sets `isEnabled` to `false` and removes its spools.
public enum SpoolInterruptCleanup {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var paths: Set<String> = []
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
    nonisolated(unsafe) private static var previous: [(Int32, sighandler_t?)] = []
    nonisolated(unsafe) private static var installed = false
    nonisolated(unsafe) private static var enabled = true
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Whether spools install the signal handlers (default `true`).
    public static var isEnabled: Bool {
        get { lock.withLock { enabled } }
        set { lock.withLock { enabled = newValue } }
    }

    /// Registers `path` and runs `create` (which makes the file) under the lock the signal handler takes, so
    /// an interrupt sees the file either not yet registered and not made, or registered and made.
    static func register<T>(_ path: String, create: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        paths.insert(path)
        if enabled && !installed { install() }
        return create()
    }

    static func unregister(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        paths.remove(path)
        if paths.isEmpty && installed { uninstall() }
    }

    /// Called with `lock` held.
    private static func install() {
        installed = true
        for number in signals {
            let old = signal(number, SIG_IGN)
            previous.append((number, old))
            if unsafeBitCast(old, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { continue }
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { interrupted(by: number) }
            source.resume()
            sources.append(source)
        }
    }

    /// Called with `lock` held.
    private static func uninstall() {
        for source in sources { source.cancel() }
        sources = []
        for (number, handler) in previous { signal(number, handler) }
        previous = []
        installed = false
    }

    /// Removes every registered file and ends the process with the signal. The lock is never released: no
    /// other thread may create a spool between the removal and the end.
    private static func interrupted(by number: Int32) {
        lock.lock()
        for path in paths { unlink(path) }
        // Dispatch receives the signal with it blocked; unblock it on this thread and raise it here, so its
        // default action ends the process. `_exit` only if it somehow did not.
        signal(number, SIG_DFL)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, number)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        raise(number)
        _exit(128 + number)
    }
}
