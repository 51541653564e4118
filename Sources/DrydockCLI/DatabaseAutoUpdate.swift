import DrydockVulnDB
import Foundation

/// The update a scan makes before opening the default DB, as Trivy does.
///
/// Only the default DB (no `--db`) is updated, only when it is missing or when `db update` made it
/// and `metadata.json`'s next-update time has passed (a DB made with `db build` is never replaced), and never with `--skip-db-update` or `--offline`. A failed update
/// is a warning when a DB is still there (the last good one is used); feeds come from the
/// `DRYDOCK_*_URL` environment variables or the public defaults.
enum DatabaseAutoUpdate {
    /// Updates when due; returns warnings for the report.
    static func runIfDue(options: ScanOptions, now: Date = Date()) async -> [String] {
        guard options.db == nil, !options.skipDBUpdate, !options.offline else { return [] }
        let path = options.databasePath
        let exists = FileManager.default.fileExists(atPath: path)
        if exists {
            // Only a DB that `db update` made from the feeds is refreshed; one built with `db build` is the user's.
            guard let metadata = try? DatabaseMetadata.read(forDatabase: path), metadata.updatedFromFeeds == true,
                metadata.nextUpdate < now
            else {
                return []
            }
        }
        do {
            let configuration = try FeedConfiguration.standard()
            var progress: (@Sendable (URL) -> Void)?
            if !options.quiet && !options.noProgress {
                progress = { url in Console.error("drydock: fetching \(url.absoluteString)") }
            }
            let updater = DatabaseUpdater(
                downloader: FeedDownloader(transport: URLSessionFeedTransport(), onRequest: progress),
                configuration: configuration, databasePath: path,
                feedsDirectory: (path as NSString).deletingLastPathComponent + "/feeds",
                drydockVersion: DrydockCommand.version)
            _ = try await updater.update(now: now)
            return []
        } catch {
            guard exists else { return [] }  // openDatabase reports the missing DB with exit code 4
            return ["cannot update the vulnerability DB (\(error)); using the last good DB at \(path)"]
        }
    }
}
