import DrydockModel

/// Takes the header blobs out of rpm's SQLite database, `rpmdb.sqlite`.
///
/// rpm (4.16 and later) keeps one row per installed package in `Packages(hnum INTEGER PRIMARY KEY, blob BLOB)`;
/// the other tables are indexes rebuilt from the headers. The reader finds the table's root page in the
/// schema table on page 1 and walks its b-tree (`SQLiteBTree`). Rows not yet checkpointed from a
/// `rpmdb.sqlite-wal` file are not seen; rpm checkpoints when it closes the database.
public enum RPMSQLiteReader {
    /// Reads every row of `Packages`; `path` names the file in errors and warnings.
    ///
    /// Throws `CatalogError` (`malformed-database`) when the file is not SQLite, has no `Packages` table, or
    /// its b-tree is damaged; a row whose record cannot be decoded is skipped with a warning.
    public static func read(_ bytes: [UInt8], path: String) throws(CatalogError) -> RPMHeaderBlobs {
        try RPMHeaderBlobs.collecting { (visit) throws(CatalogError) in
            try read(RPMFile(bytes: bytes), path: path, visit: visit)
        }
    }

    /// Hands every row of `Packages` to `visit` as a blob, in `hnum` order, reading the file by offset; returns
    /// the warnings.
    static func read(_ data: RPMFile, path: String, visit: (RPMHeaderBlobs.Entry) -> Void) throws(CatalogError)
        -> [CatalogWarning]
    {
        let warnings: [CatalogWarning]?
        do {
            warnings = try packageRows(data, path: path, visit: visit)
        } catch {
            throw data.failure ?? CatalogError.rpm(error.reason, path: path, offset: error.offset)
        }
        guard let warnings else {
            throw data.failure
                ?? CatalogError.rpm("SQLite file has no Packages table (not an rpm database)", path: path)
        }
        return warnings
    }

    /// The `Packages` rows as blobs, handed to `visit`; the warnings, or `nil` without such a table.
    static func packageRows(_ data: RPMFile, path: String, visit: (RPMHeaderBlobs.Entry) -> Void)
        throws(RPMFormatProblem) -> [CatalogWarning]?
    {
        let tree = try SQLiteBTree(data)
        guard let root = try packagesRoot(tree) else { return nil }
        var warnings: [CatalogWarning] = []
        try tree.forEachRow(root: root) { row in
            guard let values = SQLiteRecord.decode(row.payload), values.count >= 2, case .blob(let blob) = values[1]
            else {
                warnings.append(
                    CatalogWarning(
                        path: path,
                        message: "Packages row \(row.rowid) at byte \(row.pageOffset) is not (hnum, blob); skipped"))
                return
            }
            guard row.rowid >= 0, row.rowid <= Int64(UInt32.max) else {
                warnings.append(
                    CatalogWarning(path: path, message: "Packages row \(row.rowid) has an invalid hnum; skipped"))
                return
            }
            visit(RPMHeaderBlobs.Entry(headerNumber: UInt32(row.rowid), offset: row.pageOffset, blob: Array(blob)))
        }
        return warnings
    }

    /// The root page of the `Packages` table, from the schema table rooted at page 1.
    static func packagesRoot(_ tree: SQLiteBTree) throws(RPMFormatProblem) -> Int? {
        for row in try tree.rows(root: 1) {
            guard let values = SQLiteRecord.decode(row.payload), values.count >= 4,
                case .text(let type) = values[0], case .text(let name) = values[1],
                case .integer(let root) = values[3]
            else { continue }
            if type.elementsEqual("table".utf8), name.elementsEqual("Packages".utf8), root > 0, root <= Int64(Int32.max)
            {
                return Int(root)
            }
        }
        return nil
    }
}
