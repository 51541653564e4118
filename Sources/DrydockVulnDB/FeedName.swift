/// How reports name the feed an advisory namespace was filled from.
public enum FeedName {
    /// A feed format (`redhat-csaf`, `updateinfo`, `osv`) as reports name it, given the namespace it filled:
    /// `Red Hat CSAF VEX`, `SUSE CSAF`, `SUSE CVRF`, `Amazon Linux ALAS (updateinfo)`, `Fedora updateinfo`,
    /// `OSV`, `Alpine secdb`, `Debian security tracker`; other formats by their own name.
    public static func display(format: String, namespace: String) -> String {
        switch format {
        case "redhat-csaf": return "Red Hat CSAF VEX"
        case "suse-csaf": return "SUSE CSAF"
        case "suse-cvrf": return "SUSE CVRF"
        case "updateinfo":
            switch AdvisoryNamespace.ecosystemName(of: namespace) {
            case "Amazon Linux": return "Amazon Linux ALAS (updateinfo)"
            case "Fedora": return "Fedora updateinfo"
            default: return "updateinfo"
            }
        case "osv": return "OSV"
        case "alpine-secdb": return "Alpine secdb"
        case "debian-tracker": return "Debian security tracker"
        default: return format
        }
    }
}
