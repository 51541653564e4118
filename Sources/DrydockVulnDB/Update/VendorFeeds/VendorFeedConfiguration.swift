import Foundation

/// The distribution feeds `db update` fetches from their vendors rather than from OSV's bucket: where each is
/// published, and which shards (one per vendor, or per release where the vendor publishes per release) to keep.
/// Every URL can be changed (environment variables, `db update` flags) so mirrors and tests can serve the feeds.
///
/// | shard | feed | published at |
/// |---|---|---|
/// | `redhat` | Red Hat CSAF VEX (archive, then `changes.csv`) | ``redHatVEXURL`` |
/// | `suse` | SUSE CSAF VEX (`csaf-vex.tar.bz2`, then `changes.csv`) | ``suseSecurityURL`` |
/// | `amazon/1`, `amazon/2`, `amazon/2022`, `amazon/2023` | ALAS `updateinfo.xml` of the core (and extras, livepatch) repositories | ``amazonLinuxURL``, ``amazonLinux1URL`` |
/// | `fedora/<release>` | the `updates` repository's `updateinfo.xml` | ``fedoraUpdatesURL`` |
/// | `oracle` | `com.oracle.elsa-all.xml.bz2` (every Oracle Linux release) | ``oracleOVALURL`` |
/// | `photon/<release>` | `photon_oval_definitions/com.vmware.phsa-photonN.xml`, `photon_cve_metadata/cve_data_photonR.json` | ``photonBaseURL`` |
/// | `azure/<release>`, `mariner/<release>` | `azurelinux-3.0-oval.xml`, `cbl-mariner-2.0-oval.xml` | ``microsoftOVALBaseURL`` |
/// | `wolfi`, `chainguard` | the package index's `security.json` | ``wolfiSecDBURL``, ``chainguardSecDBURL`` |
///
/// Ubuntu, AlmaLinux and Rocky Linux come from OSV's bucket (`osv/Ubuntu`, `osv/Rocky Linux`), which mirrors the
/// vendors' own OSV records and lists changed records in `modified_id.csv`.
public struct VendorFeedConfiguration: Sendable, Hashable {
    /// Red Hat's CSAF VEX directory (`…/csaf/v2/vex`: `archive_latest.txt`, `changes.csv`, `<year>/cve-….json`).
    public var redHatVEXURL = publicFeed("https://security.access.redhat.com/data/csaf/v2/vex")
    /// SUSE's security data (`…/security`: `csaf-vex/` with `changes.csv`, and `csaf-vex.tar.bz2`).
    public var suseSecurityURL = publicFeed("https://ftp.suse.com/pub/projects/security")
    /// Amazon Linux 2, 2022 and 2023 repositories (`…/2/core/latest/x86_64/mirror.list`,
    /// `…/al2023/core/mirrors/latest/x86_64/mirror.list`).
    public var amazonLinuxURL = publicFeed("https://cdn.amazonlinux.com")
    /// Amazon Linux 1 (2018.03) repositories (`…/latest/main/mirror.list`, `…/latest/updates/mirror.list`).
    public var amazonLinux1URL = publicFeed("http://repo.us-east-1.amazonaws.com")
    /// Fedora's updates repositories (`…/<release>/Everything/x86_64/repodata/repomd.xml`).
    public var fedoraUpdatesURL = publicFeed("https://dl.fedoraproject.org/pub/fedora/linux/updates")
    /// Amazon Linux 2 extras whose updateinfo is fetched besides the core repository (`kernel-5.15`, `docker`).
    public var amazonLinux2Extras = defaultAmazonLinux2Extras
    /// Oracle's ELSA OVAL, all releases in one file.
    public var oracleOVALURL = publicFeed("https://linux.oracle.com/security/oval/com.oracle.elsa-all.xml.bz2")
    /// Photon OS's download area: `photon_oval_definitions/` and `photon_cve_metadata/` below it.
    public var photonBaseURL = publicFeed("https://packages.vmware.com/photon")
    /// Microsoft's Azure Linux and CBL-Mariner OVAL files (one per release), as served raw.
    public var microsoftOVALBaseURL = publicFeed(
        "https://raw.githubusercontent.com/microsoft/AzureLinuxVulnerabilityData/main")
    /// Wolfi's package index secdb.
    public var wolfiSecDBURL = publicFeed("https://packages.wolfi.dev/os/security.json")
    /// Chainguard's package index secdb.
    public var chainguardSecDBURL = publicFeed("https://packages.cgr.dev/chainguard/security.json")
    /// The vendor shards to fetch (`redhat`, `amazon/2023`, `oracle`, `photon/5.0`, `wolfi`, …); none by default
    /// (a scan's update adds the ones its image needs).
    public var shards: [String] = []

    /// Amazon Linux 2 extras with security updates (the kernels, livepatches and the most used topics).
    public static let defaultAmazonLinux2Extras = [
        "kernel-5.4", "kernel-5.10", "kernel-5.15", "livepatch", "docker", "nginx1", "postgresql14", "redis6",
        "mariadb10.5", "php8.2", "python3.8", "ruby3.0", "corretto8", "golang1.19", "epel",
    ]

    /// The public feeds; `shards` to fetch (none by default).
    public init(shards: [String] = []) {
        self.shards = shards
    }

    /// The public feeds with URLs from the environment where set (`DRYDOCK_REDHAT_VEX_URL`, `DRYDOCK_SUSE_URL`,
    /// `DRYDOCK_AMAZON_LINUX_URL`, `DRYDOCK_AMAZON_LINUX1_URL`, `DRYDOCK_FEDORA_UPDATES_URL`,
    /// `DRYDOCK_ORACLE_OVAL_URL`, `DRYDOCK_PHOTON_URL`, `DRYDOCK_MICROSOFT_OVAL_URL`, `DRYDOCK_WOLFI_SECDB_URL`,
    /// `DRYDOCK_CHAINGUARD_SECDB_URL`), the Amazon Linux 2 extras from `DRYDOCK_AMAZON_LINUX2_EXTRAS` and the
    /// shards from `DRYDOCK_DB_VENDOR_FEEDS` (comma-separated).
    public static func standard(environment: [String: String]) throws(VulnDBError) -> VendorFeedConfiguration {
        var configuration = VendorFeedConfiguration(
            shards: FeedConfiguration.list(environment["DRYDOCK_DB_VENDOR_FEEDS"]) ?? [])
        let variables: [(String, WritableKeyPath<VendorFeedConfiguration, URL>)] = [
            ("DRYDOCK_REDHAT_VEX_URL", \.redHatVEXURL), ("DRYDOCK_SUSE_URL", \.suseSecurityURL),
            ("DRYDOCK_AMAZON_LINUX_URL", \.amazonLinuxURL), ("DRYDOCK_AMAZON_LINUX1_URL", \.amazonLinux1URL),
            ("DRYDOCK_FEDORA_UPDATES_URL", \.fedoraUpdatesURL), ("DRYDOCK_ORACLE_OVAL_URL", \.oracleOVALURL),
            ("DRYDOCK_PHOTON_URL", \.photonBaseURL), ("DRYDOCK_MICROSOFT_OVAL_URL", \.microsoftOVALBaseURL),
            ("DRYDOCK_WOLFI_SECDB_URL", \.wolfiSecDBURL), ("DRYDOCK_CHAINGUARD_SECDB_URL", \.chainguardSecDBURL),
        ]
        for (variable, keyPath) in variables {
            guard let text = environment[variable], !text.isEmpty else { continue }
            guard let url = URL(string: text), url.scheme != nil else {
                throw VulnDBError(code: .malformedInput, reason: "\(variable) is not a URL", location: text)
            }
            configuration[keyPath: keyPath] = url
        }
        if let extras = FeedConfiguration.list(environment["DRYDOCK_AMAZON_LINUX2_EXTRAS"]) {
            configuration.amazonLinux2Extras = extras
        }
        return configuration
    }

    /// Whether `shard` names a vendor feed this configuration can fetch: `redhat`, `suse`, `amazon/1`, `amazon/2`,
    /// `amazon/2022`, `amazon/2023`, `fedora/<number>`, `oracle`, `photon/<release>`, `azure/<release>`,
    /// `mariner/<release>`, `wolfi`, `chainguard`.
    public static func isVendorShard(_ shard: String) -> Bool {
        let parts = shard.split(separator: "/", maxSplits: 1).map(String.init)
        let release = parts.count == 2 ? parts[1] : nil
        switch (parts.first, release) {
        case ("redhat", nil), ("suse", nil), ("oracle", nil), ("wolfi", nil), ("chainguard", nil): return true
        case ("amazon", let release?): return ["1", "2", "2022", "2023"].contains(release)
        case ("fedora", let release?): return !release.isEmpty && release.allSatisfy(\.isNumber)
        case ("photon", let release?), ("azure", let release?), ("mariner", let release?):
            return !release.isEmpty && release.allSatisfy { $0.isNumber || $0 == "." }
        default: return false
        }
    }

    /// The vendor shards, as usage messages list them.
    public static let shardNames =
        "redhat, suse, amazon/1, amazon/2, amazon/2022, amazon/2023, fedora/RELEASE, oracle, photon/RELEASE, "
        + "azure/RELEASE, mariner/RELEASE, wolfi, chainguard"

    /// One file of a single-file shard: where it is published and where the cache keeps it (below the feeds
    /// directory, in the shard's folder).
    public struct File: Sendable, Hashable {
        public var url: URL
        public var path: String
    }

    /// The files of a shard whose feed is one file or two (Oracle, Photon, Azure Linux, CBL-Mariner, Wolfi,
    /// Chainguard); `nil` for other shards. Photon's two files are each optional (a release may publish only
    /// one); every other file is required.
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

/// A URL written in this file (always valid).
private func publicFeed(_ text: String) -> URL { URL(string: text) ?? URL(fileURLWithPath: "/") }
