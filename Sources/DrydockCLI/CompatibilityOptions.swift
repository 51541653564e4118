import ArgumentParser

/// Trivy flags that mean nothing for Drydock, accepted so that a CI script switches by changing one word.
///
/// Each is listed with the reason in `docs/migrating-from-trivy.md`; none changes what a scan does.
struct CompatibilityOptions: ParsableArguments {
    @Flag(name: .long, help: "No effect: Drydock never checks for updates.")
    var skipVersionCheck = false

    @Flag(name: .long, help: "No effect: Drydock sends no telemetry.")
    var disableTelemetry = false

    @Flag(name: .long, help: "No effect: Drydock has no separate Java index DB.")
    var skipJavaDBUpdate = false

    @Flag(name: .long, help: "No effect: Drydock has no separate Java index DB (exits without scanning).")
    var downloadJavaDBOnly = false

    @Option(name: .long, help: "No effect: Drydock has no separate Java index DB.")
    var javaDBRepository: [String] = []

    @Flag(name: .long, help: "No effect (deprecated in Trivy too).")
    var light = false

    @Flag(name: .long, help: "No effect: Drydock never asks package registries to identify dependencies.")
    var offlineScan = false

    @Flag(name: .long, help: "No effect: Drydock reads VEX documents only from files.")
    var skipVEXRepoUpdate = false

    @Flag(
        name: [.long, .customLong("skip-policy-update")],
        help: "No effect: Drydock's checks are built in; there is no bundle to update.")
    var skipCheckUpdate = false

    @Option(
        name: .long,
        help: "Cache backend: fs (the layer cache, default) or memory (as --no-cache); redis is not supported.")
    var cacheBackend: String = "fs"

    mutating func validate() throws {
        switch cacheBackend {
        case "fs", "memory": break
        default:
            throw ValidationError(
                "--cache-backend \(cacheBackend): Drydock's layer cache is a local file (fs) or off (memory); "
                    + "share it between runners with --cache-dir on a shared volume")
        }
    }
}
