import DrydockNetwork
import Foundation

/// `drydock db update`: refreshes the feeds in the cache and rebuilds the DB from them.
///
/// Feeds live under `feedsDirectory`: `osv/<ECOSYSTEM>/` (see ``OSVExportSync``),
/// `alpine/<release>/<repository>.json`, `debian/tracker.json`, and the vendor feeds of ``VendorFeedSync``
/// (`redhat/`, `suse/`, `amazon/<release>/`, `fedora/<release>/`, `oracle/`, `photon/<release>/`,
/// `azure/<release>/`, `mariner/<release>/`, `wolfi/`, `chainguard/`). Every file is downloaded to a
/// temporary name and renamed into place. Only when every feed was fetched is the DB rebuilt, and
/// the build itself writes a temporary file renamed over the old DB, so a failed or interrupted
/// update leaves the last good DB (and its `metadata.json`) in place.
public struct DatabaseUpdater: Sendable {
    /// What an update did.
    public struct Summary: Sendable {
        /// The build of the new DB.
        public var build: BuildSummary
        /// The new DB's metadata, as written beside it.
        public var metadata: DatabaseMetadata
        /// OSV ecosystems whose `all.zip` was downloaded.
        public var archivesDownloaded: [String]
        /// OSV records downloaded one by one (`PyPI/GHSA-…`).
        public var recordsDownloaded: [String]
        /// Vendor documents and files downloaded because they changed (`redhat/cve-2024-0727.json`,
        /// `amazon/2023/core`, `oracle/com.oracle.elsa-all.xml.bz2`).
        public var vendorFilesDownloaded: [String] = []
        /// Vendor files the server reported unchanged (conditional requests, an unchanged `repomd.xml` checksum).
        public var vendorFilesUnchanged: [String] = []
        /// Feed warnings (missing Alpine repositories, unreadable list lines) and build warnings.
        public var warnings: [String]
    }

    /// The transport and progress hook.
    public var downloader: FeedDownloader
    /// Feed URLs and selection.
    public var configuration: FeedConfiguration
    /// The DB file to replace.
    public var databasePath: String
    /// Where feeds are kept between updates.
    public var feedsDirectory: String
    /// Recorded in the DB and `metadata.json`.
    public var drydockVersion: String
    /// Called once every feed is fetched, just before the DB is rebuilt (a progress line).
    public var onBuild: (@Sendable () -> Void)?

    /// Creates an updater.
    public init(
        downloader: FeedDownloader, configuration: FeedConfiguration, databasePath: String, feedsDirectory: String,
        drydockVersion: String
    ) {
        self.downloader = downloader
        self.configuration = configuration
        self.databasePath = databasePath
        self.feedsDirectory = feedsDirectory
        self.drydockVersion = drydockVersion
    }

    /// Fetches every configured feed, then rebuilds the DB; throws without touching the DB when any
    /// feed fails.
    public func update(now: Date = Date()) async throws(VulnDBError) -> Summary {
        var sources: [String] = []
        var names: [String] = []
        var archives: [String] = []
        var records: [String] = []
        var warnings: [String] = []
        for ecosystem in configuration.ecosystems {
            let sync = OSVExportSync(
                downloader: downloader, baseURL: configuration.osvBaseURL, ecosystem: ecosystem,
                directory: feedsDirectory + "/osv/" + ecosystem)
            let result = try await sync.sync()
            if result.downloadedArchive { archives.append(ecosystem) }
            records += result.downloadedRecords.map { "\(ecosystem)/\($0)" }
            warnings += result.warnings
            if FileManager.default.fileExists(atPath: sync.recordsDirectory) {
                sources.append(sync.recordsDirectory)
                names.append("osv/\(ecosystem)")
            }
        }
        var alpineFound = false
        for release in configuration.alpineReleases {
            for repository in configuration.alpineRepositories {
                let url = configuration.alpineSecDBBaseURL.appendingPathComponent(release)
                    .appendingPathComponent(repository + ".json")
                let path = "\(feedsDirectory)/alpine/\(release)/\(repository).json"
                if try await downloader.download(url, to: path, allowMissing: true) {
                    alpineFound = true
                } else {
                    warnings.append("\(url.absoluteString): not found (HTTP 404); skipped")
                }
            }
        }
        if alpineFound {
            sources.append(feedsDirectory + "/alpine")
            names.append("alpine")
        }
        if let tracker = configuration.debianTrackerURL {
            let path = feedsDirectory + "/debian/tracker.json"
            try await downloader.download(tracker, to: path)
            sources.append(path)
            names.append("debian-tracker")
        }
        let vendor = try await VendorFeedSync(
            downloader: downloader, configuration: configuration.vendor, feedsDirectory: feedsDirectory
        ).sync()
        sources += vendor.sources.map(\.path)
        names += vendor.sources.map(\.name)
        warnings += vendor.warnings
        guard !sources.isEmpty else {
            throw VulnDBError(
                code: .downloadFailed, reason: "no feed is configured or none could be fetched",
                location: feedsDirectory)
        }
        do {
            try PrivateDirectory.create(atPath: (databasePath as NSString).deletingLastPathComponent)
        } catch {
            throw VulnDBError(
                code: .ioFailure, reason: "cannot create the DB directory", location: databasePath,
                underlying: "\(error)")
        }
        onBuild?()
        var made: DatabaseMetadata?
        let build = try DatabaseBuilder.build(
            output: databasePath, sources: sources, builtAt: now, drydockVersion: drydockVersion,
            metadata: { (build) throws(VulnDBError) -> DatabaseMetadata in
                var metadata = try DatabaseMetadata.make(
                    for: build, builtAt: now, updateInterval: configuration.updateInterval,
                    drydockVersion: drydockVersion, names: names, fromFeeds: true)
                metadata.shards = configuration.shards
                made = metadata
                return metadata
            })
        guard let metadata = made else {
            throw VulnDBError(code: .ioFailure, reason: "no metadata was written", location: databasePath)
        }
        return Summary(
            build: build, metadata: metadata, archivesDownloaded: archives, recordsDownloaded: records,
            vendorFilesDownloaded: vendor.downloaded, vendorFilesUnchanged: vendor.unchanged,
            warnings: warnings + build.warnings)
    }
}
