import Foundation

/// Keeps end-to-end runs of `drydock` from sharing a layer cache.
///
/// A scan stores what it read from each layer under `$XDG_CACHE_HOME/drydock/layers.db`, keyed by diffID;
/// a later scan of a damaged copy of the same image (same config, broken layer bytes) would then never
/// open the broken layer. Tests that are not about the cache run each process with its own cache folder.
public enum LayerCacheIsolation {
    /// `environment` with `XDG_CACHE_HOME` set to a new folder (created on first use by drydock).
    public static func isolated(_ environment: [String: String]) -> [String: String] {
        var copy = environment
        copy["XDG_CACHE_HOME"] =
            FileManager.default.temporaryDirectory.appendingPathComponent("drydock-cache-\(UUID().uuidString)").path
        return copy
    }
}
