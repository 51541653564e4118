import GRDB

/// The DB's SQLite schema: an append-only list of named migrations and the version they add up to.
///
/// A DB file records ``version`` in its `metadata` table; a reader refuses any other version, so a
/// change to tables or to what a column means must add a migration and bump ``version``.
public enum DatabaseSchema {
    /// The schema version this build of Drydock writes and reads.
    public static let version = 4

    /// The migrator that creates a DB of schema ``version`` from an empty file.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-initial") { db in
            try db.execute(
                sql: """
                    CREATE TABLE metadata (
                        key TEXT PRIMARY KEY NOT NULL,
                        value TEXT NOT NULL
                    ) WITHOUT ROWID;
                    CREATE TABLE sources (
                        position INTEGER PRIMARY KEY,
                        path TEXT NOT NULL,
                        format TEXT NOT NULL,
                        files INTEGER NOT NULL,
                        records INTEGER NOT NULL,
                        skipped INTEGER NOT NULL,
                        unknown_files INTEGER NOT NULL,
                        skipped_ranges INTEGER NOT NULL,
                        newest_modified TEXT,
                        sha256 TEXT NOT NULL
                    );
                    CREATE TABLE advisories (
                        id TEXT PRIMARY KEY NOT NULL,
                        source TEXT NOT NULL,
                        title TEXT,
                        description TEXT,
                        severity TEXT,
                        severity_source TEXT,
                        published TEXT,
                        modified TEXT,
                        withdrawn TEXT,
                        reference_urls TEXT NOT NULL,
                        cvss TEXT NOT NULL
                    );
                    CREATE TABLE aliases (
                        advisory_id TEXT NOT NULL,
                        alias TEXT NOT NULL,
                        PRIMARY KEY (advisory_id, alias)
                    ) WITHOUT ROWID;
                    CREATE INDEX aliases_by_alias ON aliases (alias, advisory_id);
                    CREATE TABLE affected (
                        id INTEGER PRIMARY KEY,
                        advisory_id TEXT NOT NULL,
                        namespace TEXT NOT NULL,
                        package_name TEXT NOT NULL,
                        name_key TEXT NOT NULL,
                        ranges TEXT NOT NULL,
                        versions TEXT NOT NULL,
                        severity TEXT,
                        withdrawn INTEGER NOT NULL
                    );
                    """)
        }
        // The builder runs this one after the bulk insert: building an index once is faster than
        // maintaining it row by row.
        migrator.registerMigration(lookupIndexesMigration) { db in
            try db.execute(
                sql: """
                    CREATE INDEX affected_by_package ON affected (namespace, name_key);
                    CREATE INDEX affected_by_advisory ON affected (advisory_id);
                    """)
        }
        migrator.registerMigration("v2-status-enrichment") { db in
            try db.execute(
                sql: """
                    ALTER TABLE affected ADD COLUMN status TEXT;
                    ALTER TABLE advisories ADD COLUMN vendor_severity TEXT NOT NULL DEFAULT '{}';
                    ALTER TABLE advisories ADD COLUMN cwe_ids TEXT NOT NULL DEFAULT '[]';
                    ALTER TABLE advisories ADD COLUMN epss REAL;
                    ALTER TABLE advisories ADD COLUMN epss_percentile REAL;
                    ALTER TABLE advisories ADD COLUMN epss_date TEXT;
                    ALTER TABLE advisories ADD COLUMN kev_date_added TEXT;
                    ALTER TABLE advisories ADD COLUMN kev_due_date TEXT;
                    ALTER TABLE advisories ADD COLUMN kev_ransomware TEXT;
                    """)
        }
        // v3: the RPM module stream of an affected entry; NuGet name keys are lowercased (same column, new
        // meaning), so a v2 file must be rebuilt.
        migrator.registerMigration("v3-module-streams") { db in
            try db.execute(sql: "ALTER TABLE affected ADD COLUMN module TEXT;")
        }
        // v4: vendor feeds (Red Hat and SUSE CSAF, Amazon and Fedora updateinfo, vendor OVAL, Wolfi secdb, …): the
        // vendor advisories that ship each fix (Trivy's `VendorIDs`; the vendor's status and rating per package
        // already have their columns), and which feed formats filled each namespace (the coverage section names
        // the feed that checked an image).
        migrator.registerMigration("v4-vendor-feeds") { db in
            try db.execute(
                sql: """
                    ALTER TABLE affected ADD COLUMN vendor_ids TEXT NOT NULL DEFAULT '[]';
                    CREATE TABLE namespace_feeds (
                        namespace TEXT NOT NULL,
                        format TEXT NOT NULL,
                        PRIMARY KEY (namespace, format)
                    ) WITHOUT ROWID;
                    """)
        }
        return migrator
    }

    /// The migration that adds the lookup indexes.
    static let lookupIndexesMigration = "v1-lookup-indexes"
}
