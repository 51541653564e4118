import DrydockModel

/// Where the matcher looks advisories up: the SQLite vulnerability DB, or the server's repository.
///
/// An extension point, so that the server can match stored inventories against its own store.
public protocol AdvisorySource: Sendable {
    /// Affected-package records for one package name in one namespace (`Alpine:v3.10`, `Debian:12`, `PyPI`), with
    /// the vendor's status, rating and advisory IDs for that package and release where the feed gives them.
    func affectedPackages(namespace: String, packageName: String) throws -> [AffectedPackage]
    /// The advisory with this ID, or `nil` when the source has none.
    func advisory(id: String) throws -> Advisory?
    /// Whether the source holds any advisory for a namespace; `false` means "not covered", never "clean".
    func covers(namespace: String) throws -> Bool
    /// The feed formats whose advisories fill a namespace (`osv`, `oval`, `redhat-csaf`, `updateinfo`), for the
    /// coverage section.
    func feeds(namespace: String) throws -> [String]
}

extension AdvisorySource {
    /// Sources that do not record feeds name none.
    public func feeds(namespace: String) throws -> [String] { [] }
}
