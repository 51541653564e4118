import DrydockModel

/// Builds and splits DB namespaces: an ecosystem name, plus `:release` for distributions.
///
/// Namespaces are OSV ecosystem strings kept as the feed spells them: `Alpine:v3.10`, `Debian:12`,
/// `AlmaLinux:9`, `PyPI`, `Go`.
public enum AdvisoryNamespace {
    /// The namespace that holds advisories for `operatingSystem`'s release, or `nil` for unknown families.
    ///
    /// Alpine `3.10.4` → `Alpine:v3.10`, Alpine `edge` → `Alpine:edge`, Debian `12.5` → `Debian:12`,
    /// Ubuntu `22.04` → `Ubuntu:22.04`.
    public static func forRelease(of operatingSystem: OperatingSystem) -> String? {
        let release = operatingSystem.advisoryRelease
        switch operatingSystem.family {
        case .alpine: return alpine(release: release)
        case .debian: return debian(release: release)
        case .ubuntu: return "Ubuntu:\(release)"
        case .unknown: return nil
        }
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
