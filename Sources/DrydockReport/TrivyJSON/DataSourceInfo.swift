/// Trivy's `DataSource` object: which feed an advisory came from.
struct DataSourceInfo: Hashable {
    var id: String
    var name: String
    var url: String

    init(namespace: String, source: String) {
        let ecosystem = namespace.split(separator: ":").first.map(String.init) ?? namespace
        switch (source, ecosystem) {
        case ("alpine-secdb", _):
            self.init(id: "alpine", name: "Alpine Secdb", url: "https://secdb.alpinelinux.org/")
        case (_, "Debian"):
            self.init(
                id: "debian", name: "Debian Security Tracker (OSV)", url: "https://security-tracker.debian.org/tracker/"
            )
        case (_, "AlmaLinux"):
            self.init(id: "alma", name: "AlmaLinux Product Errata (OSV)", url: "https://errata.almalinux.org/")
        case (_, "Ubuntu"):
            self.init(id: "ubuntu", name: "Ubuntu Security Notices (OSV)", url: "https://ubuntu.com/security/notices")
        // Vendor feeds (issue 24, RPM distributions): Trivy's data-source IDs.
        case (let feed, "Red Hat") where feed != "osv":
            self.init(
                id: "redhat", name: "Red Hat CSAF VEX", url: "https://security.access.redhat.com/data/csaf/v2/vex/")
        case ("suse-cvrf", "SUSE"), ("suse-cvrf", "openSUSE"):
            self.init(id: "suse-cvrf", name: "SUSE CVRF", url: "https://ftp.suse.com/pub/projects/security/cvrf/")
        case (let feed, "SUSE") where feed != "osv", (let feed, "openSUSE") where feed != "osv":
            self.init(id: "suse-cvrf", name: "SUSE CSAF", url: "https://ftp.suse.com/pub/projects/security/csaf-vex/")
        case (_, "Amazon Linux"):
            self.init(id: "amazon", name: "Amazon Linux Security Center", url: "https://alas.aws.amazon.com/")
        case (_, "Fedora"):
            self.init(id: "fedora", name: "Fedora Updates (Bodhi)", url: "https://bodhi.fedoraproject.org/")
        case (_, "Red Hat"):
            self.init(id: "redhat", name: "Red Hat Security Data (OSV)", url: "https://access.redhat.com/security/data")
        case (_, "Rocky Linux"):
            self.init(id: "rocky", name: "Rocky Linux Errata (OSV)", url: "https://errata.rockylinux.org/")
        case (_, "SUSE"), (_, "openSUSE"):
            self.init(id: "suse", name: "SUSE Security Advisories (OSV)", url: "https://www.suse.com/support/update/")
        case ("oval", "Oracle Linux"):
            self.init(
                id: "oracle-oval", name: "Oracle Linux OVAL definitions", url: "https://linux.oracle.com/security/oval/"
            )
        case ("oval", "Photon OS"):
            self.init(
                id: "photon", name: "Photon OS OVAL definitions",
                url: "https://packages.vmware.com/photon/photon_oval_definitions/")
        case ("photon-cve-metadata", _):
            self.init(
                id: "photon", name: "Photon CVE metadata",
                url: "https://packages.vmware.com/photon/photon_cve_metadata/")
        case (_, "Photon OS"):
            self.init(
                id: "photon", name: "Photon OS Security Advisories (OSV)",
                url: "https://github.com/vmware/photon/wiki/Security-Advisories")
        case ("oval", "Mariner"):
            self.init(
                id: "cbl-mariner", name: "CBL-Mariner Vulnerability Data",
                url: "https://github.com/microsoft/AzureLinuxVulnerabilityData")
        case ("oval", "Azure Linux"):
            self.init(
                id: "azure", name: "Azure Linux Vulnerability Data",
                url: "https://github.com/microsoft/AzureLinuxVulnerabilityData")
        case (_, "Mariner"), (_, "Azure Linux"):
            self.init(
                id: "azure", name: "Azure Linux Vulnerability Data (OSV)",
                url: "https://github.com/microsoft/AzureLinuxVulnerabilityData")
        case ("wolfi-secdb", "Wolfi"), ("wolfi-advisories", "Wolfi"):
            self.init(id: "wolfi", name: "Wolfi Secdb", url: "https://packages.wolfi.dev/os/security.json")
        case ("wolfi-secdb", "Chainguard"), ("wolfi-advisories", "Chainguard"):
            self.init(
                id: "chainguard", name: "Chainguard Secdb", url: "https://packages.cgr.dev/chainguard/security.json")
        case (_, "Wolfi"):
            self.init(id: "wolfi", name: "Wolfi Secdb (OSV)", url: "https://packages.wolfi.dev/os/security.json")
        case (_, "Chainguard"):
            self.init(
                id: "chainguard", name: "Chainguard Secdb (OSV)",
                url: "https://packages.cgr.dev/chainguard/security.json")
        case (_, "Go"):
            self.init(id: "govulndb", name: "The Go Vulnerability Database", url: "https://pkg.go.dev/vuln/")
        case (_, "crates.io"):
            self.init(id: "rustsec", name: "RustSec Advisory Database", url: "https://github.com/RustSec/advisory-db")
        case (_, "PyPI"):
            self.init(
                id: "pypa", name: "Python Packaging Advisory Database", url: "https://github.com/pypa/advisory-database"
            )
        default:
            self.init(id: "osv", name: "OSV (\(ecosystem))", url: "https://osv.dev/")
        }
    }

    init(id: String, name: String, url: String) {
        self.id = id
        self.name = name
        self.url = url
    }

    var json: JSONValue {
        .object([("ID", .string(id)), ("Name", .string(name)), ("URL", .string(url))])
    }
}
