import DrydockModel

/// Reads rpm's package databases (`var/lib/rpm/` and `usr/lib/sysimage/rpm/`: `Packages`, `Packages.db`,
/// `rpmdb.sqlite`) and CBL-Mariner's distroless `var/lib/rpmmanifest/container-manifest-2`.
///
/// `analyze(path:content:)` gives a `PackageDatabase` of kind `.rpm` whose packages carry the placeholder
/// ecosystem `RPMAnalyzer.placeholderEcosystem`: the real one (AlmaLinux, Rocky, SUSE, Mariner, …) is known only
/// once the OS is detected, and `LayerMerger` sets it then (`PackageDatabaseKind.ecosystem(on:)`). Each package
/// keeps its owned files (`Package.installedFiles`), so later stages can tell which paths an OS package owns.
///
/// Databases are read by offset (`RPMDatabaseParser.parse(_:path:)` with a file): memory grows with the packages
/// listed, not with the database's size.
public struct RPMAnalyzer: RandomAccessAnalyzer {
    /// The ecosystem packages carry until the OS is known; on an image whose OS is not an RPM distribution
    /// they keep it, and `MatchNamespace` matches them against nothing.
    public static let placeholderEcosystem = Ecosystem.redHat

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

    /// See `RandomAccessAnalyzer.analyze(path:file:)`: the database's packages as `Package`s, without the
    /// `gpg-pubkey` entries (imported signing keys, not software; `analyzeRPM` still lists them).
    public func analyze(path: String, file: any RandomAccessBytes) throws(CatalogError) -> FileFinding {
        let database = try RPMDatabaseParser.parse(file, path: path)
        return .packageDatabase(
            PackageDatabase(
                kind: .rpm,
                packages: database.packages.filter { $0.name != "gpg-pubkey" }.map {
                    $0.package(ecosystem: Self.placeholderEcosystem, filePath: path)
                },
                warnings: database.warnings))
    }

    /// Parses one wanted file: the manifest by its path, a database by its bytes (see `RPMDatabaseParser.parse`).
    public func analyzeRPM(path: String, content: [UInt8]) throws(CatalogError) -> RPMDatabase {
        try RPMDatabaseParser.parse(content, path: path)
    }
}
