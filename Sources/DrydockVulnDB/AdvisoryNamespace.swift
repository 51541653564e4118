import DrydockModel

/// Builds and splits DB namespaces: an ecosystem name, plus `:release` for distributions.
///
/// Namespaces are OSV ecosystem strings kept as the feed spells them: `Alpine:v3.10`, `Debian:12`,
/// `AlmaLinux:9`, `PyPI`, `Go`.
public enum AdvisoryNamespace {
    /// The namespace that holds advisories for `operatingSystem`'s release, or `nil` for unknown families: the
    /// first of `namespaces(for:)`.
    ///
    /// Alpine `3.10.4` → `Alpine:v3.10`, Alpine `edge` → `Alpine:edge`, Debian `12.5` → `Debian:12`,
    /// Ubuntu `22.04` → `Ubuntu:22.04:LTS`, AlmaLinux `9.3` → `AlmaLinux:9`.
    public static func forRelease(of operatingSystem: OperatingSystem) -> String? {
        namespaces(for: operatingSystem).first
    }

    /// Every namespace whose advisories apply to `operatingSystem`'s release, preferred first; empty for
    /// unknown families. Advisories of another release are never in the list.
    ///
    /// - Ubuntu: `Ubuntu:22.04:LTS` (OSV's spelling for LTS releases: even year, April) and `Ubuntu:22.04`
    ///   (older records); `Ubuntu:23.10` for interim releases; plus `Ubuntu:Pro:22.04:LTS` when the image has
    ///   Ubuntu Pro / ESM enabled (`OperatingSystem.extendedSupport`).
    /// - Red Hat and CentOS: ``redHat(version:)``, the CPE-named repositories of the major release
    ///   (`Red Hat:enterprise_linux:9::baseos`, `::appstream`, `::crb`; RHEL 7 and older: `::server`, …), then the
    ///   release-wide `Red Hat:enterprise_linux:9`.
    /// - SUSE: `sles(release:)` for SLES, `SUSE:Linux Enterprise Micro 5.5`, `openSUSE:Leap 15.5` (and its
    ///   `NonFree` repository), `openSUSE:Tumbleweed`.
    /// - `Rocky Linux:9`, `AlmaLinux:9` as OSV spells them; `Photon OS:5.0`, `Azure Linux:3.0`, `Mariner:2.0`
    ///   (the vendors' OVAL and CVE metadata, one file per release), `Wolfi`, `Chainguard` (their secdb and advisory
    ///   YAML), `Oracle Linux:9`, `Amazon Linux:2`, `Fedora:40` are Drydock's names for the vendors' own feeds.
    public static func namespaces(for operatingSystem: OperatingSystem) -> [String] {
        let release = operatingSystem.advisoryRelease
        switch operatingSystem.family {
        case .alpine: return [alpine(release: release)]
        case .debian: return [debian(release: release)]
        case .ubuntu: return ubuntu(release: release, extendedSupport: operatingSystem.extendedSupport)
        case .redhat, .centos:
            return redHat(version: operatingSystem.version)
        case .sles: return sles(release: release)
        case .sleMicro:
            // SUSE renamed SLE Micro to "SUSE Linux Micro" with 6.0.
            let micro = ["SUSE:Linux Enterprise Micro \(release)"]
            return (Int(release.split(separator: ".").first ?? "") ?? 0) >= 6
                ? micro + ["SUSE:Linux Micro \(release)"] : micro
        case .openSUSELeap: return ["openSUSE:Leap \(release)", "openSUSE:Leap \(release) NonFree"]
        case .cblMariner: return ["Mariner:\(release)"]
        case .openSUSETumbleweed: return ["openSUSE:Tumbleweed"]
        case .wolfi, .chainguard:
            return operatingSystem.family.packageEcosystem.map { [$0.rawValue] } ?? []
        case .rocky, .alma, .oracle, .amazon, .fedora, .photon, .azureLinux:
            return operatingSystem.family.packageEcosystem.map { ["\($0.rawValue):\(release)"] } ?? []
        case .unknown: return []
        }
    }

    /// Red Hat's namespaces for a RHEL (or UBI, CentOS, CentOS Stream) version: the CPE-named repositories of
    /// the release's main stream, then the release-wide product that Red Hat's unfixed and not-affected
    /// statements name.
    ///
    /// `9.3` → `Red Hat:enterprise_linux:9::baseos`, `::appstream`, `::crb`, `Red Hat:enterprise_linux:9`;
    /// `7.9` → `Red Hat:enterprise_linux:7::server`, `Red Hat:enterprise_linux:7`; RHEL 10, whose CPEs name the minor release: `10.0` →
    /// `Red Hat:enterprise_linux:10.0`, `Red Hat:enterprise_linux:10`. CentOS uses Red Hat's data (it publishes
    /// none), as Trivy does.
    public static func redHat(version: String) -> [String] {
        let parts = version.split(separator: ".")
        let major = parts.first.map(String.init) ?? version
        let number = Int(major) ?? 8
        let base = "Red Hat:enterprise_linux:\(major)"
        if number >= 10 {
            let minor = parts.count >= 2 && parts[1].allSatisfy(\.isNumber) ? ["\(base).\(parts[1])"] : []
            return minor + [base]
        }
        // RHEL 7 and older: the Server variant's product (`7Server`, `7Server-optional`), which UBI images are.
        let repositories = number >= 8 ? ["baseos", "appstream", "crb"] : ["server"]
        return repositories.map { "\(base)::\($0)" } + [base]
    }

    /// Ubuntu's OSV namespaces for a release (`22.04`): LTS releases carry `:LTS`, Pro fixes `Ubuntu:Pro:`.
    public static func ubuntu(release: String, extendedSupport: Bool) -> [String] {
        let parts = release.split(separator: ".")
        let isLTS = parts.count == 2 && parts[1] == "04" && (Int(parts[0]) ?? 1) % 2 == 0
        guard isLTS else { return ["Ubuntu:\(release)"] }
        var names = ["Ubuntu:\(release):LTS", "Ubuntu:\(release)"]
        if extendedSupport { names.append("Ubuntu:Pro:\(release):LTS") }
        return names
    }

    /// SLES `15.5`: `SUSE:Linux Enterprise Server 15 SP5`, its `-LTSS` phase, and (SLE 15 and later, whose
    /// packages ship in modules) the modules of `15 SP5` SUSE files SLES package advisories under
    /// (``slesModules``): `SUSE:Linux Enterprise Module for Basesystem 15 SP5`, `… for Server Applications 15 SP5`, …
    public static func sles(release: String) -> [String] {
        let product = servicePack(release)
        var names = ["SUSE:Linux Enterprise Server \(product)", "SUSE:Linux Enterprise Server \(product)-LTSS"]
        if (Int(release.split(separator: ".").first ?? "") ?? 0) >= 15 {
            names += slesModules.map { "SUSE:Linux Enterprise Module for \($0) \(product)" }
        }
        return names
    }

    /// The SLE 15 modules whose packages an SLES or BCI image may hold, Basesystem first.
    public static let slesModules = [
        "Basesystem", "Server Applications", "Containers", "Desktop Applications", "Development Tools", "Legacy",
        "Public Cloud", "Python 3", "Web and Scripting",
    ]

    /// SLES `15.5` → `15 SP5`, `15` → `15`, `12.3` → `12 SP3`.
    static func servicePack(_ release: String) -> String {
        let parts = release.split(separator: ".")
        guard parts.count >= 2, let pack = Int(parts[1]), pack > 0 else { return String(parts.first ?? "") }
        return "\(parts[0]) SP\(pack)"
    }

    /// `Alpine:v3.10` for release `3.10` (or `v3.10`); non-numeric releases such as `edge` are kept as they are.
    public static func alpine(release: String) -> String {
        if release.first == "v" || !(release.first?.isNumber ?? false) { return "Alpine:\(release)" }
        return "Alpine:v\(release)"
    }

    /// `Debian:12` for release `12` or `12.5`.
    public static func debian(release: String) -> String {
        let major = release.split(separator: ".", maxSplits: 1).first.map(String.init) ?? release
        return "Debian:\(major)"
    }

    /// The namespace for a language ecosystem, which has no releases: `PyPI`, `Go`, `crates.io`.
    public static func language(_ ecosystem: Ecosystem) -> String { ecosystem.rawValue }

    /// The vendor-severity key (Trivy's data-source ID) of the vendor that publishes a namespace's advisories:
    /// `redhat` for `Red Hat:…` (and CentOS, which uses Red Hat's data), `suse-cvrf` for `SUSE:…` and `openSUSE:…`,
    /// `amazon`, `fedora`, `debian`, `ubuntu`, `alma`, `rocky`, `oracle-oval`, `photon`, `azure`, `cbl-mariner`,
    /// `alpine`, `wolfi`, `chainguard`; `nil` for language ecosystems. A finding's severity is that vendor's rating
    /// first.
    public static func vendorSeverityKey(of namespace: String) -> String? {
        switch ecosystemName(of: namespace) {
        case "Red Hat", "CentOS": "redhat"
        case "SUSE", "openSUSE": "suse-cvrf"
        case "Amazon Linux": "amazon"
        case "Fedora": "fedora"
        case "Debian": "debian"
        case "Ubuntu": "ubuntu"
        case "AlmaLinux": "alma"
        case "Rocky Linux": "rocky"
        case "Oracle Linux": "oracle-oval"
        case "Photon OS": "photon"
        case "Azure Linux": "azure"
        case "Mariner": "cbl-mariner"
        case "Alpine": "alpine"
        case "Wolfi": "wolfi"
        case "Chainguard": "chainguard"
        default: nil
        }
    }

    /// The ecosystem part of a namespace: `Alpine` for `Alpine:v3.10`, `PyPI` for `PyPI`.
    public static func ecosystemName(of namespace: String) -> Substring {
        guard let colon = namespace.firstIndex(of: ":") else { return Substring(namespace) }
        return namespace[..<colon]
    }

    /// The release part of a namespace (`v3.10` for `Alpine:v3.10`), or `nil` when it has none.
    public static func release(of namespace: String) -> Substring? {
        guard let colon = namespace.firstIndex(of: ":") else { return nil }
        return namespace[namespace.index(after: colon)...]
    }
}
