import ArgumentParser
import DrydockNetwork
import DrydockVulnDB
import Foundation

extension DatabaseCommand {
    /// `drydock db pull REF[,REF...]`: install a DB published with `db push`.
    struct Pull: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Install the vulnerability DB from an OCI registry artifact made by 'drydock db push'.",
            discussion: """
                Repositories are tried in order; any failure (429 or 5xx after retries with backoff, a \
                connection error, a missing or invalid artifact) moves on to the next. The bundle's digest, \
                the DB digest the manifest names and the schema version are verified before the DB \
                replaces the current one by an atomic rename; nothing is downloaded when the DB in place \
                already is the published one (use --force to download anyway).
                """
        )

        @Argument(help: "Repositories, comma-separated, tried in order: registry/repository[:tag],...")
        var references: String

        @Option(name: .long, help: "Vulnerability DB file to install (default: CACHE_DIR/db/drydock.db).")
        var db: String?

        @Option(name: .long, help: "Cache directory (default: $XDG_CACHE_HOME/drydock or ~/.cache/drydock).")
        var cacheDir: String?

        @Flag(name: .long, help: "Download even when the DB in place is the published one.")
        var force = false

        @Flag(name: .long, help: "Refuse: a pull needs the network (use 'drydock db import' offline).")
        var offline = false

        @OptionGroup var display: DatabaseProgressOptions

        @OptionGroup(title: "Registry options") var registry: RegistryOptions

        mutating func run() async throws {
            if offline {
                throw CommandFailure(
                    .usage, "--offline: 'db pull' needs the network; copy a bundle and use 'drydock db import FILE'")
            }
            let path = db ?? CachePaths(override: cacheDir).databaseFile
            let repositories = try DatabaseRepositories.parse(references, flag: "REF")
            let client = try DatabaseRepositories.pullClient(registry)
            let bars = display.bars
            let outcome: DatabaseLock.Outcome<DatabaseRegistry.PullResult>
            do {
                outcome = try await DatabaseRepositories.pull(
                    repositories, path: path, client: client, force: force, bars: bars)
            } catch let failure as CommandFailure {
                throw failure
            } catch {
                let kept = FileManager.default.fileExists(atPath: path) ? "; the last good DB is kept at \(path)" : ""
                throw CommandFailure(.database, "cannot pull the vulnerability DB: \(error)\(kept)")
            }
            switch outcome {
            case .ran(let result):
                if !display.quiet {
                    for failure in result.failures { Console.error("drydock: warning: skipped \(failure)") }
                }
                let verb = result.installed ? "Installed" : "Already current:"
                Console.output(
                    "\(verb) \(path) from \(result.reference): \(result.metadata.digest), "
                        + "built \(Timestamp.format(result.metadata.builtAt))\n")
            case .updatedByOther(let metadata):
                Console.output("Updated \(path) by another drydock process while this one waited: \(metadata.digest)\n")
            case .timedOut:
                throw CommandFailure(
                    .database, "another drydock process is still updating \(path); the DB there is left as it is")
            }
        }
    }
}
