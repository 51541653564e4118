import Foundation

/// Where the RPM distributions' own feeds are, for `db update`: Red Hat's CSAF VEX directory, SUSE's security
/// data, Amazon Linux's and Fedora's repositories. Every URL can be changed (environment variables, `db update`
/// flags) so mirrors and tests can serve the feeds.
public struct VendorFeedURLs: Sendable, Hashable {
    /// Red Hat's CSAF VEX directory (`…/csaf/v2/vex`: `archive_latest.txt`, `changes.csv`, `<year>/cve-….json`).
    public var redHatVEX: URL
    /// SUSE's security data (`…/security`: `csaf-vex/` with `changes.csv`, and `csaf-vex.tar.bz2`).
    public var suseSecurity: URL
    /// Amazon Linux 2, 2022 and 2023 repositories (`…/2/core/latest/x86_64/mirror.list`,
    /// `…/al2023/core/mirrors/latest/x86_64/mirror.list`).
    public var amazonLinux: URL
    /// Amazon Linux 1 (2018.03) repositories (`…/latest/main/mirror.list`, `…/latest/updates/mirror.list`).
    public var amazonLinux1: URL
    /// Fedora's updates repositories (`…/<release>/Everything/x86_64/repodata/repomd.xml`).
    public var fedoraUpdates: URL
    /// Amazon Linux 2 extras whose updateinfo is fetched besides the core repository (`kernel-5.15`, `docker`).
    public var amazonLinux2Extras: [String]

    /// Amazon Linux 2 extras with security updates (the kernels, livepatches and the most used topics).
    public static let defaultAmazonLinux2Extras = [
        "kernel-5.4", "kernel-5.10", "kernel-5.15", "livepatch", "docker", "nginx1", "postgresql14", "redis6",
        "mariadb10.5", "php8.2", "python3.8", "ruby3.0", "corretto8", "golang1.19", "epel",
    ]

    /// Creates a set of URLs.
    public init(
        redHatVEX: URL, suseSecurity: URL, amazonLinux: URL, amazonLinux1: URL, fedoraUpdates: URL,
        amazonLinux2Extras: [String] = defaultAmazonLinux2Extras
    ) {
        self.redHatVEX = redHatVEX
        self.suseSecurity = suseSecurity
        self.amazonLinux = amazonLinux
        self.amazonLinux1 = amazonLinux1
        self.fedoraUpdates = fedoraUpdates
        self.amazonLinux2Extras = amazonLinux2Extras
    }

    /// The public feeds' URLs and the variables that override them, in the order of the initializer's URLs:
    /// Red Hat, SUSE, Amazon Linux 2/2022/2023, Amazon Linux 1, Fedora.
    static let defaults: [(variable: String, url: String)] = [
        ("DRYDOCK_REDHAT_VEX_URL", "https://security.access.redhat.com/data/csaf/v2/vex"),
        ("DRYDOCK_SUSE_URL", "https://ftp.suse.com/pub/projects/security"),
        ("DRYDOCK_AMAZON_LINUX_URL", "https://cdn.amazonlinux.com"),
        ("DRYDOCK_AMAZON_LINUX1_URL", "http://repo.us-east-1.amazonaws.com"),
        ("DRYDOCK_FEDORA_UPDATES_URL", "https://dl.fedoraproject.org/pub/fedora/linux/updates"),
    ]

    /// The public feeds with URLs from the environment where set: `DRYDOCK_REDHAT_VEX_URL`, `DRYDOCK_SUSE_URL`,
    /// `DRYDOCK_AMAZON_LINUX_URL`, `DRYDOCK_AMAZON_LINUX1_URL`, `DRYDOCK_FEDORA_UPDATES_URL`, and the extras list
    /// `DRYDOCK_AMAZON_LINUX2_EXTRAS` (comma-separated).
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(VulnDBError) -> VendorFeedURLs
    {
        var resolved: [URL] = []
        for (variable, fallback) in defaults {
            let text = environment[variable].flatMap { $0.isEmpty ? nil : $0 } ?? fallback
            guard let url = URL(string: text), url.scheme != nil else {
                throw VulnDBError(code: .malformedInput, reason: "\(variable) is not a URL", location: text)
            }
            resolved.append(url)
        }
        return VendorFeedURLs(
            redHatVEX: resolved[0], suseSecurity: resolved[1], amazonLinux: resolved[2], amazonLinux1: resolved[3],
            fedoraUpdates: resolved[4],
            amazonLinux2Extras: FeedConfiguration.list(environment["DRYDOCK_AMAZON_LINUX2_EXTRAS"])
                ?? defaultAmazonLinux2Extras)
    }
}
