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

    /// The package name the distribution's advisories use.
    ///
    /// Debian and Ubuntu publish by source package, Alpine, Wolfi and Chainguard by origin (both are
    /// `Package.sourceName`); the RPM distributions (Red Hat family, SUSE, Photon, Mariner/Azure Linux,
    /// Amazon) publish binary package names, so RPMs match by `name`.
    public static func advisoryName(of package: Package) -> String {
        package.ecosystem.isRPM ? package.name : package.advisoryName
    }

    /// The version compared with the advisories: the binary's `[EPOCH:]VERSION-RELEASE` for RPMs, else
    /// `Package.advisoryVersion` (the source version where recorded).
    public static func advisoryVersion(of package: Package) -> String {
        package.ecosystem.isRPM ? package.version : package.advisoryVersion
    }
}
