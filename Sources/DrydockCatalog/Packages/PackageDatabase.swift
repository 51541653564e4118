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

    /// The distribution family a database of this kind implies when no release file names one.
    public var impliedFamily: OSFamily {
        switch self {
        case .apk: .alpine
        case .dpkg: .debian
        }
    }
}
