import DrydockModel
import DrydockVulnDB

/// Which advisory namespace a package is matched under.
public enum MatchNamespace {
    /// The namespace advisories for `package` live in, given the target's OS; `nil` when Drydock
    /// has no advisory source for that kind of package.
    ///
    /// OS packages match their release's namespace (`Alpine:v3.10`, `Debian:12`, `Ubuntu:22.04`,
    /// see `AdvisoryNamespace.forRelease(of:)`), and only when the package's ecosystem is the
    /// OS family's own; language packages match their ecosystem (`PyPI`, `Go`).
    public static func namespace(for package: Package, os: OperatingSystem?) -> String? {
        switch package.ecosystem {
        case .alpine, .debian, .ubuntu:
            guard let os, os.family.packageEcosystem == package.ecosystem else { return nil }
            return AdvisoryNamespace.forRelease(of: os)
        default:
            return AdvisoryNamespace.language(package.ecosystem)
        }
    }
}
