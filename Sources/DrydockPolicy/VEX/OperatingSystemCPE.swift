import DrydockModel

/// Matches CPE names of operating system products (CSAF product trees, OpenVEX `cpe22`/`cpe23`) against the
/// scanned image's operating system.
///
/// Trivy gives the operating system no identifier, so a Red Hat CSAF statement about "curl as a component of
/// `cpe:/o:redhat:enterprise_linux:8`" never applies there; Drydock matches such products by the CPE each
/// distribution writes in its own `os-release` (`CPE_NAME`) and its vendor's advisories use. A CPE without a
/// version names every release; `8` matches `8.9`; SUSE's `15:sp5` matches `15.5`.
public enum OperatingSystemCPE {
    /// CPE vendor and product names by family; a product ending in `*` is a prefix (SUSE's modules).
    static let products: [OSFamily: (vendor: String, products: [String])] = [
        .redhat: ("redhat", ["enterprise_linux"]),
        .centos: ("centos", ["centos"]),
        .rocky: ("rocky", ["rocky"]),
        .alma: ("almalinux", ["almalinux"]),
        .oracle: ("oracle", ["linux"]),
        .fedora: ("fedoraproject", ["fedora"]),
        .amazon: ("amazon", ["amazon_linux"]),
        .sles: ("suse", ["sles", "sles_sap", "sle-module-*", "sle_hpc"]),
        .sleMicro: ("suse", ["sle-micro", "suse-microos"]),
        .openSUSELeap: ("opensuse", ["leap"]),
        .openSUSETumbleweed: ("opensuse", ["tumbleweed"]),
        .debian: ("debian", ["debian_linux"]),
        .ubuntu: ("canonical", ["ubuntu_linux"]),
        .alpine: ("alpinelinux", ["alpine_linux"]),
    ]

    /// Whether `cpe` names `os` (or a release line `os` belongs to).
    public static func matches(_ cpe: CPEName, _ os: OperatingSystem) -> Bool {
        guard cpe.part == "o" || cpe.part == "a", let known = products[os.family], cpe.vendor == known.vendor else {
            return false
        }
        let productMatches = known.products.contains { name in
            name.hasSuffix("*") ? cpe.product.hasPrefix(name.dropLast()) : cpe.product == name
        }
        guard productMatches else { return false }
        guard var version = cpe.version else { return true }
        if let update = cpe.update, update.hasPrefix("sp"), update.dropFirst(2).allSatisfy(\.isNumber) {
            version += "." + update.dropFirst(2)
        }
        let installed = os.version.lowercased()
        return installed == version || installed.hasPrefix(version + ".")
    }
}
