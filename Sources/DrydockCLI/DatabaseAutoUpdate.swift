import DrydockModel
import DrydockNetwork
import DrydockVulnDB
import Foundation

/// The update a scan makes before opening the default DB, as Trivy does.
///
/// Only the default DB (no `--db`) is updated, never with `--skip-db-update` or `--offline`, and
/// under the DB's update lock (a second process waits, then uses the DB the first produced).
///
/// - With `--db-repository REF[,REF...]`: the published DB is pulled when the DB is missing or its
///   next-update time has passed.
/// - Otherwise from the feeds (`DRYDOCK_*_URL` or the public defaults), by shards: a missing DB is
///   built from just the shards the inventory needs; a DB `db update` made is updated when its
///   next-update time has passed or the inventory needs a shard it lacks (the new shard is added). A DB
///   made with `db build` is never replaced.
///
/// A failed update is a warning when a DB is still there (the last good one is used).
enum DatabaseAutoUpdate {
    /// Updates when due, with the shards `inventory` needs; returns warnings for the report.
    static func runIfDue(
        options: ScanOptions, registry: RegistryOptions? = nil, inventory: Inventory? = nil, now: Date = Date()
    ) async -> [String] {
        await runIfDue(options: options, registry: registry, inventories: inventory.map { [$0] }, now: now)
    }

    /// Updates when due, with the shards any of `inventories` needs (every platform of a registry scan);
    /// returns warnings for the report. `nil` inventories: the shards are not known, all are fetched.
    static func runIfDue(
        options: ScanOptions, registry: RegistryOptions?, inventories: [Inventory]?, now: Date = Date()
    ) async -> [String] {
        guard options.db == nil, options.scans("vuln") else { return [] }
        let path = options.databasePath
        if let repositories = options.dbRepository {
            return await pullIfDue(repositories, options: options, registry: registry, path: path, now: now)
        }
        let exists = FileManager.default.fileExists(atPath: path)
        let metadata = exists ? (try? DatabaseMetadata.read(forDatabase: path)) ?? nil : nil
        // Only a DB that `db update` made from the feeds is refreshed; one built with `db build` is the user's.
        if exists && metadata?.updatedFromFeeds != true { return [] }
        guard let standard = try? FeedConfiguration.standard() else { return [] }
        let needed = inventories.map { $0.reduce(into: Set<String>()) { $0.formUnion(DatabaseShards.needed(for: $1)) } }
        let present = metadata.map { DatabaseShards.present(in: $0, configuration: standard) } ?? []
        let missing = (needed ?? []).subtracting(present)
        let due = !exists || (metadata.map { $0.nextUpdate < now } ?? true)
        guard due || !missing.isEmpty else { return [] }
        if options.skipDBUpdate || options.offline {
            guard exists, !missing.isEmpty else { return [] }
            let flag = options.offline ? "--offline" : "--skip-db-update"
            return [
                "the vulnerability DB holds no \(missing.sorted().joined(separator: ", ")) shard (not fetched because of "
                    + "\(flag)); those packages were not checked"
            ]
        }
        var configuration = standard
        if let needed {
            let configured = DatabaseShards.configured(environment: ProcessInfo.processInfo.environment)
            configuration = DatabaseShards.configuration(
                standard, limitedTo: needed.union(present).union(configured))
        }
        if configuration.shards.isEmpty { return [] }
        do {
            let bars = DatabaseProgress.isEnabled(
                quiet: options.quiet, progress: options.progress, noProgress: options.noProgress)
            let outcome = try await DatabaseLock.run(databasePath: path) {
                try await DatabaseTransport.with(offline: false) { transport in
                    try await DatabaseCommand.Update.update(
                        configuration: configuration, path: path, transport: transport,
                        quiet: options.quiet || options.noProgress, bars: bars)
                }
            }
            if case .timedOut = outcome, exists {
                return ["another drydock process is still updating \(path); using the DB there as it is"]
            }
            return []
        } catch {
            // openDatabase then reports the missing DB with exit code 4; say why there is none.
            guard exists else { return reportFirstFailure(error, quiet: options.quiet) }
            return ["cannot update the vulnerability DB (\(error)); using the last good DB at \(path)"]
        }
    }

    /// `--db-repository`: pulls when the DB is missing or its next-update time has passed.
    private static func pullIfDue(
        _ text: String, options: ScanOptions, registry: RegistryOptions?, path: String, now: Date
    ) async -> [String] {
        let exists = FileManager.default.fileExists(atPath: path)
        if exists, let metadata = try? DatabaseMetadata.read(forDatabase: path), metadata.nextUpdate >= now {
            return []
        }
        if options.skipDBUpdate || options.offline { return [] }
        do {
            let repositories = try DatabaseRepositories.parse(text, flag: "--db-repository")
            let access = try registry ?? RegistryOptions.parse([])
            let client = try DatabaseRepositories.pullClient(access)
            let bars = DatabaseProgress.isEnabled(
                quiet: options.quiet, progress: options.progress, noProgress: options.noProgress)
            let outcome = try await DatabaseRepositories.pull(
                repositories, path: path, client: client, force: false, bars: bars)
            if case .ran(let result) = outcome {
                return result.failures.map { "--db-repository: skipped \($0)" }
            }
            return []
        } catch {
            guard exists else { return reportFirstFailure(error, quiet: options.quiet) }
            return ["cannot pull the vulnerability DB (\(error)); using the last good DB at \(path)"]
        }
    }

    /// Prints why the first download of a DB failed (the scan then stops with exit code 4).
    private static func reportFirstFailure(_ error: any Error, quiet: Bool) -> [String] {
        if !quiet { Console.error("drydock: cannot download the vulnerability DB: \(error)") }
        return []
    }
}
