/// How reports name the feed an advisory namespace was filled from.
public enum FeedName {
    /// A feed format (`redhat-csaf`, `oval`, `updateinfo`, `osv`) as reports name it, given the namespace it filled:
    /// `Red Hat CSAF VEX`, `SUSE CSAF`, `SUSE CVRF`, `Amazon Linux ALAS (updateinfo)`, `Fedora updateinfo`,
    /// `Oracle Linux ELSA OVAL`, `Photon OS OVAL`, `Azure Linux OVAL`, `CBL-Mariner OVAL`, `Photon CVE metadata`,
    /// `Wolfi secdb`, `Chainguard advisory YAML`, `OSV`, `Alpine secdb`, `Debian security tracker`; other
    /// formats by their own name.
    public static func display(format: String, namespace: String) -> String {
        let ecosystem = AdvisoryNamespace.ecosystemName(of: namespace)
        switch format {
        case "redhat-csaf": return "Red Hat CSAF VEX"
        case "suse-csaf": return "SUSE CSAF"
        case "suse-cvrf": return "SUSE CVRF"
        case "updateinfo":
            switch ecosystem {
            case "Amazon Linux": return "Amazon Linux ALAS (updateinfo)"
            case "Fedora": return "Fedora updateinfo"
            default: return "updateinfo"
            }
        case "oval":
            switch ecosystem {
            case "Oracle Linux": return "Oracle Linux ELSA OVAL"
            case "Mariner": return "CBL-Mariner OVAL"
            default: return "\(ecosystem) OVAL"
            }
        case "photon-cve-metadata": return "Photon CVE metadata"
        case "wolfi-secdb": return "\(ecosystem) secdb"
        case "wolfi-advisories": return "\(ecosystem) advisory YAML"
        case "osv": return "OSV"
        case "alpine-secdb": return "Alpine secdb"
        case "debian-tracker": return "Debian security tracker"
        default: return format
        }
    }
}
