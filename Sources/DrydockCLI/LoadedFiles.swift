import Synchronization

/// Files named on the command line (`--policy`, the ignore file, `--vex`, `--baseline`) are read and parsed
/// once per run: `validate()` reads them so that a bad file fails before an image is pulled, and the gate uses
/// what was validated — no second parse of a large baseline report, and a file changed in between cannot
/// change the run. Failures are not kept: a file that failed to load fails again when asked again.
enum LoadedFiles {
    private static let values = Mutex<[String: any Sendable]>([:])

    /// The value stored under `key`, made by `load` the first time it is asked for.
    static func value<T: Sendable>(_ key: String, load: () throws -> T) throws -> T {
        // Looked up before the cast: a missing entry cast to an optional `T` would read as a stored `nil`.
        if let stored = values.withLock({ $0[key] }), let known = stored as? T { return known }
        let value = try load()
        values.withLock { $0[key] = value }
        return value
    }
}
