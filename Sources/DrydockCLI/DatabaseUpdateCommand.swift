import ArgumentParser
import DrydockNetwork
import DrydockVulnDB
import Foundation

extension DatabaseCommand {
    /// `drydock db update`: fetch the public feeds into the cache and rebuild the DB.
    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download the advisory feeds and rebuild the vulnerability DB.",
            discussion: """
                Fetches OSV's per-ecosystem exports (all.zip the first time, then only the records \
                modified_id.csv lists as changed), Alpine secdb files per release, the Debian security \
                tracker JSON and, with --vendor-feeds, the distributions' own feeds: Red Hat's and SUSE's CSAF \
                VEX (archive the first time, then changes.csv), Amazon Linux's and Fedora's updateinfo (when \
                repomd.xml changed), Oracle's, Photon's, Azure Linux's and CBL-Mariner's OVAL, Photon's CVE \
                metadata and Wolfi's and Chainguard's secdb (fetched again only when the server reports a \
                change) into CACHE_DIR/db/feeds, then rebuilds the DB. The DB is replaced only when \
                everything succeeded; after a failure the last good DB stays in place. Base URLs can also \
                be set with DRYDOCK_OSV_URL, DRYDOCK_ALPINE_SECDB_URL, DRYDOCK_DEBIAN_TRACKER_URL, \
                DRYDOCK_REDHAT_VEX_URL, DRYDOCK_SUSE_URL, DRYDOCK_AMAZON_LINUX_URL, DRYDOCK_AMAZON_LINUX1_URL, \
                DRYDOCK_FEDORA_UPDATES_URL, DRYDOCK_ORACLE_OVAL_URL, DRYDOCK_PHOTON_URL, \
                DRYDOCK_MICROSOFT_OVAL_URL, DRYDOCK_WOLFI_SECDB_URL and DRYDOCK_CHAINGUARD_SECDB_URL; vendor \
                feeds with DRYDOCK_DB_VENDOR_FEEDS.
                """
        )

        @Option(name: .long, help: "Vulnerability DB file (default: CACHE_DIR/db/drydock.db).")
        var db: String?

        @Option(name: .long, help: "Cache directory (default: $XDG_CACHE_HOME/drydock or ~/.cache/drydock).")
        var cacheDir: String?

        @Option(name: .long, help: "OSV ecosystems to keep, comma-separated (default: the language ecosystems).")
        var ecosystems: String?

        @Option(name: .long, help: "Alpine releases, comma-separated (v3.20,v3.21); 'none' skips Alpine.")
        var alpineReleases: String?

        @Flag(name: .long, help: "Do not fetch the Debian security tracker.")
        var noDebian = false

        @Option(name: .long, help: "OSV export base URL.")
        var osvURL: String?

        @Option(name: .long, help: "Alpine secdb base URL.")
        var alpineURL: String?

        @Option(name: .long, help: "Debian security tracker JSON URL.")
        var debianURL: String?

        @Option(
            name: .long,
            help: """
                Distribution feeds fetched from their vendors, comma-separated: redhat, suse, amazon/1, amazon/2, \
                amazon/2022, amazon/2023, fedora/RELEASE, oracle, photon/RELEASE, azure/RELEASE, mariner/RELEASE, \
                wolfi, chainguard (default: none; a scan fetches the ones its image needs).
                """)
        var vendorFeeds: String?

        @Option(name: .long, help: "Red Hat CSAF VEX directory URL (…/csaf/v2/vex).")
        var redhatURL: String?

        @Option(name: .long, help: "SUSE security data URL (…/pub/projects/security).")
        var suseURL: String?

        @Option(name: .long, help: "Amazon Linux 2/2022/2023 repositories URL.")
        var amazonURL: String?

        @Option(name: .long, help: "Fedora updates repositories URL (…/fedora/linux/updates).")
        var fedoraURL: String?

        @Flag(name: .long, help: "Refuse: an update needs the network (use 'drydock db import' offline).")
        var offline = false

        @OptionGroup var display: DatabaseProgressOptions

        mutating func run() async throws {
            if offline {
                throw CommandFailure(
                    .usage, "--offline: 'db update' needs the network; copy a bundle and use 'drydock db import FILE'")
            }
            let paths = CachePaths(override: cacheDir)
            let path = db ?? paths.databaseFile
            var configuration: FeedConfiguration
            do {
                configuration = try FeedConfiguration.standard()
            } catch {
                throw CommandFailure(.usage, "\(error)")
            }
            func url(_ text: String?, flag: String) throws -> URL? {
                guard let text else { return nil }
                guard let url = URL(string: text), url.scheme != nil else {
                    throw CommandFailure(.usage, "\(flag) \(text): not a URL")
                }
                return url
            }
            if let value = try url(osvURL, flag: "--osv-url") { configuration.osvBaseURL = value }
            if let value = try url(alpineURL, flag: "--alpine-url") { configuration.alpineSecDBBaseURL = value }
            if let value = try url(debianURL, flag: "--debian-url") { configuration.debianTrackerURL = value }
            if noDebian { configuration.debianTrackerURL = nil }
            if let ecosystems { configuration.ecosystems = Self.list(ecosystems) }
            if let value = try url(redhatURL, flag: "--redhat-url") { configuration.vendor.redHatVEXURL = value }
            if let value = try url(suseURL, flag: "--suse-url") { configuration.vendor.suseSecurityURL = value }
            if let value = try url(amazonURL, flag: "--amazon-url") { configuration.vendor.amazonLinuxURL = value }
            if let value = try url(fedoraURL, flag: "--fedora-url") { configuration.vendor.fedoraUpdatesURL = value }
            if let alpineReleases { configuration.alpineReleases = Self.list(alpineReleases) }
            if let vendorFeeds {
                configuration.vendor.shards = Self.list(vendorFeeds)
                for shard in configuration.vendor.shards where !VendorFeedConfiguration.isVendorShard(shard) {
                    throw CommandFailure(
                        .usage, "--vendor-feeds \(shard): not a vendor feed (\(VendorFeedConfiguration.shardNames))")
                }
            }
            let bars = display.bars
            let outcome = try await DatabaseLock.run(databasePath: path) {
                try await DatabaseTransport.with(offline: false) { transport in
                    try await Self.update(
                        configuration: configuration, path: path, transport: transport, quiet: display.quiet, bars: bars
                    )
                }
            }
            switch outcome {
            case .ran(let summary):
                if !display.quiet {
                    for warning in summary.warnings { Console.error("drydock: warning: \(warning)") }
                }
                var text = "Updated \(path): \(summary.build.advisoryCount) advisories, "
                text += "\(summary.build.affectedCount) affected-package records, \(summary.metadata.digest)\n"
                if !summary.archivesDownloaded.isEmpty {
                    text += "  full exports: \(summary.archivesDownloaded.joined(separator: ", "))\n"
                }
                text += "  changed records downloaded: \(summary.recordsDownloaded.count)\n"
                if !summary.vendorFilesDownloaded.isEmpty || !summary.vendorFilesUnchanged.isEmpty {
                    text += "  vendor feed files downloaded: \(summary.vendorFilesDownloaded.count), "
                    text += "unchanged: \(summary.vendorFilesUnchanged.count)\n"
                }
                Console.output(text)
            case .updatedByOther(let metadata):
                Console.output(
                    "Updated \(path) by another drydock process while this one waited: \(metadata.digest)\n")
            case .timedOut:
                throw CommandFailure(
                    .database,
                    "another drydock process is still updating \(path) (waited \(Int(DatabaseLock.defaultTimeout)) s); "
                        + "the DB there is left as it is")
            }
        }

        /// Fetches the feeds and rebuilds the DB; the caller holds the update lock.
        static func update(
            configuration: FeedConfiguration, path: String, transport: any HTTPTransport, quiet: Bool, bars: Bool
        ) async throws -> DatabaseUpdater.Summary {
            let line = bars ? DatabaseProgressLine() : nil
            defer { line?.finish() }
            var updater = DatabaseUpdater(
                downloader: DatabaseTransport.downloader(transport: transport, quiet: quiet, line: line),
                configuration: configuration, databasePath: path,
                feedsDirectory: (path as NSString).deletingLastPathComponent + "/feeds",
                drydockVersion: DrydockCommand.version)
            if let line { updater.onBuild = { line.status("building the vulnerability DB…") } }
            do {
                return try await updater.update()
            } catch {
                let kept = FileManager.default.fileExists(atPath: path) ? "; the last good DB is kept at \(path)" : ""
                throw CommandFailure(.database, "cannot update the vulnerability DB: \(error)\(kept)")
            }
        }

        static func list(_ text: String) -> [String] {
            FeedConfiguration.list(text) ?? []
        }
    }

    /// `drydock db import FILE`: install a DB bundle (air-gapped networks).
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Install a DB bundle (a tar of drydock.db and metadata.json) made by 'drydock db export'.",
            discussion: """
                The bundle's DB is verified (its SHA-256 must equal metadata.json's digest, and it must open \
                as a DB of this schema version) before it replaces the current DB by an atomic rename.
                """
        )

        @Argument(help: "The bundle file.")
        var file: String

        @Option(name: .long, help: "Vulnerability DB file to install (default: CACHE_DIR/db/drydock.db).")
        var db: String?

        @Option(name: .long, help: "Cache directory (default: $XDG_CACHE_HOME/drydock or ~/.cache/drydock).")
        var cacheDir: String?

        mutating func run() async throws {
            let path = db ?? CachePaths(override: cacheDir).databaseFile
            guard FileManager.default.fileExists(atPath: file) else {
                throw CommandFailure(.usage, "bundle \(file) does not exist")
            }
            let bundle = file
            let outcome = try await DatabaseLock.run(databasePath: path, always: true) {
                do {
                    return try DatabaseBundle.install(bundlePath: bundle, databasePath: path)
                } catch {
                    throw CommandFailure(.database, "cannot import DB bundle \(bundle): \(error)")
                }
            }
            guard case .ran(let metadata) = outcome else {
                throw CommandFailure(.database, "another drydock process is still updating \(path); nothing imported")
            }
            Console.output("Installed \(path): \(metadata.digest), built \(Timestamp.format(metadata.builtAt))\n")
        }
    }

    /// `drydock db export --output FILE`: write a DB bundle.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the DB and its metadata.json as one bundle file for 'drydock db import'.")

        @Option(name: [.customShort("o"), .long], help: "The bundle file to write.")
        var output: String

        @Option(name: .long, help: "Vulnerability DB file (default: CACHE_DIR/db/drydock.db).")
        var db: String?

        @Option(name: .long, help: "Cache directory (default: $XDG_CACHE_HOME/drydock or ~/.cache/drydock).")
        var cacheDir: String?

        mutating func run() async throws {
            let path = db ?? CachePaths(override: cacheDir).databaseFile
            do {
                try DatabaseBundle.export(databasePath: path, to: output)
                Console.output("Wrote \(output)\n")
            } catch {
                throw CommandFailure(.database, "cannot export vulnerability DB \(path): \(error)")
            }
        }
    }
}
