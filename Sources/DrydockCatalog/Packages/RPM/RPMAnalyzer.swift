/// Reads rpm's package databases (`var/lib/rpm/` and `usr/lib/sysimage/rpm/`: `Packages`, `Packages.db`,
/// `rpmdb.sqlite`) and CBL-Mariner's distroless `var/lib/rpmmanifest/container-manifest-2`.
///
/// It has the shape of a `CatalogAnalyzer` (name, version, selector, size limit), but its result is an
/// `RPMDatabase` of `RPMPackage`s: turning them into `Package`s needs the RPM distribution's `Ecosystem`, which
/// the integrator supplies once the OS is known (see `RPMPackage.package(ecosystem:filePath:)`).
public struct RPMAnalyzer: Sendable {
    /// Stable identifier, part of cache keys.
    public var name: String { "rpm" }
    /// Bumped whenever the output for the same bytes changes.
    public var version: Int { 1 }
    /// The files it wants.
    public var selector: FileSelector {
        FileSelector(exactPaths: Set(RPMDatabaseParser.paths + [RPMManifestParser.path]))
    }
    /// The largest database it reads: 512 MiB (a large RHEL host's `Packages` is a few hundred MB).
    public var sizeLimit: Int { 512 * 1024 * 1024 }

    /// Creates the analyzer.
    public init() {}

    /// Parses one wanted file: the manifest by its path, a database by its bytes (see `RPMDatabaseParser.parse`).
    public func analyzeRPM(path: String, content: [UInt8]) throws(CatalogError) -> RPMDatabase {
        try RPMDatabaseParser.parse(content, path: path)
    }
}
