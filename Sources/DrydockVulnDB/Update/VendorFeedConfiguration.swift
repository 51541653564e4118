import Foundation

/// The distribution feeds `db update` fetches from their vendors rather than from OSV's bucket: where each
/// is published and which shards (one per release where the vendor publishes per release) to keep.
///
/// | shard | files | published at |
/// |---|---|---|
/// | `oracle` | `com.oracle.elsa-all.xml.bz2` (every Oracle Linux release) | ``defaultOracleOVALURL`` |
/// | `photon/5.0` | `photon_oval_definitions/com.vmware.phsa-photon5.xml`, `photon_cve_metadata/cve_data_photon5.0.json` | ``defaultPhotonBaseURL`` |
/// | `azure/3.0` | `azurelinux-3.0-oval.xml` | ``defaultMicrosoftOVALBaseURL`` |
/// | `mariner/2.0` | `cbl-mariner-2.0-oval.xml` | ``defaultMicrosoftOVALBaseURL`` |
/// | `wolfi` | `security.json` of Wolfi's index | ``defaultWolfiSecDBURL`` |
/// | `chainguard` | `security.json` of Chainguard's index | ``defaultChainguardSecDBURL`` |
///
/// Ubuntu and Rocky Linux come from OSV's bucket (`osv/Ubuntu`, `osv/Rocky Linux`), which mirrors
/// Canonical's and Rocky's own OSV records and lists changed records in `modified_id.csv`.
public struct VendorFeedConfiguration: Sendable, Hashable {
    /// Oracle's ELSA OVAL, all releases in one file.
    public var oracleOVALURL: URL
    /// Photon OS's download area: `photon_oval_definitions/` and `photon_cve_metadata/` below it.
    public var photonBaseURL: URL
    /// Microsoft's Azure Linux and CBL-Mariner OVAL files (one per release).
    public var microsoftOVALBaseURL: URL
    /// Wolfi's secdb.
    public var wolfiSecDBURL: URL
    /// Chainguard's secdb.
    public var chainguardSecDBURL: URL
    /// The vendor shards to fetch (`oracle`, `photon/5.0`, `azure/3.0`, `mariner/2.0`, `wolfi`, `chainguard`).
    public var shards: [String]

    /// `linux.oracle.com`'s OVAL download.
    public static let defaultOracleOVALURL = fixed("https://linux.oracle.com/security/oval/com.oracle.elsa-all.xml.bz2")
    /// Broadcom's Photon OS package server.
    public static let defaultPhotonBaseURL = fixed("https://packages.vmware.com/photon")
    /// microsoft/AzureLinuxVulnerabilityData, as served raw.
    public static let defaultMicrosoftOVALBaseURL = fixed(
        "https://raw.githubusercontent.com/microsoft/AzureLinuxVulnerabilityData/main")
    /// Wolfi's package index secdb.
    public static let defaultWolfiSecDBURL = fixed("https://packages.wolfi.dev/os/security.json")
    /// Chainguard's package index secdb.
    public static let defaultChainguardSecDBURL = fixed("https://packages.cgr.dev/chainguard/security.json")

    /// A URL written in this file (always valid).
    private static func fixed(_ text: String) -> URL { URL(string: text) ?? URL(fileURLWithPath: "/") }

    /// Creates a configuration; by default no vendor shard is fetched (scans add the ones they need).
    public init(
        oracleOVALURL: URL = defaultOracleOVALURL, photonBaseURL: URL = defaultPhotonBaseURL,
        microsoftOVALBaseURL: URL = defaultMicrosoftOVALBaseURL, wolfiSecDBURL: URL = defaultWolfiSecDBURL,
        chainguardSecDBURL: URL = defaultChainguardSecDBURL, shards: [String] = []
    ) {
        self.oracleOVALURL = oracleOVALURL
        self.photonBaseURL = photonBaseURL
        self.microsoftOVALBaseURL = microsoftOVALBaseURL
        self.wolfiSecDBURL = wolfiSecDBURL
        self.chainguardSecDBURL = chainguardSecDBURL
        self.shards = shards
    }

    /// The defaults with URLs from `DRYDOCK_ORACLE_OVAL_URL`, `DRYDOCK_PHOTON_URL`,
    /// `DRYDOCK_MICROSOFT_OVAL_URL`, `DRYDOCK_WOLFI_SECDB_URL`, `DRYDOCK_CHAINGUARD_SECDB_URL` and the shards
    /// from `DRYDOCK_DB_VENDOR_FEEDS` (comma-separated) where set.
    public static func standard(environment: [String: String]) throws(VulnDBError) -> VendorFeedConfiguration {
        func url(_ variable: String, _ fallback: URL) throws(VulnDBError) -> URL {
            guard let text = environment[variable], !text.isEmpty else { return fallback }
            guard let url = URL(string: text), url.scheme != nil else {
                throw VulnDBError(code: .malformedInput, reason: "\(variable) is not a URL", location: text)
            }
            return url
        }
        return VendorFeedConfiguration(
            oracleOVALURL: try url("DRYDOCK_ORACLE_OVAL_URL", defaultOracleOVALURL),
            photonBaseURL: try url("DRYDOCK_PHOTON_URL", defaultPhotonBaseURL),
            microsoftOVALBaseURL: try url("DRYDOCK_MICROSOFT_OVAL_URL", defaultMicrosoftOVALBaseURL),
            wolfiSecDBURL: try url("DRYDOCK_WOLFI_SECDB_URL", defaultWolfiSecDBURL),
            chainguardSecDBURL: try url("DRYDOCK_CHAINGUARD_SECDB_URL", defaultChainguardSecDBURL),
            shards: FeedConfiguration.list(environment["DRYDOCK_DB_VENDOR_FEEDS"]) ?? [])
    }

    /// One file of a shard: where it is published and where the cache keeps it (below the feeds directory).
    public struct File: Sendable, Hashable {
        public var url: URL
        public var path: String
    }

    /// Whether `shard` is a vendor shard name (`oracle`, `photon/5.0`, …).
    public static func isVendorShard(_ shard: String) -> Bool {
        let kind = shard.split(separator: "/").first.map(String.init) ?? shard
        return ["oracle", "photon", "azure", "mariner", "wolfi", "chainguard"].contains(kind)
    }

    /// The files of a shard; `nil` for a name that is not a vendor shard. Photon's two files are each
    /// optional (a release may publish only one); every other file is required.
    public func files(of shard: String) -> [File]? {
        let parts = shard.split(separator: "/", maxSplits: 1).map(String.init)
        let release = parts.count == 2 ? parts[1] : nil
        switch (parts.first, release) {
        case ("oracle", nil):
            return [File(url: oracleOVALURL, path: "oracle/com.oracle.elsa-all.xml.bz2")]
        case ("photon", let release?):
            let major = release.split(separator: ".").first.map(String.init) ?? release
            return [
                File(
                    url: photonBaseURL.appendingPathComponent("photon_oval_definitions")
                        .appendingPathComponent("com.vmware.phsa-photon\(major).xml"),
                    path: "photon/\(release)/com.vmware.phsa-photon\(major).xml"),
                File(
                    url: photonBaseURL.appendingPathComponent("photon_cve_metadata")
                        .appendingPathComponent("cve_data_photon\(release).json"),
                    path: "photon/\(release)/cve_data_photon\(release).json"),
            ]
        case ("azure", let release?):
            return [
                File(
                    url: microsoftOVALBaseURL.appendingPathComponent("azurelinux-\(release)-oval.xml"),
                    path: "azure/\(release)/azurelinux-\(release)-oval.xml")
            ]
        case ("mariner", let release?):
            return [
                File(
                    url: microsoftOVALBaseURL.appendingPathComponent("cbl-mariner-\(release)-oval.xml"),
                    path: "mariner/\(release)/cbl-mariner-\(release)-oval.xml")
            ]
        case ("wolfi", nil): return [File(url: wolfiSecDBURL, path: "wolfi/security.json")]
        case ("chainguard", nil): return [File(url: chainguardSecDBURL, path: "chainguard/security.json")]
        default: return nil
        }
    }
}
