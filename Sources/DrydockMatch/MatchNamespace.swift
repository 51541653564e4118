import DrydockModel

/// Which advisory namespace and package name a package is matched under.
public enum MatchNamespace {
    /// The namespace advisories for `package` live in, given the target's OS; `nil` when Drydock
    /// has no advisory source for that kind of package.
    ///
    /// Alpine packages match `Alpine:vMAJOR.MINOR` (both the secdb and OSV spell it so), Debian
    /// packages `Debian:MAJOR`, Ubuntu's `Ubuntu:YY.MM`.
    public static func namespace(for package: Package, os: OperatingSystem?) -> String? {
        switch package.ecosystem {
        case .alpine:
            guard let os, os.family == .alpine else { return nil }
            let release = os.advisoryRelease
            return release == "edge" ? "Alpine:edge" : "Alpine:v\(release)"
        case .debian:
            switch os?.family {
            case .debian?: return os.map { "Debian:\($0.advisoryRelease)" }
            case .ubuntu?: return os.map { "Ubuntu:\($0.version)" }
            default: return nil
            }
        default:
            return package.ecosystem.rawValue
        }
    }
}
