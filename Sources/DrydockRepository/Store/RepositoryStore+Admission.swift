import Foundation

extension RepositoryStore {
    /// The newest stored image known by `registry/repository` and `reference` (a tag, or a `sha256:` digest
    /// that may also be the key it is stored under), or `nil`.
    public func storedImage(registry: String, repository: String, reference: String) async throws
        -> StoredImageMatch?
    {
        let row = try await read { session in
            try await session.first(
                """
                SELECT i.digest, i.last_scanned FROM images i JOIN image_references r ON r.image_id = i.id
                WHERE r.repository = $2 AND r.tag = $3 AND r.registry = $1
                UNION ALL
                SELECT digest, last_scanned FROM images WHERE digest = $3
                ORDER BY 2 DESC LIMIT 1
                """, [.text(registry), .text(repository), .text(reference)])
        }
        guard let row, let digest = row[0].string, let at = row[1].int64 else { return nil }
        return StoredImageMatch(digest: digest, lastScanned: RepositoryClock.date(at))
    }

    /// Appends entries to the audit log (one transaction).
    public func appendAudit(_ entries: [AdmissionAuditEntry]) async throws {
        guard !entries.isEmpty else { return }
        try await transaction { session in
            try await session.insertRows(
                "INSERT INTO audit_log (at, actor, action, object, detail) VALUES",
                rows: entries.map {
                    [
                        .integer(RepositoryClock.milliseconds($0.at)), .text($0.actor), .text($0.action),
                        .text($0.object), .blob($0.detail),
                    ]
                })
        }
    }

    /// The newest audit entries whose action starts with `actionPrefix`, optionally only those whose object
    /// contains `objectContaining`.
    public func auditEntries(actionPrefix: String, objectContaining: String? = nil, limit: Int = 100) async throws
        -> [AdmissionAuditEntry]
    {
        let rows = try await read { session in
            try await session.query(
                """
                SELECT at, actor, action, object, detail FROM audit_log
                WHERE action LIKE $1 AND object LIKE $2 ORDER BY at DESC, id DESC LIMIT $3
                """,
                [
                    .text(Self.literal(actionPrefix) + "%"),
                    .text("%" + Self.literal(objectContaining ?? "") + "%"), .int(limit),
                ])
        }
        return rows.map {
            AdmissionAuditEntry(
                at: RepositoryClock.date($0[0].int64 ?? 0), actor: $0[1].string ?? "", action: $0[2].string ?? "",
                object: $0[3].string ?? "", detail: $0[4].bytes ?? [])
        }
    }

    /// `text` for a `LIKE` pattern with the wildcards `%` and `_` taken out (neither dialect escapes them without
    /// an `ESCAPE` clause; actions and Kubernetes object names never hold them).
    static func literal(_ text: String) -> String {
        text.filter { $0 != "%" && $0 != "_" }
    }

    /// Replaces what `cluster` runs with `workloads`; `reference` of each is split by `parse`.
    public func replaceClusterWorkloads(
        cluster: String, workloads: [ClusterWorkloadRecord],
        parse: @Sendable (String) -> (registry: String, repository: String, reference: String)
    ) async throws {
        let now = RepositoryClock.now()
        let ordered = Set(workloads).sorted {
            ($0.namespace, $0.kind, $0.name, $0.container) < ($1.namespace, $1.kind, $1.name, $1.container)
        }
        let rows: [[SQLValue]] = ordered.map { workload in
            let parts = parse(workload.image)
            return [
                .text(cluster), .text(workload.namespace), .text(workload.kind), .text(workload.name),
                .text(workload.container), .text(workload.role), .text(workload.image), .text(parts.registry),
                .text(parts.repository), .text(parts.reference), .integer(now),
            ]
        }
        try await transaction { session in
            try await session.execute("DELETE FROM cluster_workloads WHERE cluster = $1", [.text(cluster)])
            try await session.insertRows(
                """
                INSERT INTO cluster_workloads (cluster, namespace, kind, name, container, role, image, registry,
                    repository, reference, reported_at) VALUES
                """, rows: rows, suffix: "ON CONFLICT DO NOTHING")
        }
    }

    /// Open findings per severity of the image stored under `digest`.
    public func openFindingCounts(digest: String) async throws -> [String: Int] {
        let rows = try await read { session in
            try await session.query(
                """
                SELECT f.severity, COUNT(*) FROM findings f JOIN images i ON i.id = f.image_id
                WHERE i.digest = $1 AND f.resolved_at IS NULL GROUP BY f.severity
                """, [.text(digest)])
        }
        var counts: [String: Int] = [:]
        for row in rows { if let severity = row[0].string { counts[severity] = row[1].int ?? 0 } }
        return counts
    }
}
