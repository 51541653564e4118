import DrydockModel

/// The header blobs a package database holds, before they are decoded.
///
/// Each database format (SQLite, NDB, Berkeley DB hash) is a container of RPM header blobs keyed by a
/// header number; the readers only take the blobs out, and `RPMHeader` decodes them.
public struct RPMHeaderBlobs: Sendable, Hashable {
    /// One stored header.
    public struct Entry: Sendable, Hashable {
        /// The header number the database keys it by (SQLite `hnum`, NDB package index, BDB key).
        public var headerNumber: UInt32
        /// Where the blob starts in the database file (for the first page or block it occupies).
        public var offset: Int
        /// The header blob: index count, data length, index entries, data (no leading magic).
        public var blob: [UInt8]

        /// Creates an entry.
        public init(headerNumber: UInt32, offset: Int, blob: [UInt8]) {
            self.headerNumber = headerNumber
            self.offset = offset
            self.blob = blob
        }
    }

    /// The blobs, ordered by header number.
    public var entries: [Entry]
    /// Records that were skipped, with their offsets.
    public var warnings: [CatalogWarning]

    /// Creates a list.
    public init(entries: [Entry], warnings: [CatalogWarning] = []) {
        self.entries = entries
        self.warnings = warnings
    }

    /// Collects what a reader that hands out blobs one at a time (`read`, given the visitor) finds, ordered by
    /// header number.
    static func collecting(
        _ read: (_ visit: (Entry) -> Void) throws(CatalogError) -> [CatalogWarning]
    ) throws(CatalogError) -> RPMHeaderBlobs {
        var entries: [Entry] = []
        let warnings = try read { entries.append($0) }
        entries.sort { $0.headerNumber < $1.headerNumber }
        return RPMHeaderBlobs(entries: entries, warnings: warnings)
    }
}

/// The on-disk formats rpm has used for its package database.
public enum RPMDatabaseFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// `rpmdb.sqlite`: an SQLite 3 file with a `Packages(hnum, blob)` table (rpm ≥ 4.16; Fedora, RHEL 9, Mariner).
    case sqlite
    /// `Packages.db`: rpm's own "ndb" format (SUSE).
    case ndb
    /// `Packages`: a Berkeley DB hash database (RHEL ≤ 8, CentOS, Amazon Linux 2).
    case berkeleyDB = "bdb"
    /// `var/lib/rpmmanifest/container-manifest-2`: the text listing CBL-Mariner's distroless images carry
    /// instead of a database (never recognised from bytes by `detect`).
    case containerManifest = "rpmmanifest"

    /// Recognises a format from a file's first bytes; `nil` when none matches.
    public static func detect(_ bytes: [UInt8]) -> RPMDatabaseFormat? {
        let reader = RPMBytes(bytes: bytes)
        if bytes.count >= 16, Array(bytes[0..<16]) == Array("SQLite format 3\0".utf8) { return .sqlite }
        if reader.u32(0, bigEndian: false) == RPMNDBReader.headerMagic { return .ndb }
        if let magic = reader.u32(12, bigEndian: false),
            magic == RPMBerkeleyHashReader.hashMagic || magic == RPMBerkeleyHashReader.hashMagic.byteSwapped
        {
            return .berkeleyDB
        }
        return nil
    }
}

extension CatalogError {
    /// A malformed-database error at `offset` of the file at `path`.
    static func rpm(_ reason: String, path: String, offset: Int? = nil) -> CatalogError {
        let location = offset.map { "\(path) at byte \($0)" } ?? path
        return CatalogError(code: .malformedDatabase, reason: reason, location: location)
    }
}
