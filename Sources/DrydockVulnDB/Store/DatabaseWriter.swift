import DrydockModel
import Foundation
import GRDB

/// Writes a complete DB file in one transaction with reused prepared statements.
enum DatabaseWriter {
    static func write(
        path: String, builtAt: Date, drydockVersion: String, sources: [SourceInfo], rows: MergedAdvisories.Rows
    ) throws(VulnDBError) {
        do {
            var configuration = Configuration()
            configuration.prepareDatabase { db in
                // A fresh temporary file renamed into place on success: no journal needed.
                try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
            }
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            // All migrations run first: v2 alters tables that v1's index migration follows. Rows are
            // inserted in index order, so maintaining the indexes while inserting stays cheap.
            try DatabaseSchema.migrator.migrate(queue)
            try queue.write { db in
                try insert(db, builtAt: builtAt, drydockVersion: drydockVersion, sources: sources, rows: rows)
            }
            try queue.writeWithoutTransaction { db in try db.execute(sql: "ANALYZE") }
            try queue.close()
        } catch let error as VulnDBError {
            throw error
        } catch {
            throw VulnDBError(
                code: .databaseFailure, reason: "cannot write the DB", location: path,
                underlying: SQLiteFailure.describe(error))
        }
    }

    private static func insert(
        _ db: Database, builtAt: Date, drydockVersion: String, sources: [SourceInfo], rows: MergedAdvisories.Rows
    ) throws {
        let metadata = try db.makeStatement(sql: "INSERT INTO metadata (key, value) VALUES (?, ?)")
        for (key, value) in [
            ("schema_version", String(DatabaseSchema.version)), ("built_at", Timestamp.format(builtAt)),
            ("drydock_version", drydockVersion),
        ] {
            try metadata.execute(arguments: [key, value])
        }

        let source = try db.makeStatement(
            sql: """
                INSERT INTO sources (position, path, format, files, records, skipped, unknown_files, skipped_ranges,
                    newest_modified, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for (position, info) in sources.enumerated() {
            try source.execute(arguments: [
                position, info.path, info.format, info.files, info.records, info.skipped, info.unknownFiles,
                info.skippedRanges, info.newestModified.map(Timestamp.format), info.sha256,
            ])
        }

        let advisory = try db.makeStatement(
            sql: """
                INSERT INTO advisories (id, source, title, description, severity, severity_source, published,
                    modified, withdrawn, reference_urls, cvss, vendor_severity, cwe_ids, epss, epss_percentile,
                    epss_date, kev_date_added, kev_due_date, kev_ransomware)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let alias = try db.makeStatement(sql: "INSERT OR IGNORE INTO aliases (advisory_id, alias) VALUES (?, ?)")
        for item in rows.advisories {
            let record = item.advisory
            try advisory.execute(arguments: [
                record.id, record.source, record.title, record.description, record.severity?.rawValue,
                item.severitySource, record.published.map(Timestamp.format), record.modified.map(Timestamp.format),
                record.withdrawn.map(Timestamp.format), JSONWriter.stringArray(record.references),
                StoredCoding.encode(cvss: record.cvss), StoredCoding.encode(vendorSeverity: record.vendorSeverity),
                JSONWriter.stringArray(record.cweIDs), record.epss?.score, record.epss?.percentile, record.epss?.date,
                record.knownExploited?.dateAdded, record.knownExploited?.dueDate, record.knownExploited?.ransomwareUse,
            ])
            for name in record.aliases.sorted() where name != record.id {
                try alias.execute(arguments: [record.id, name])
            }
        }

        let affected = try db.makeStatement(
            sql: """
                INSERT INTO affected (advisory_id, namespace, package_name, name_key, ranges, versions, severity,
                    withdrawn, status, module, vendor_ids, go_imports) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for row in rows.affected {
            try affected.execute(arguments: [
                row.package.advisoryID, row.package.namespace, row.package.packageName, row.nameKey, row.ranges,
                row.versions, row.package.severity?.rawValue, row.withdrawn ? 1 : 0, row.package.status?.rawValue,
                row.package.module, row.vendorIDs, row.goImports,
            ])
        }

        let feed = try db.makeStatement(sql: "INSERT INTO namespace_feeds (namespace, format) VALUES (?, ?)")
        for (namespace, format) in rows.namespaceFeeds {
            try feed.execute(arguments: [namespace, format])
        }
    }
}
