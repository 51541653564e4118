import DrydockModel
import DrydockVulnDB

/// Where the matcher looks advisories up: the SQLite vulnerability DB, or the server's repository.
///
/// An extension point, so that the server can match stored inventories against its own store.
public protocol AdvisorySource: Sendable {
    /// Affected-package records for one package name in one namespace (`Alpine:v3.10`, `Debian:12`, `PyPI`).
    func affectedPackages(namespace: String, packageName: String) throws -> [AffectedPackage]
    /// The advisory with this ID, or `nil` when the source has none.
    func advisory(id: String) throws -> Advisory?
    /// Whether the source holds any advisory for a namespace; `false` means "not covered", never "clean".
    func covers(namespace: String) throws -> Bool
    /// Affected-package records with the vendor's status and severity for that package and release, where the
    /// feed gives them (Debian, Ubuntu, Wolfi, the OVAL feeds).
    func affectedEntries(namespace: String, packageName: String) throws -> [ImportedAffected]
    /// The feed formats that hold advisories for a namespace (`osv`, `oval`), for the coverage section.
    func feeds(namespace: String) throws -> [String]
}

extension AdvisorySource {
    /// The records without statuses or severities, for sources that keep none.
    public func affectedEntries(namespace: String, packageName: String) throws -> [ImportedAffected] {
        try affectedPackages(namespace: namespace, packageName: packageName).map { ImportedAffected(package: $0) }
    }

    /// No feed names, for sources that do not record them.
    public func feeds(namespace: String) throws -> [String] { [] }
}
