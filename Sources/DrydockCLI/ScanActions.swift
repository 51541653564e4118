import ArgumentParser
import Foundation

/// The flags that turn a scan command into a housekeeping one: `--clear-cache`, `--download-db-only` (and
/// Trivy's `--download-java-db-only`, which has nothing to do). They run instead of the scan, as in Trivy.
enum ScanActions {
    /// Whether one of those flags is set, so that no target is needed.
    static func replaceScan(_ options: ScanOptions) -> Bool {
        options.clearCache || options.downloadDBOnly || options.compatibility.downloadJavaDBOnly
    }

    /// Runs what the flags ask; returns `true` when the command is done (no scan follows).
    static func run(_ options: ScanOptions, registry: RegistryOptions? = nil) async throws -> Bool {
        guard replaceScan(options) else { return false }
        if options.clearCache {
            let removed = LayerCache.removeFiles(path: CachePaths(override: options.cacheDir).layerCacheFile)
            if !options.quiet {
                Console.error(
                    removed.isEmpty
                        ? "drydock: no layer cache to remove" : "drydock: removed \(removed.joined(separator: ", "))")
            }
        }
        if options.downloadDBOnly {
            guard options.db == nil else {
                throw CommandFailure(.usage, "--download-db-only updates the default DB; it cannot be used with --db")
            }
            if options.offline { throw CommandFailure(.usage, "--download-db-only cannot be used with --offline") }
            var forced = options
            forced.skipDBUpdate = false
            let warnings = await DatabaseAutoUpdate.runIfDue(options: forced, registry: registry, inventories: nil)
            for warning in warnings where !options.quiet { Console.error("drydock: warning: \(warning)") }
            let path = options.databasePath
            guard FileManager.default.fileExists(atPath: path) else {
                throw CommandFailure(.database, "no vulnerability DB at \(path) after the download")
            }
            if !options.quiet { Console.error("drydock: vulnerability DB ready at \(path)") }
        }
        if options.compatibility.downloadJavaDBOnly, !options.quiet {
            Console.error("drydock: --download-java-db-only: Drydock has no separate Java index DB; nothing to do")
        }
        return true
    }
}
