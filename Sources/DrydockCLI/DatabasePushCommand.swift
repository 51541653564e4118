import ArgumentParser
import DrydockNetwork
import DrydockVulnDB
import Foundation

extension DatabaseCommand {
    /// `drydock db push REF`: publish the DB as an OCI artifact.
    struct Push: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish the vulnerability DB to an OCI registry as an artifact.",
            discussion: """
                Pushes the DB and its metadata.json (the 'db export' bundle, one layer of type \
                application/vnd.drydock.db.layer.v1.tar; the config is metadata.json) under REF's tag \
                (default latest). The manifest's annotations carry the DB digest, schema version and build \
                time, so 'drydock db pull' and --db-repository can check it. See docs/database.md.
                """
        )

        @Argument(help: "Where to push: registry/repository[:tag].")
        var reference: String

        @Option(name: .long, help: "Vulnerability DB file (default: CACHE_DIR/db/drydock.db).")
        var db: String?

        @Option(name: .long, help: "Cache directory (default: $XDG_CACHE_HOME/drydock or ~/.cache/drydock).")
        var cacheDir: String?

        @Flag(name: .long, help: "Refuse: a push needs the network.")
        var offline = false

        @OptionGroup(title: "Registry options") var registry: RegistryOptions

        mutating func run() async throws {
            if offline { throw CommandFailure(.usage, "--offline: 'db push' needs the network") }
            let path = db ?? CachePaths(override: cacheDir).databaseFile
            guard FileManager.default.fileExists(atPath: path) else {
                throw CommandFailure(.database, "no vulnerability DB at \(path)")
            }
            let target = try DatabaseRepositories.parse(reference, flag: "REF")
            guard target.count == 1, let destination = target.first else {
                throw CommandFailure(.usage, "db push takes one REF")
            }
            let client = try registry.makeClient(offline: false)
            let result: DatabaseRegistry.PushResult
            do {
                result = try await DatabaseRegistry(client: client).push(databasePath: path, to: destination)
                await (client.transport as? AsyncHTTPTransport)?.shutdown()
            } catch {
                await (client.transport as? AsyncHTTPTransport)?.shutdown()
                throw CommandFailure(.database, "cannot push vulnerability DB \(path): \(error)")
            }
            Console.output(
                "Pushed \(path) to \(destination)@\(result.manifestDigest): DB \(result.metadata.digest), "
                    + "schema \(result.metadata.schemaVersion), built \(Timestamp.format(result.metadata.builtAt)), "
                    + "\(DatabaseProgress.formatBytes(result.bundleSize))\n")
        }
    }
}
