import DrydockModel

/// The packages an RPM database file lists, as parsed.
public struct RPMDatabase: Sendable, Hashable, Codable {
    /// The file's format.
    public var format: RPMDatabaseFormat
    /// The packages, ordered by header number.
    public var packages: [RPMPackage]
    /// Records that were skipped, with their offsets.
    public var warnings: [CatalogWarning]

    /// Creates a parsed database.
    public init(format: RPMDatabaseFormat, packages: [RPMPackage], warnings: [CatalogWarning] = []) {
        self.format = format
        self.packages = packages
        self.warnings = warnings
    }
}

/// Reads rpm's package database in any of its three formats, without librpm.
public enum RPMDatabaseParser {
    /// Where rpm keeps its database inside an image: the classic folder and the one newer SUSE and Fedora use.
    public static let directories = ["var/lib/rpm/", "usr/lib/sysimage/rpm/"]
    /// The database file names: Berkeley DB, NDB, SQLite.
    public static let fileNames = ["Packages", "Packages.db", "rpmdb.sqlite"]
    /// Every database path the analyzer reads.
    public static var paths: [String] { directories.flatMap { folder in fileNames.map { folder + $0 } } }

    /// Parses a database file's bytes; the format is recognised from the bytes, not the name (a text file at
    /// `RPMManifestParser.path` is read as the Mariner manifest).
    ///
    /// Throws `CatalogError` (`malformed-database`, location naming the byte offset) when the container cannot be
    /// read at all; a header that cannot be decoded is skipped with a warning naming its header number and offset.
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> RPMDatabase {
        if RPMDatabaseFormat.detect(bytes) == nil, path.hasSuffix(RPMManifestParser.path) {
            return try RPMManifestParser.parse(bytes, path: path)
        }
        let (format, blobs) = try headerBlobs(bytes, path: path)
        var warnings = blobs.warnings
        var packages: [RPMPackage] = []
        packages.reserveCapacity(blobs.entries.count)
        for entry in blobs.entries {
            do {
                let decoded = try RPMHeaderDecoder.decode(
                    entry.blob, headerNumber: entry.headerNumber, location: "header \(entry.headerNumber)")
                packages.append(decoded.package)
                for problem in decoded.problems {
                    warnings.append(
                        CatalogWarning(
                            path: path, message: "header \(entry.headerNumber) at byte \(entry.offset): \(problem)"))
                }
            } catch {
                warnings.append(
                    CatalogWarning(
                        path: path,
                        message: "header \(entry.headerNumber) (file byte \(entry.offset)) is unreadable: "
                            + "\(error.reason) (\(error.location)); skipped"))
            }
        }
        return RPMDatabase(format: format, packages: packages, warnings: warnings)
    }

    /// The header blobs of a database file, not decoded, with the format recognised from the bytes.
    ///
    /// Throws `CatalogError` (`malformed-database`) when no format's magic matches or the container is damaged.
    public static func headerBlobs(_ bytes: [UInt8], path: String) throws(CatalogError) -> (
        RPMDatabaseFormat, RPMHeaderBlobs
    ) {
        switch RPMDatabaseFormat.detect(bytes) {
        case .sqlite: return (.sqlite, try RPMSQLiteReader.read(bytes, path: path))
        case .ndb: return (.ndb, try RPMNDBReader.read(bytes, path: path))
        case .berkeleyDB: return (.berkeleyDB, try RPMBerkeleyHashReader.read(bytes, path: path))
        case .containerManifest, nil:
            throw CatalogError.rpm("not an rpm database (no SQLite, NDB or Berkeley DB magic)", path: path, offset: 0)
        }
    }
}
