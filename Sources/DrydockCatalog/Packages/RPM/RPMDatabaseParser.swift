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
        try parse(InMemoryBytes(bytes), path: path)
    }

    /// Parses a database file read by offset: its pages are walked through a small cache and each header is
    /// decoded as soon as it is taken out, so memory grows with the packages listed, not with the file.
    /// Throws as `parse(_:path:)` does, and `CatalogError` (`unreadable-file`) on an I/O error.
    public static func parse(_ file: any RandomAccessBytes, path: String) throws(CatalogError) -> RPMDatabase {
        let head = try file.bytes(0..<16)
        guard let format = RPMDatabaseFormat.detect(head) else {
            if path.hasSuffix(RPMManifestParser.path) {
                return try RPMManifestParser.parse(try file.bytes(0..<file.count), path: path)
            }
            throw CatalogError.rpm("not an rpm database (no SQLite, NDB or Berkeley DB magic)", path: path, offset: 0)
        }
        var decoded: [(number: UInt32, package: RPMPackage)] = []
        var problems: [(number: UInt32, warning: CatalogWarning)] = []
        let warnings = try forEachBlob(RPMFile(file), format: format, path: path) { entry in
            do throws(CatalogError) {
                let header = try RPMHeaderDecoder.decode(
                    entry.blob, headerNumber: entry.headerNumber, location: "header \(entry.headerNumber)")
                decoded.append((entry.headerNumber, header.package))
                for problem in header.problems {
                    problems.append(
                        (
                            entry.headerNumber,
                            CatalogWarning(
                                path: path, message: "header \(entry.headerNumber) at byte \(entry.offset): \(problem)")
                        ))
                }
            } catch {
                problems.append(
                    (
                        entry.headerNumber,
                        CatalogWarning(
                            path: path,
                            message: "header \(entry.headerNumber) (file byte \(entry.offset)) is unreadable: "
                                + "\(error.reason) (\(error.location)); skipped")
                    ))
            }
        }
        // Ordered by header number, whatever order the container kept them in; a header's problems in order.
        decoded.sort { $0.number < $1.number }
        let ordered = problems.enumerated().sorted { ($0.element.number, $0.offset) < ($1.element.number, $1.offset) }
        return RPMDatabase(
            format: format, packages: decoded.map(\.package), warnings: warnings + ordered.map(\.element.warning))
    }

    /// Hands the header blobs of a database file to `visit`, one at a time; returns the container's warnings.
    static func forEachBlob(
        _ data: RPMFile, format: RPMDatabaseFormat, path: String, visit: (RPMHeaderBlobs.Entry) -> Void
    ) throws(CatalogError) -> [CatalogWarning] {
        switch format {
        case .sqlite: return try RPMSQLiteReader.read(data, path: path, visit: visit)
        case .ndb: return try RPMNDBReader.read(data, path: path, visit: visit)
        case .berkeleyDB: return try RPMBerkeleyHashReader.read(data, path: path, visit: visit)
        case .containerManifest:
            throw CatalogError.rpm("not an rpm database (no SQLite, NDB or Berkeley DB magic)", path: path, offset: 0)
        }
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
