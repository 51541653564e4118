import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `posix_spawn` attributes that start a child with no blocked signals and the default action for the
/// signals a parent commonly blocks or ignores.
///
/// A test runs on a thread of Swift's cooperative pool, which blocks most signals; a child spawned from it
/// inherits that mask. A child that relies on `SIGTERM` — Python's `multiprocessing.Pool` ends its workers with
/// it (detect-secrets) — then waits forever for workers that never see the signal.
enum SpawnAttributes {
    /// Calls `body` with the attributes, valid for the call only.
    static func withCleanSignals<T>(_ body: (UnsafePointer<posix_spawnattr_t>) throws -> T) rethrows -> T {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD, SIGXFSZ] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        return try withUnsafePointer(to: &attributes) { try body($0) }
    }
}
