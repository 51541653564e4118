import DrydockModel

/// The packages one package-database file lists, as parsed, before layers are merged.
///
/// Packages carry `filePath` and `ecosystem` but no `layer` or `purl`: both depend on the whole image
/// (which layer introduced them, which distribution they belong to) and are set when layers are merged.
public struct PackageDatabase: Sendable, Hashable, Codable {
    /// Which package manager wrote the file.
    public var kind: PackageDatabaseKind
    /// The packages, in file order.
    public var packages: [Package]
    /// Records that were skipped or repaired, with file and line.
    public var warnings: [CatalogWarning]

    /// Creates a parsed database.
    public init(kind: PackageDatabaseKind, packages: [Package], warnings: [CatalogWarning] = []) {
        self.kind = kind
        self.packages = packages
        self.warnings = warnings
    }
}

/// The OS package managers whose databases Drydock reads.
public enum PackageDatabaseKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Alpine's apk: `lib/apk/db/installed`.
    case apk
    /// Debian and Ubuntu's dpkg: `var/lib/dpkg/status`, `var/lib/dpkg/status.d/*`.
    case dpkg
    /// rpm: `Packages` (Berkeley DB), `Packages.db` (NDB), `rpmdb.sqlite` under `var/lib/rpm/` or
    /// `usr/lib/sysimage/rpm/`, and CBL-Mariner's `var/lib/rpmmanifest/container-manifest-2`.
    case rpm

    /// The distribution family a database of this kind implies when no release file names one.
    ///
    /// An RPM database implies none (`.unknown`): a dozen distributions use rpm, and sending their packages to
    /// one distribution's advisories would be wrong.
    public var impliedFamily: OSFamily {
        switch self {
        case .apk: .alpine
        case .dpkg: .debian
        case .rpm: .unknown
        }
    }

    /// The ecosystem this database's packages belong to on `os`: the family's own when the family uses this
    /// package manager (apk: Alpine, Wolfi, Chainguard; dpkg: Debian, Ubuntu; rpm: the RPM families), else
    /// `nil` (the packages keep the ecosystem their parser gave them, and match no distribution's advisories).
    public func ecosystem(on os: OperatingSystem?) -> Ecosystem? {
        guard let ecosystem = os?.family.packageEcosystem else { return nil }
        switch self {
        case .apk: return [.alpine, .wolfi, .chainguard].contains(ecosystem) ? ecosystem : nil
        case .dpkg: return ecosystem == .debian ? ecosystem : nil
        case .rpm: return ecosystem.isRPM ? ecosystem : nil
        }
    }
}
