import DrydockRepository
import Foundation
import Logging
import ServiceLifecycle

/// Keeps the server's vulnerability DB current and rescans the repository after each update.
///
/// Every replica refreshes its own DB file with the CLI's update machinery (`db update` from the feeds or
/// `db pull` from an OCI repository, injected as ``update``), so each matches with a current DB; the rescan
/// that follows runs on one replica per store (``RescanService`` takes the store's `rescan` lock and
/// records the DB build it rescanned for).
public struct DatabaseRefresher: Service {
    public let database: DatabaseHolder
    public let rescans: RescanService
    public let metrics: ServerMetrics?
    public let logger: Logger
    /// Time between update checks; `nil` runs one check at start only.
    public var interval: Duration?
    /// Updates the DB file at ``DatabaseHolder/path`` when due (the CLI's `db update` or `db pull`); `nil`
    /// never updates (the DB is replaced by other means, `--skip-db-update`), but a DB file replaced on disk
    /// is still picked up and rescanned for.
    public var update: (@Sendable () async throws -> Void)?

    public init(
        database: DatabaseHolder, rescans: RescanService, metrics: ServerMetrics?, logger: Logger,
        interval: Duration?, update: (@Sendable () async throws -> Void)?
    ) {
        self.database = database
        self.rescans = rescans
        self.metrics = metrics
        self.logger = logger
        self.interval = interval
        self.update = update
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await refreshOnce()
                guard let interval else {
                    // One check only: stay up until shutdown (a service that returns stops the server).
                    try? await gracefulShutdown()
                    return
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// A hard link to the DB file last loaded and rescanned for: the update (or whatever replaces the file)
    /// renames a new file over the path, and this keeps the old content to compare with.
    var previousPath: String { database.path + ".previous" }

    /// Updates the DB if due, loads it when its build changed, and rescans for it.
    @discardableResult
    public func refreshOnce() async -> RescanOutcome? {
        let before = database.builtAt
        if let update {
            do {
                try await update()
            } catch {
                logger.warning("vulnerability DB update failed; keeping the DB in use", metadata: ["error": "\(error)"])
            }
        }
        guard FileManager.default.fileExists(atPath: database.path), database.reloadIfChanged() else { return nil }
        if database.builtAt != before {
            metrics?.databaseUpdates.increment()
            logger.info(
                "vulnerability DB loaded", metadata: ["built-at": "\(database.builtAt.map { "\($0)" } ?? "unknown")"])
        }
        do {
            let previous = before == nil ? nil : previousPath
            let outcome = try await rescans.rescanIfNeeded(previous: previous, previousBuiltAt: before)
            if let outcome { metrics?.rescanChanges.increment(by: Int64(outcome.changes.count)) }
            // Rescanned for (or nothing to do): the next update is compared with this build. After a failed
            // rescan the old copy stays, so the next attempt compares with it again.
            if database.builtAt != before || !FileManager.default.fileExists(atPath: previousPath) {
                keepForComparison()
            }
            return outcome
        } catch {
            logger.error("rescan failed", metadata: ["error": "\(error)"])
            return nil
        }
    }

    /// Points ``previousPath`` at the DB file now in use.
    private func keepForComparison() {
        try? FileManager.default.removeItem(atPath: previousPath)
        do {
            try FileManager.default.linkItem(atPath: database.path, toPath: previousPath)
        } catch {
            logger.warning(
                "cannot keep a link to the DB for the next comparison; the next rescan matches every package",
                metadata: ["error": "\(error)"])
        }
    }
}
