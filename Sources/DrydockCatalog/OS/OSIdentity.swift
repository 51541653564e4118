import DrydockModel

/// Maps os-release `ID`s to Drydock's (Trivy's) distribution families.
public enum OSIdentity {
    /// The os-release IDs of each supported family, as the distributions write them.
    public static let ids: [String: OSFamily] = [
        "alpine": .alpine, "debian": .debian, "ubuntu": .ubuntu,
        "rhel": .redhat, "redhat": .redhat, "centos": .centos, "rocky": .rocky, "almalinux": .alma,
        "ol": .oracle, "oracle": .oracle, "amzn": .amazon, "fedora": .fedora,
        "sles": .sles, "sles_sap": .sles, "sle-micro": .sleMicro, "sl-micro": .sleMicro,
        "opensuse-leap": .openSUSELeap, "opensuse": .openSUSELeap, "opensuse-tumbleweed": .openSUSETumbleweed,
        "photon": .photon, "mariner": .cblMariner, "azurelinux": .azureLinux, "wolfi": .wolfi,
        "chainguard": .chainguard,
    ]

    /// The family for an os-release `ID` (lower-cased); `.unknown` when Drydock does not support it.
    ///
    /// SLE Micro variants (`sle-micro-rancher`) count as SLE Micro.
    public static func family(forID id: String) -> OSFamily {
        if let family = ids[id] { return family }
        if id.hasPrefix("sle-micro") || id.hasPrefix("sl-micro") { return .sleMicro }
        return .unknown
    }
}
