import DrydockModel
import Foundation

/// Feed shards: the parts of the public feeds a DB can be built from, fetched on demand.
///
/// A shard is named `osv/<ECOSYSTEM>` (one OSV export, `osv/PyPI`), `alpine/<release>` (one Alpine
/// secdb release, `alpine/v3.20`), `debian` (the Debian security tracker), or a vendor feed of
/// ``VendorFeedConfiguration`` (`redhat`, `suse`, `amazon/2023`, `fedora/40`, `oracle`, `photon/5.0`, `wolfi`, …).
/// By default a scan's update fetches only the shards its inventory needs, and adds shards as new ecosystems
/// appear; `metadata.json` lists the shards a DB holds.
public enum DatabaseShards {
    /// The shard for the Debian security tracker.
    public static let debian = "debian"

    /// The shards an inventory needs: its OS release's, and one per language ecosystem present.
    public static func needed(for inventory: Inventory) -> Set<String> {
        var shards = Set<String>()
        if let os = inventory.operatingSystem {
            switch os.family {
            case .alpine:
                if let namespace = AdvisoryNamespace.forRelease(of: os),
                    let release = AdvisoryNamespace.release(of: namespace)
                {
                    shards.insert("alpine/\(release)")
                }
            case .debian:
                shards.insert(debian)
            case .ubuntu:
                shards.insert("osv/Ubuntu")
            // The vendors' own feeds (CentOS uses Red Hat's data); AlmaLinux and Rocky Linux publish OSV.
            case .redhat, .centos, .sles, .sleMicro, .openSUSELeap, .openSUSETumbleweed, .amazon, .fedora, .oracle,
                .photon, .azureLinux, .cblMariner, .wolfi, .chainguard:
                if let shard = vendorShard(for: os) { shards.insert(shard) }
            case .alma, .rocky:
                if let ecosystem = os.family.packageEcosystem { shards.insert("osv/\(ecosystem.rawValue)") }
            case .unknown:
                // No feed: coverage reports the release as not covered.
                break
            }
        }
        for package in inventory.allPackages {
            let ecosystem = package.ecosystem
            guard !ecosystem.isDistribution, !ecosystem.isRPM, ecosystem != .cocoaPods, ecosystem != .conda else {
                continue
            }
            shards.insert("osv/\(ecosystem.rawValue)")
        }
        return shards
    }

    /// The vendor feed shard of an OS release (``VendorFeedConfiguration``): `redhat` (also for CentOS, which uses
    /// Red Hat's data), `suse`, `amazon/2023`, `fedora/40`, `oracle`, `photon/5.0`, `azure/3.0`, `mariner/2.0`,
    /// `wolfi`, `chainguard`; `nil` for families whose advisories come from OSV or elsewhere.
    public static func vendorShard(for os: OperatingSystem) -> String? {
        switch os.family {
        case .redhat, .centos: "redhat"
        case .sles, .sleMicro, .openSUSELeap, .openSUSETumbleweed: "suse"
        case .amazon: "amazon/\(os.advisoryRelease)"
        case .fedora: "fedora/\(os.advisoryRelease)"
        case .oracle: "oracle"
        case .photon: "photon/\(os.advisoryRelease)"
        case .azureLinux: "azure/\(os.advisoryRelease)"
        case .cblMariner: "mariner/\(os.advisoryRelease)"
        case .wolfi: "wolfi"
        case .chainguard: "chainguard"
        default: nil
        }
    }

    /// The shards a DB holds: `metadata.json`'s list, or for a DB updated before shards were
    /// recorded, the sources it names (`alpine` counts as every configured Alpine release).
    public static func present(in metadata: DatabaseMetadata, configuration: FeedConfiguration) -> Set<String> {
        if let shards = metadata.shards { return Set(shards) }
        var shards = Set<String>()
        for source in metadata.sources {
            if source.name.hasPrefix("osv/") { shards.insert(source.name) }
            if source.name == "alpine" { shards.formUnion(configuration.alpineReleases.map { "alpine/\($0)" }) }
            if source.name == "debian-tracker" { shards.insert(debian) }
        }
        return shards
    }

    /// Shards chosen in the environment (`DRYDOCK_DB_ECOSYSTEMS`, `DRYDOCK_DB_ALPINE_RELEASES`), which a
    /// scan's update fetches besides the ones its inventory needs.
    public static func configured(environment: [String: String]) -> Set<String> {
        let ecosystems = FeedConfiguration.list(environment["DRYDOCK_DB_ECOSYSTEMS"]) ?? []
        let releases = FeedConfiguration.list(environment["DRYDOCK_DB_ALPINE_RELEASES"]) ?? []
        let vendor = FeedConfiguration.list(environment["DRYDOCK_DB_VENDOR_FEEDS"]) ?? []
        return Set(ecosystems.map { "osv/\($0)" } + releases.map { "alpine/\($0)" } + vendor)
    }

    /// `configuration` narrowed to exactly `shards` (OSV ecosystems, Alpine releases, Debian on or off).
    public static func configuration(_ configuration: FeedConfiguration, limitedTo shards: Set<String>)
        -> FeedConfiguration
    {
        var result = configuration
        result.ecosystems = shards.filter { $0.hasPrefix("osv/") }.map { String($0.dropFirst(4)) }.sorted()
        result.alpineReleases = shards.filter { $0.hasPrefix("alpine/") }.map { String($0.dropFirst(7)) }.sorted()
        if !shards.contains(debian) { result.debianTrackerURL = nil }
        result.vendor.shards = shards.filter(VendorFeedConfiguration.isVendorShard).sorted()
        return result
    }
}

extension FeedConfiguration {
    /// The shards this configuration fetches, sorted.
    public var shards: [String] {
        var result = ecosystems.map { "osv/\($0)" } + alpineReleases.map { "alpine/\($0)" } + vendor.shards
        if debianTrackerURL != nil { result.append(DatabaseShards.debian) }
        return result.sorted()
    }
}
