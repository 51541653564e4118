/// The distribution an image or root filesystem is built on.
public struct OperatingSystem: Sendable, Hashable, Codable {
    /// Trivy's family name: `alpine`, `debian`, `ubuntu`, … or `unknown`.
    public var family: OSFamily
    /// The release as the distribution spells it (`3.10.4`, `12.5`, `22.04`).
    public var version: String
    /// The human name from `PRETTY_NAME`, when present.
    public var prettyName: String?
    /// The os-release `ID` (`alpine`, `wolfi`), kept so unsupported distributions keep their identity.
    public var id: String?

    public init(family: OSFamily, version: String, prettyName: String? = nil, id: String? = nil) {
        self.family = family
        self.version = version
        self.prettyName = prettyName
        self.id = id
    }

    /// The release that advisories are published for: `3.10` for Alpine `3.10.4`, `12` for Debian `12.5`.
    ///
    /// Alpine `edge` and other non-numeric releases are returned as they are.
    public var advisoryRelease: String {
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        switch family {
        case .alpine:
            return parts.count >= 2 ? "\(parts[0]).\(parts[1])" : version
        case .debian:
            return parts.first.map(String.init) ?? version
        default:
            return version
        }
    }
}

/// A Linux distribution family, named as Trivy names it in reports.
public enum OSFamily: String, Sendable, Hashable, Codable, CaseIterable {
    case alpine
    case debian
    case ubuntu
    case unknown

    /// The package ecosystem the family's package manager uses.
    public var packageEcosystem: Ecosystem? {
        switch self {
        case .alpine: .alpine
        case .debian, .ubuntu: .debian
        case .unknown: nil
        }
    }
}
