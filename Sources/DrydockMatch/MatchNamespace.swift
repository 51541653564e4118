import DrydockModel
import DrydockVulnDB

/// Which advisory namespaces a package is matched under, and by which name and version.
public enum MatchNamespace {
    /// The preferred namespace advisories for `package` live in, given the target's OS; `nil` when Drydock
    /// has no advisory source for that kind of package. The first of `namespaces(for:os:)`.
    public static func namespace(for package: Package, os: OperatingSystem?) -> String? {
        namespaces(for: package, os: os).first
    }

    /// Every namespace whose advisories apply to `package`, preferred first; empty when none does.
    ///
    /// OS packages match their release's namespaces (`Alpine:v3.10`, `Debian:12`, `Ubuntu:22.04:LTS`,
    /// `AlmaLinux:9`, see `AdvisoryNamespace.namespaces(for:)`), and only when the package's ecosystem is the
    /// OS family's own: an RPM read from an image whose OS is unknown is never sent to some distribution's
    /// advisories. Language packages match their ecosystem (`PyPI`, `Go`).
    public static func namespaces(for package: Package, os: OperatingSystem?) -> [String] {
        guard package.ecosystem.isDistribution else { return [AdvisoryNamespace.language(package.ecosystem)] }
        guard let os, os.family.packageEcosystem == package.ecosystem else { return [] }
        return AdvisoryNamespace.namespaces(for: os)
    }

    /// The package name the distribution's advisories use: the first of ``advisoryNames(of:)``.
    public static func advisoryName(of package: Package) -> String {
        advisoryNames(of: package)[0]
    }

    /// Every package name the distribution's advisories may file `package` under, as each vendor names packages:
    ///
    /// - Debian and Ubuntu publish by source package, Alpine, Wolfi and Chainguard by origin (both are
    ///   `Package.sourceName`);
    /// - Azure Linux and CBL-Mariner (Microsoft's OVAL) publish source (spec) package names;
    /// - Photon OS (its OVAL and CVE metadata list binary packages, sometimes only the spec's) and Rocky Linux
    ///   (its OSV records name source packages, its errata binaries) are looked up under both, the binary's
    ///   name first; the two carry the same version;
    /// - the other RPM distributions (Red Hat family, SUSE, Amazon, Oracle, Fedora) publish binary package
    ///   names; Red Hat's and SUSE's CSAF also state unfixed and not-affected source packages, kept as
    ///   `SOURCE.src` (every binary built from the source shares the state), looked up after the binary's name.
    public static func advisoryNames(of package: Package) -> [String] {
        switch package.ecosystem {
        case .mariner, .azureLinux:
            return [package.advisoryName]
        case .photonOS, .rockyLinux:
            guard let source = package.sourceName, source != package.name else { return [package.name] }
            return [package.name, source]
        case .redHat, .centOS, .suse, .openSUSE:
            return [package.name, (package.sourceName ?? package.name) + ".src"]
        default:
            return [package.ecosystem.isRPM ? package.name : package.advisoryName]
        }
    }

    /// The version compared with the advisories: the binary's `[EPOCH:]VERSION-RELEASE` for RPMs (the source
    /// package's, with the binary's epoch, for Azure Linux and CBL-Mariner, whose advisories name source
    /// packages), else `Package.advisoryVersion` (the source version where recorded).
    public static func advisoryVersion(of package: Package) -> String {
        switch package.ecosystem {
        case .mariner, .azureLinux: return package.advisoryVersion
        default: return package.ecosystem.isRPM ? package.version : package.advisoryVersion
        }
    }
}
