import Foundation

/// The repository's schema: an append-only list of named migrations, each written once with placeholders the
/// dialects spell differently — `{ID}` (an auto-generated 64-bit key), `{BLOB}`, and `{EXCEPTION_BODY_IDS}`
/// (a table `j` whose rows `j.value` are the `id` array of the JSON body of the `exceptions` row `e`).
/// A store records the names it has applied in `repository_migrations`; never edit an applied migration,
/// add a new one.
public enum RepositoryMigrations {
    /// One named step.
    public struct Migration: Sendable {
        public var name: String
        public var sql: String
    }

    /// Every migration in order. (v5 forgets which DB build was rescanned for, so the server's next start
    /// matches every stored package once and fills in the KEV columns of findings stored before them.)
    public static let all: [Migration] = [
        Migration(
            name: "v1-images-packages-findings",
            sql: """
                CREATE TABLE images (
                    id {ID},
                    digest TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    artifact_type TEXT NOT NULL,
                    os_family TEXT,
                    os_version TEXT,
                    artifact {BLOB} NOT NULL,
                    inventory {BLOB} NOT NULL,
                    first_seen BIGINT NOT NULL,
                    last_scanned BIGINT NOT NULL,
                    scan_source TEXT NOT NULL,
                    package_count INTEGER NOT NULL
                );
                CREATE INDEX images_by_last_scanned ON images (last_scanned);
                CREATE TABLE image_references (
                    image_id BIGINT NOT NULL REFERENCES images (id) ON DELETE CASCADE,
                    registry TEXT NOT NULL,
                    repository TEXT NOT NULL,
                    tag TEXT NOT NULL,
                    PRIMARY KEY (image_id, registry, repository, tag)
                );
                CREATE INDEX image_references_by_repository ON image_references (repository, tag);
                CREATE TABLE image_labels (
                    image_id BIGINT NOT NULL REFERENCES images (id) ON DELETE CASCADE,
                    key TEXT NOT NULL,
                    value TEXT NOT NULL,
                    PRIMARY KEY (image_id, key)
                );
                CREATE INDEX image_labels_by_value ON image_labels (key, value);
                CREATE TABLE image_targets (
                    image_id BIGINT NOT NULL REFERENCES images (id) ON DELETE CASCADE,
                    target INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    PRIMARY KEY (image_id, target)
                );
                CREATE TABLE packages (
                    id {ID},
                    identity TEXT NOT NULL UNIQUE,
                    ecosystem TEXT NOT NULL,
                    name TEXT NOT NULL,
                    name_key TEXT NOT NULL,
                    version TEXT NOT NULL,
                    purl TEXT,
                    os TEXT,
                    body {BLOB} NOT NULL
                );
                CREATE INDEX packages_by_name ON packages (name_key, ecosystem);
                CREATE INDEX packages_by_purl ON packages (purl);
                CREATE TABLE package_match_keys (
                    namespace TEXT NOT NULL,
                    name_key TEXT NOT NULL,
                    package_id BIGINT NOT NULL REFERENCES packages (id) ON DELETE CASCADE,
                    PRIMARY KEY (namespace, name_key, package_id)
                );
                CREATE TABLE image_packages (
                    image_id BIGINT NOT NULL REFERENCES images (id) ON DELETE CASCADE,
                    package_id BIGINT NOT NULL REFERENCES packages (id),
                    target INTEGER NOT NULL,
                    PRIMARY KEY (image_id, package_id, target)
                );
                CREATE INDEX image_packages_by_package ON image_packages (package_id, image_id);
                CREATE TABLE findings (
                    id {ID},
                    image_id BIGINT NOT NULL REFERENCES images (id) ON DELETE CASCADE,
                    finding_key TEXT NOT NULL,
                    vulnerability_id TEXT NOT NULL,
                    package_name TEXT NOT NULL,
                    installed_version TEXT NOT NULL,
                    target TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    fixed_version TEXT,
                    first_seen BIGINT NOT NULL,
                    last_seen BIGINT NOT NULL,
                    resolved_at BIGINT,
                    status TEXT NOT NULL,
                    title TEXT,
                    purl TEXT,
                    UNIQUE (image_id, finding_key)
                );
                CREATE INDEX findings_open_by_image ON findings (image_id, resolved_at);
                CREATE INDEX findings_open_by_severity ON findings (severity, first_seen) WHERE resolved_at IS NULL;
                CREATE TABLE finding_ids (
                    vulnerability_id TEXT NOT NULL,
                    finding_id BIGINT NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
                    PRIMARY KEY (vulnerability_id, finding_id)
                );
                CREATE INDEX finding_ids_by_finding ON finding_ids (finding_id);
                CREATE TABLE finding_events (
                    id {ID},
                    image_id BIGINT NOT NULL REFERENCES images (id) ON DELETE CASCADE,
                    finding_key TEXT NOT NULL,
                    vulnerability_id TEXT NOT NULL,
                    package_name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    old_severity TEXT,
                    new_severity TEXT,
                    at BIGINT NOT NULL,
                    cause TEXT NOT NULL,
                    rescan_id BIGINT
                );
                CREATE INDEX finding_events_by_image ON finding_events (image_id, at);
                CREATE INDEX finding_events_by_rescan ON finding_events (rescan_id);
                CREATE TABLE layers (
                    diff_id TEXT NOT NULL,
                    analyzer_key TEXT NOT NULL,
                    analysis {BLOB} NOT NULL,
                    stored_at BIGINT NOT NULL,
                    PRIMARY KEY (diff_id, analyzer_key)
                );
                CREATE TABLE repository_state (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                );
                """),
        Migration(
            name: "v2-rescans-webhooks",
            sql: """
                CREATE TABLE rescans (
                    id {ID},
                    started_at BIGINT NOT NULL,
                    finished_at BIGINT,
                    database_built_at BIGINT,
                    changed_keys INTEGER NOT NULL,
                    packages INTEGER NOT NULL,
                    images INTEGER NOT NULL,
                    changes INTEGER NOT NULL
                );
                CREATE TABLE webhooks (
                    id {ID},
                    url TEXT NOT NULL UNIQUE,
                    secret TEXT NOT NULL,
                    created_at BIGINT NOT NULL,
                    created_by TEXT NOT NULL
                );
                CREATE TABLE deliveries (
                    id {ID},
                    webhook_id BIGINT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
                    idempotency_key TEXT NOT NULL UNIQUE,
                    event TEXT NOT NULL,
                    payload {BLOB} NOT NULL,
                    state TEXT NOT NULL,
                    attempts INTEGER NOT NULL,
                    next_attempt_at BIGINT NOT NULL,
                    leased_until BIGINT NOT NULL,
                    last_error TEXT,
                    created_at BIGINT NOT NULL,
                    delivered_at BIGINT
                );
                CREATE INDEX deliveries_due ON deliveries (state, next_attempt_at);
                """),
        Migration(
            name: "v3-exceptions-audit",
            sql: """
                CREATE TABLE exceptions (
                    id TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    body {BLOB},
                    changed_by TEXT NOT NULL,
                    changed_at BIGINT NOT NULL,
                    PRIMARY KEY (id, version)
                );
                CREATE TABLE audit_log (
                    id {ID},
                    at BIGINT NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    object TEXT NOT NULL,
                    detail {BLOB}
                );
                CREATE INDEX audit_log_by_time ON audit_log (at);
                """),
        Migration(
            name: "v4-cluster-workloads",
            sql: """
                CREATE TABLE cluster_workloads (
                    cluster TEXT NOT NULL,
                    namespace TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    name TEXT NOT NULL,
                    container TEXT NOT NULL,
                    role TEXT NOT NULL,
                    image TEXT NOT NULL,
                    registry TEXT NOT NULL,
                    repository TEXT NOT NULL,
                    reference TEXT NOT NULL,
                    reported_at BIGINT NOT NULL,
                    PRIMARY KEY (cluster, namespace, kind, name, container)
                );
                CREATE INDEX cluster_workloads_by_image ON cluster_workloads (registry, repository, reference);
                CREATE INDEX audit_log_by_action ON audit_log (action, at);
                """),
        Migration(
            name: "v5-known-exploited",
            sql: """
                ALTER TABLE findings ADD COLUMN kev_date_added TEXT;
                ALTER TABLE findings ADD COLUMN kev_due_date TEXT;
                ALTER TABLE findings ADD COLUMN kev_ransomware TEXT;
                CREATE INDEX findings_open_kev ON findings (image_id) WHERE kev_date_added IS NOT NULL AND resolved_at IS NULL;
                CREATE INDEX images_by_scan_order ON images (last_scanned, id);
                DELETE FROM repository_state WHERE key = 'rescanned-database-built-at';
                """),
        Migration(
            // The IDs each exception's current version names, so the findings of a page are triaged against the
            // exceptions naming them instead of every exception the store has.
            name: "v6-exception-ids",
            sql: """
                CREATE TABLE exception_ids (
                    vulnerability_id TEXT NOT NULL,
                    exception_id TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    PRIMARY KEY (vulnerability_id, exception_id)
                );
                CREATE INDEX exception_ids_by_exception ON exception_ids (exception_id);
                INSERT INTO exception_ids (vulnerability_id, exception_id, version)
                SELECT DISTINCT j.value, e.id, e.version
                FROM exceptions e
                JOIN (SELECT id, MAX(version) AS version FROM exceptions GROUP BY id) latest
                    ON latest.id = e.id AND latest.version = e.version,
                    {EXCEPTION_BODY_IDS}
                WHERE e.body IS NOT NULL;
                """),
    ]

    /// `sql` in the store's dialect.
    static func render(_ sql: String, for dialect: SQLDialect) -> String {
        switch dialect {
        case .sqlite:
            return sql.replacingOccurrences(of: "{ID}", with: "INTEGER PRIMARY KEY")
                .replacingOccurrences(of: "{BLOB}", with: "BLOB")
                .replacingOccurrences(of: "{EXCEPTION_BODY_IDS}", with: "json_each(CAST(e.body AS TEXT), '$.id') AS j")
        case .postgres:
            return sql.replacingOccurrences(of: "{ID}", with: "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
                .replacingOccurrences(of: "{BLOB}", with: "BYTEA")
                .replacingOccurrences(
                    of: "{EXCEPTION_BODY_IDS}",
                    with: "jsonb_array_elements_text(convert_from(e.body, 'UTF8')::jsonb -> 'id') AS j(value)")
        }
    }

    /// Applies what `store` lacks, in one transaction (PostgreSQL: under an advisory lock, so replicas
    /// starting at once do not race). A store that records a migration this build does not know was
    /// written by a newer Drydock and is refused.
    static func apply(to store: some RepositoryStore) async throws {
        try await store.transaction { session in
            if session.dialect == .postgres {
                try await session.execute("SELECT pg_advisory_xact_lock(hashtext('drydock:migrations'))")
            }
            try await session.execute(
                "CREATE TABLE IF NOT EXISTS repository_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)")
            let applied = Set(
                try await session.query("SELECT name FROM repository_migrations", []).compactMap { $0[0].string })
            let known = Set(all.map(\.name))
            if let unknown = applied.subtracting(known).sorted().first {
                throw RepositoryError(
                    .schema,
                    "store \(store.displayName) has migration '\(unknown)' from a newer Drydock; upgrade this server")
            }
            for migration in all where !applied.contains(migration.name) {
                for statement in render(migration.sql, for: session.dialect).split(separator: ";")
                where !statement.allSatisfy(\.isWhitespace) {
                    try await session.execute(String(statement))
                }
                try await session.execute(
                    "INSERT INTO repository_migrations (name, applied_at) VALUES ($1, $2)",
                    [.text(migration.name), .integer(RepositoryClock.now())])
            }
        }
    }
}

/// Milliseconds since 1970: how the store keeps times.
public enum RepositoryClock {
    /// Now, in milliseconds.
    public static func now() -> Int64 { milliseconds(Date()) }

    /// `date` in milliseconds.
    public static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    /// The date of a stored time.
    public static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }
}
