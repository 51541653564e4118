import ArgumentParser
import DrydockModel
import DrydockRepository
import DrydockServer
import DrydockVulnDB
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// `drydock server`: the scan API, the SBOM repository, continuous rescans and webhooks.
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Serve the scan API and the SBOM repository; rescan stored images when the DB updates.",
        discussion: """
            Clients scan with --server URL (only inventories travel), push SBOMs with 'drydock push-sbom' and \
            ask with 'drydock query'. The store is SQLite (one file, the default) or PostgreSQL, which several \
            replicas behind a load balancer share. Tokens: --tokens FILE or $DRYDOCK_SERVER_TOKENS, one per \
            line, 'SCOPE NAME TOKEN' with SCOPE read, write or admin. See docs/server.md.
            """
    )

    @Option(name: .long, help: "Address to listen on: HOST:PORT, :PORT or [IPV6]:PORT.")
    var listen = "127.0.0.1:8080"

    @Option(
        name: .long,
        help:
            "The repository: sqlite:PATH (default: CACHE_DIR/server/repository.db) or postgres://USER[:PASSWORD]@HOST[:PORT]/DB."
    )
    var store: String?

    @Option(name: .long, help: "Vulnerability DB file (default: CACHE_DIR/db/drydock.db).")
    var db: String?

    @Option(name: .long, help: "Cache directory (default: $XDG_CACHE_HOME/drydock or ~/.cache/drydock).")
    var cacheDir: String?

    @Option(name: .long, help: "Token file: lines 'SCOPE NAME TOKEN' (default: $DRYDOCK_SERVER_TOKENS).")
    var tokens: String?

    @Flag(name: .long, help: "Accept every request without a token (only for a server on loopback).")
    var noAuth = false

    @Option(name: .customLong("tls-cert"), help: "PEM certificate chain: serve HTTPS (with --tls-key).")
    var tlsCert: String?

    @Option(name: .customLong("tls-key"), help: "PEM private key of --tls-cert.")
    var tlsKey: String?

    @Option(name: .customLong("max-body"), help: "Largest request body accepted (64MiB by default).")
    var maxBody = "64MiB"

    @Option(
        name: .customLong("update-interval"),
        help: "How often to check for a DB update and rescan (6h; 0: only at start).")
    var updateInterval = "6h"

    @Flag(
        name: .long,
        help: "Never update the DB (it is replaced by other means); a replaced file is still rescanned for.")
    var skipDBUpdate = false

    @Option(
        name: .customLong("db-repository"),
        help: "Pull the DB from these OCI repositories (REF[,REF...]) instead of the feeds.")
    var dbRepository: String?

    @Option(
        name: .long,
        help: "Days allowed per severity before an open finding is overdue (critical=15,high=30,medium=90,low=180).")
    var sla: String?

    @Option(
        name: .customLong("admission-config"),
        help: "Admission webhook configuration (YAML, docs/admission.md); defaults without it.")
    var admissionConfig: String?

    mutating func validate() throws {
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
        if LayerCache.parseSize(maxBody) == nil {
            throw ValidationError("--max-body \(maxBody): expected a size such as 64MiB")
        }
        if DatabaseFreshness.parseDuration(updateInterval) == nil {
            throw ValidationError("--update-interval \(updateInterval): expected a duration such as 6h or 30m")
        }
    }

    func run() async throws {
        let configuration = try makeConfiguration()
        var logger = Logger(label: "drydock.server")
        logger.logLevel =
            ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let store: any RepositoryStore
        do {
            store = try await configuration.store.open()
        } catch {
            throw CommandFailure(.target, "\(error)")
        }
        let server = DrydockServer(
            configuration: configuration, store: store, toolVersion: DrydockCommand.version, logger: logger)
        let seconds = DatabaseFreshness.parseDuration(updateInterval) ?? 0
        let refresher = DatabaseRefresher(
            database: server.database, rescans: RescanService(store: store, database: server.database, logger: logger),
            metrics: server.metrics, logger: logger, interval: seconds > 0 ? .seconds(seconds) : nil,
            update: skipDBUpdate ? nil : updater(path: configuration.databasePath))
        let dispatcher = WebhookDispatcher(store: store, metrics: server.metrics, logger: logger)
        let listen =
            "\(configuration.tlsCertificate == nil ? "http" : "https")://\(configuration.host):\(configuration.port)"
        do {
            let app = try server.application(services: [refresher, dispatcher]) { channel in
                let port = channel.localAddress?.port ?? configuration.port
                Console.error(
                    "drydock: server listening on \(listen.replacingOccurrences(of: ":\(configuration.port)", with: ":\(port)")), store \(store.displayName)"
                )
            }
            try await app.runService()
        } catch let error as ServerConfigurationError {
            await server.admissionAudit.flush()
            await store.close()
            await configuration.admission.shutdownRegistryAccess()
            throw CommandFailure(.usage, error.reason)
        }
        // Decisions of the last requests are still queued (written in batches): they go before the store closes.
        await server.admissionAudit.flush()
        await store.close()
        await configuration.admission.shutdownRegistryAccess()
    }

    func makeConfiguration() throws -> ServerConfiguration {
        let cache = CachePaths(override: cacheDir)
        let listenAddress: (host: String, port: Int)
        let location: StoreLocation
        do {
            listenAddress = try ServerConfiguration.parseListen(listen)
            location = try StoreLocation.parse(
                store ?? "sqlite:" + (cache.root as NSString).appendingPathComponent("server/repository.db"))
        } catch let error as ServerConfigurationError {
            throw CommandFailure(.usage, error.reason)
        } catch let error as RepositoryError {
            throw CommandFailure(.usage, error.reason)
        }
        let tokenSet = try loadTokens()
        if tokenSet.isEmpty && !noAuth {
            throw CommandFailure(
                .usage, "no tokens: give --tokens FILE or $DRYDOCK_SERVER_TOKENS (or --no-auth on loopback)")
        }
        var policy = SLAPolicy.standard
        if let sla {
            for item in sla.split(separator: ",") {
                let parts = item.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, let severity = Severity(rawValue: parts[0].uppercased()),
                    let days = Int(parts[1]), days >= 0
                else {
                    throw CommandFailure(.usage, "--sla \(item): expected SEVERITY=DAYS (critical=15)")
                }
                policy.days[severity] = days
            }
        }
        var configuration = ServerConfiguration(
            host: listenAddress.host, port: listenAddress.port, store: location,
            databasePath: db ?? cache.databaseFile, tokens: tokenSet, authenticationRequired: !noAuth,
            tlsCertificate: tlsCert, tlsKey: tlsKey, maxBodySize: Int(LayerCache.parseSize(maxBody) ?? 64 << 20),
            sla: policy)
        if let admissionConfig { configuration.admission = try AdmissionConfigurationFile.load(admissionConfig) }
        return configuration
    }

    private func loadTokens() throws -> AccessTokenSet {
        do {
            if let tokens {
                guard let text = try? String(contentsOfFile: tokens, encoding: .utf8) else {
                    throw CommandFailure(.usage, "cannot read --tokens \(tokens)")
                }
                return try AccessTokenSet.parse(text, source: tokens)
            }
            if let text = ProcessInfo.processInfo.environment["DRYDOCK_SERVER_TOKENS"] {
                return try AccessTokenSet.parse(text, source: "$DRYDOCK_SERVER_TOKENS")
            }
        } catch let error as ServerConfigurationError {
            throw CommandFailure(.usage, error.reason)
        }
        return AccessTokenSet([])
    }

    /// The CLI's own update machinery, run when due: `db pull` with --db-repository, else `db update`
    /// from the feeds (only for a DB that `db update` made, or none yet), under the DB's update lock.
    private func updater(path: String) -> @Sendable () async throws -> Void {
        let repositories = dbRepository
        return {
            let exists = FileManager.default.fileExists(atPath: path)
            let metadata = exists ? (try? DatabaseMetadata.read(forDatabase: path)) ?? nil : nil
            if let metadata, metadata.nextUpdate >= Date() { return }
            if let repositories {
                let references = try DatabaseRepositories.parse(repositories, flag: "--db-repository")
                let client = try DatabaseRepositories.pullClient(try RegistryOptions.parse([]))
                _ = try await DatabaseRepositories.pull(
                    references, path: path, client: client, force: false, bars: false)
                return
            }
            if exists && metadata?.updatedFromFeeds != true { return }
            _ = try await DatabaseLock.run(databasePath: path) {
                try await DatabaseTransport.with(offline: false) { transport in
                    try await DatabaseCommand.Update.update(
                        configuration: try FeedConfiguration.standard(), path: path, transport: transport, quiet: true,
                        bars: false)
                }
            }
        }
    }
}
