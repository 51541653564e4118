import Foundation

/// Where Drydock keeps its cache: `--cache-dir`, else `$XDG_CACHE_HOME/drydock`, else `~/.cache/drydock`.
struct CachePaths {
    var root: String

    init(override: String?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let override {
            root = override
        } else if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            root = xdg + "/drydock"
        } else {
            root = (environment["HOME"] ?? NSHomeDirectory()) + "/.cache/drydock"
        }
    }

    /// The default vulnerability DB file.
    var databaseFile: String { root + "/db/drydock.db" }

    /// The layer cache (`LayerCache`).
    var layerCacheFile: String { root + "/" + LayerCache.fileName }
}
