import ArgumentParser
import Foundation

/// `drydock clean`: removes what Drydock keeps in its cache directory, and nothing else there.
struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract:
            "Remove Drydock's caches: the layer cache (--cache), the vulnerability DB (--vuln-db), or both (--all).",
        discussion: """
            Only files Drydock writes are removed: CACHE_DIR/layers.db with its -wal and -shm files for \
            --cache, the CACHE_DIR/db folder (drydock.db, metadata.json, feeds) for --vuln-db. Other files in \
            the cache directory are left alone. Like 'trivy clean --scan-cache / --vuln-db / --all'.
            """
    )

    @Flag(name: [.long, .customLong("scan-cache")], help: "Remove the layer cache (CACHE_DIR/layers.db).")
    var cache = false

    @Flag(name: .long, help: "Remove the vulnerability DB folder (CACHE_DIR/db).")
    var vulnDB = false

    @Flag(name: [.customShort("a"), .long], help: "Remove both.")
    var all = false

    @Option(name: .long, help: "Cache directory (default: $XDG_CACHE_HOME/drydock or ~/.cache/drydock).")
    var cacheDir: String?

    @Option(
        name: [.customShort("c"), .long],
        help: "Config file with flags as keys (default: drydock.yaml, else trivy.yaml, in the working directory).")
    var config: String?

    @Flag(name: [.customShort("q"), .long], help: "Print nothing.")
    var quiet = false

    @Flag(name: [.customShort("d"), .long], help: "No effect (accepted as in Trivy).")
    var debug = false

    @Option(name: .long, help: "No effect (accepted as in Trivy; removing files takes no time).")
    var timeout: String?

    @Flag(name: .long, help: "No effect: clean uses no network (accepted as in Trivy).")
    var insecure = false

    @Option(name: .long, help: "No effect: clean uses no network (accepted as in Trivy).")
    var cacert: String?

    @Flag(name: .long, help: "No effect: Drydock has no separate Java index DB.")
    var javaDB = false

    @Flag(name: .long, help: "No effect: Drydock's checks are built in.")
    var checksBundle = false

    @Flag(name: .long, help: "No effect: Drydock keeps no VEX repositories.")
    var vexRepo = false

    func validate() throws {
        if !cache && !vulnDB && !all && !javaDB && !checksBundle && !vexRepo {
            throw ValidationError("say what to remove: --cache, --vuln-db or --all")
        }
    }

    func run() throws {
        let paths = CachePaths(override: cacheDir)
        var removed: [String] = []
        if cache || all {
            removed += LayerCache.removeFiles(path: paths.layerCacheFile)
        }
        if vulnDB || all {
            let folder = (paths.databaseFile as NSString).deletingLastPathComponent
            if FileManager.default.fileExists(atPath: folder) {
                do {
                    try FileManager.default.removeItem(atPath: folder)
                } catch {
                    throw CommandFailure(.usage, "cannot remove \(folder): \(error.localizedDescription)")
                }
                removed.append(folder)
            }
        }
        guard !quiet else { return }
        Console.output(
            removed.isEmpty ? "Nothing to remove in \(paths.root)\n" : removed.map { "Removed \($0)\n" }.joined())
    }
}
