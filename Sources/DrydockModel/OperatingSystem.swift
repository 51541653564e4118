/// The distribution an image or root filesystem is built on.
public struct OperatingSystem: Sendable, Hashable, Codable {
    /// Trivy's family name: `alpine`, `debian`, `ubuntu`, `redhat`, … or `unknown`.
    public var family: OSFamily
    /// The release as the distribution spells it (`3.10.4`, `12.5`, `22.04`, `9.3`, `15.5`).
    public var version: String
    /// The human name from `PRETTY_NAME`, when present.
    public var prettyName: String?
    /// The os-release `ID` (`alpine`, `rhel`, `almalinux`), kept so unsupported distributions keep their identity.
    public var id: String?
    /// Whether the image receives the vendor's extended security maintenance: Ubuntu Pro / ESM enabled.
    ///
    /// When set, advisories published only for the extended channel (`Ubuntu:Pro:22.04:LTS`) apply too.
    public var extendedSupport: Bool

    /// Creates an operating system value.
    public init(
        family: OSFamily, version: String, prettyName: String? = nil, id: String? = nil, extendedSupport: Bool = false
    ) {
        self.family = family
        self.version = version
        self.prettyName = prettyName
        self.id = id
        self.extendedSupport = extendedSupport
    }

    private enum CodingKeys: String, CodingKey {
        case family, version, prettyName, id, extendedSupport
    }

    /// Decodes a value; `extendedSupport` may be absent (values written before it existed).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        family = try container.decode(OSFamily.self, forKey: .family)
        version = try container.decode(String.self, forKey: .version)
        prettyName = try container.decodeIfPresent(String.self, forKey: .prettyName)
        id = try container.decodeIfPresent(String.self, forKey: .id)
        extendedSupport = try container.decodeIfPresent(Bool.self, forKey: .extendedSupport) ?? false
    }

    /// The release that advisories are published for.
    ///
    /// - Alpine: major.minor (`3.10` for `3.10.4`); `edge` and other non-numeric releases as they are.
    /// - Debian and the Red Hat family (RHEL, CentOS, Rocky, AlmaLinux, Oracle, Fedora): the major version
    ///   (`12` for `12.5`, `9` for `9.3`).
    /// - Amazon Linux: `1` (every `20YY.MM` release of the first Amazon Linux), `2`, `2022` or `2023`.
    /// - Photon OS, Azure Linux and CBL-Mariner: major.minor (`5.0`, `3.0`, `2.0` for `2.0.20220226`), as their
    ///   vendors publish advisories (`cve_data_photon5.0.json`, `azurelinux-3.0-oval.xml`).
    /// - Others (Ubuntu `22.04`, openSUSE Leap `15.5`, SLES `15.5`, Wolfi): the version as detected.
    public var advisoryRelease: String {
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        let major = parts.first.map(String.init) ?? version
        switch family {
        case .alpine:
            return parts.count >= 2 ? "\(parts[0]).\(parts[1])" : version
        case .debian, .redhat, .centos, .rocky, .alma, .oracle, .fedora:
            return major
        case .amazon:
            let first = version.split(separator: " ").first.map(String.init) ?? version
            let amazonMajor = first.split(separator: ".").first.map(String.init) ?? first
            return ["2", "2022", "2023"].contains(amazonMajor) ? amazonMajor : "1"
        case .photon, .cblMariner, .azureLinux:
            return parts.count >= 2 ? "\(parts[0]).\(parts[1])" : version.isEmpty ? version : "\(version).0"
        case .ubuntu, .sles, .sleMicro, .openSUSELeap, .openSUSETumbleweed, .wolfi, .chainguard, .unknown:
            return version
        }
    }
}

/// A Linux distribution family, named as Trivy names it in reports (`Metadata.OS.Family`).
public enum OSFamily: String, Sendable, Hashable, Codable, CaseIterable {
    /// Alpine Linux.
    case alpine
    /// Debian, and Debian-based Google distroless images.
    case debian
    /// Ubuntu.
    case ubuntu
    /// Red Hat Enterprise Linux and the Universal Base Images (UBI).
    case redhat
    /// CentOS Linux and CentOS Stream.
    case centos
    /// Rocky Linux.
    case rocky
    /// AlmaLinux.
    case alma
    /// Oracle Linux.
    case oracle
    /// Amazon Linux 1, 2 and 2023.
    case amazon
    /// Fedora.
    case fedora
    /// SUSE Linux Enterprise Server (and the SLE BCI images).
    case sles = "suse linux enterprise server"
    /// SUSE Linux Enterprise Micro and SUSE Linux Micro.
    case sleMicro = "suse linux enterprise micro"
    /// openSUSE Leap.
    case openSUSELeap = "opensuse.leap"
    /// openSUSE Tumbleweed.
    case openSUSETumbleweed = "opensuse.tumbleweed"
    /// VMware Photon OS.
    case photon
    /// CBL-Mariner (1.0, 2.0).
    case cblMariner = "cbl-mariner"
    /// Azure Linux (3.0 and later, CBL-Mariner's successor).
    case azureLinux = "azurelinux"
    /// Wolfi.
    case wolfi
    /// Chainguard OS images.
    case chainguard
    /// A distribution Drydock does not support.
    case unknown

    /// The package ecosystem the family's packages belong to: whose advisories and version rules apply.
    public var packageEcosystem: Ecosystem? {
        switch self {
        case .alpine: .alpine
        case .debian, .ubuntu: .debian
        case .redhat: .redHat
        case .centos: .centOS
        case .rocky: .rockyLinux
        case .alma: .almaLinux
        case .oracle: .oracleLinux
        case .amazon: .amazonLinux
        case .fedora: .fedora
        case .sles, .sleMicro: .suse
        case .openSUSELeap, .openSUSETumbleweed: .openSUSE
        case .photon: .photonOS
        case .cblMariner: .mariner
        case .azureLinux: .azureLinux
        case .wolfi: .wolfi
        case .chainguard: .chainguard
        case .unknown: nil
        }
    }

    /// Whether the family's packages are RPMs (read from rpm's database).
    public var usesRPM: Bool { packageEcosystem?.isRPM ?? false }
}
