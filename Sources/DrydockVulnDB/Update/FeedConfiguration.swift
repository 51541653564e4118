import Foundation

/// Where `drydock db update` downloads feeds from, and which ones it keeps.
///
/// Every base URL can be changed (flags, or the `DRYDOCK_OSV_URL`, `DRYDOCK_ALPINE_SECDB_URL`,
/// `DRYDOCK_DEBIAN_TRACKER_URL` and ``VendorFeedConfiguration``'s environment variables), so mirrors and tests can
/// serve the feeds.
public struct FeedConfiguration: Sendable, Hashable {
    /// OSV's export bucket: `<base>/<ECOSYSTEM>/all.zip`, `modified_id.csv`, `<ID>.json`.
    public var osvBaseURL: URL
    /// Alpine's secdb: `<base>/<release>/<repository>.json`.
    public var alpineSecDBBaseURL: URL
    /// The Debian security tracker's JSON, or `nil` to skip Debian.
    public var debianTrackerURL: URL?
    /// OSV ecosystems to keep, as OSV names them (`PyPI`, `Go`, `npm`, `crates.io`, `Debian`).
    public var ecosystems: [String]
    /// Alpine releases to fetch (`v3.20`); empty skips Alpine.
    public var alpineReleases: [String]
    /// Alpine repositories per release.
    public var alpineRepositories: [String]
    /// How long a DB counts as current: `metadata.json`'s next-update time is the build time plus this.
    public var updateInterval: TimeInterval
    /// Distribution feeds fetched from their vendors (CSAF, updateinfo, OVAL, secdb, CVE metadata) and which of
    /// them to keep.
    public var vendor = VendorFeedConfiguration()

    /// The public OSV bucket.
    public static let defaultOSVBaseURL = URL(string: "https://osv-vulnerabilities.storage.googleapis.com")
    /// The public Alpine secdb.
    public static let defaultAlpineSecDBBaseURL = URL(string: "https://secdb.alpinelinux.org")
    /// The public Debian tracker JSON.
    public static let defaultDebianTrackerURL = URL(string: "https://security-tracker.debian.org/tracker/data/json")
    /// Language ecosystems the scanner matches.
    public static let defaultEcosystems = ["PyPI", "Go", "npm", "crates.io", "Maven", "RubyGems", "NuGet", "Packagist"]
    /// Alpine releases still in support.
    public static let defaultAlpineReleases = ["v3.19", "v3.20", "v3.21", "v3.22"]

    /// Creates a configuration.
    public init(
        osvBaseURL: URL, alpineSecDBBaseURL: URL, debianTrackerURL: URL?, ecosystems: [String],
        alpineReleases: [String], alpineRepositories: [String] = ["main", "community"],
        updateInterval: TimeInterval = 24 * 3600
    ) {
        self.osvBaseURL = osvBaseURL
        self.alpineSecDBBaseURL = alpineSecDBBaseURL
        self.debianTrackerURL = debianTrackerURL
        self.ecosystems = ecosystems
        self.alpineReleases = alpineReleases
        self.alpineRepositories = alpineRepositories
        self.updateInterval = updateInterval
    }

    /// A comma-separated list (`PyPI,Go`; `none` is the empty list), or `nil` when `text` is unset or blank.
    public static func list(_ text: String?) -> [String]? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return items == ["none"] ? [] : items
    }

    /// The public feeds, with base URLs overridden by the environment where set, and the shard lists
    /// from `DRYDOCK_DB_ECOSYSTEMS` and `DRYDOCK_DB_ALPINE_RELEASES` (comma-separated) where set.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(VulnDBError) -> FeedConfiguration
    {
        func url(_ variable: String, _ fallback: URL?) throws(VulnDBError) -> URL {
            if let text = environment[variable], !text.isEmpty {
                guard let url = URL(string: text), url.scheme != nil else {
                    throw VulnDBError(code: .malformedInput, reason: "\(variable) is not a URL", location: text)
                }
                return url
            }
            guard let fallback else {
                throw VulnDBError(code: .malformedInput, reason: "no default URL", location: variable)
            }
            return fallback
        }
        var configuration = FeedConfiguration(
            osvBaseURL: try url("DRYDOCK_OSV_URL", defaultOSVBaseURL),
            alpineSecDBBaseURL: try url("DRYDOCK_ALPINE_SECDB_URL", defaultAlpineSecDBBaseURL),
            debianTrackerURL: try url("DRYDOCK_DEBIAN_TRACKER_URL", defaultDebianTrackerURL),
            ecosystems: list(environment["DRYDOCK_DB_ECOSYSTEMS"]) ?? defaultEcosystems,
            alpineReleases: list(environment["DRYDOCK_DB_ALPINE_RELEASES"]) ?? defaultAlpineReleases)
        configuration.vendor = try VendorFeedConfiguration.standard(environment: environment)
        return configuration
    }
}
