/// A package ecosystem: whose version rules and advisory namespace a package belongs to.
///
/// The raw value is the ecosystem's OSV name where OSV has one.
public enum Ecosystem: String, Sendable, Hashable, Codable, CaseIterable {
    case alpine = "Alpine"
    case debian = "Debian"
    case ubuntu = "Ubuntu"
    case pypi = "PyPI"
    case npm = "npm"
    case maven = "Maven"
    case go = "Go"
    case cratesIO = "crates.io"
    case rubyGems = "RubyGems"
    case packagist = "Packagist"
    case nuget = "NuGet"
    case pub = "Pub"
    case hex = "Hex"
    case swiftURL = "SwiftURL"
    case conanCenter = "ConanCenter"
    /// AlmaLinux (OSV `AlmaLinux:9`).
    case almaLinux = "AlmaLinux"
    /// Red Hat Enterprise Linux and UBI (OSV `Red Hat:enterprise_linux:9::baseos`).
    case redHat = "Red Hat"
    /// Rocky Linux (OSV `Rocky Linux:9`).
    case rockyLinux = "Rocky Linux"
    /// CentOS; OSV has no CentOS ecosystem, the name is Drydock's.
    case centOS = "CentOS"
    /// Oracle Linux; OSV has no Oracle Linux ecosystem, the name is Drydock's.
    case oracleLinux = "Oracle Linux"
    /// Amazon Linux; OSV has no Amazon Linux ecosystem, the name is Drydock's.
    case amazonLinux = "Amazon Linux"
    /// Fedora; OSV has no Fedora ecosystem, the name is Drydock's.
    case fedora = "Fedora"
    /// SUSE Linux Enterprise Server and Micro (OSV `SUSE:Linux Enterprise Server 15 SP5`).
    case suse = "SUSE"
    /// openSUSE Leap and Tumbleweed (OSV `openSUSE:Leap 15.5`, `openSUSE:Tumbleweed`).
    case openSUSE = "openSUSE"
    /// VMware Photon OS (OSV `Photon OS:5.0`).
    case photonOS = "Photon OS"
    /// CBL-Mariner; OSV has no Mariner ecosystem (its advisories appear as `Azure Linux:2`), the name is
    /// Drydock's.
    case mariner = "Mariner"
    /// Azure Linux (OSV `Azure Linux:3`).
    case azureLinux = "Azure Linux"
    /// Wolfi (OSV `Wolfi`, no releases).
    case wolfi = "Wolfi"
    /// Chainguard (OSV `Chainguard`, no releases).
    case chainguard = "Chainguard"
    /// CocoaPods (`Podfile.lock`); OSV publishes no advisories for it, so packages are inventoried only.
    case cocoaPods = "CocoaPods"
    /// Conda (`conda-meta/*.json`); OSV publishes no advisories for it, so packages are inventoried only.
    case conda = "Conda"
    /// Julia (`Manifest.toml`; OSV `Julia`). Packages are identified by their UUID.
    case julia = "Julia"

    /// Whether packages of this ecosystem are RPMs, compared by rpm's version rules.
    public var isRPM: Bool {
        switch self {
        case .almaLinux, .redHat, .rockyLinux, .centOS, .oracleLinux, .amazonLinux, .fedora, .suse, .openSUSE,
            .photonOS, .mariner, .azureLinux:
            true
        default: false
        }
    }

    /// Whether this is a distribution's ecosystem (OS packages), not a language's.
    public var isDistribution: Bool {
        switch self {
        case .alpine, .debian, .ubuntu, .wolfi, .chainguard: true
        default: isRPM
        }
    }

    /// Finds an ecosystem by its OSV name, ignoring case (`pypi` → `.pypi`).
    public init?(osvName: String) {
        let lowered = osvName.lowercased()
        guard let match = Ecosystem.allCases.first(where: { $0.rawValue.lowercased() == lowered }) else {
            return nil
        }
        self = match
    }
}
