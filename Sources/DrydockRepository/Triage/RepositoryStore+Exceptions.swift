import DrydockPolicy
import Foundation

extension RepositoryStore {
    /// Stores `exception` as a new exception (`id` `nil`) or as the next version of exception `id`, and logs who
    /// did it. Every change is a new version; earlier ones are kept (``exceptionHistory(id:)``).
    public func saveException(
        _ exception: PolicyException, id: String? = nil, by actor: String, detail: AuditDetail = AuditDetail()
    ) async throws -> ExceptionRecord {
        let body = ExceptionBody(exception)
        let bytes = Array(try JSONEncoder.sorted.encode(body))
        let name = id ?? "x-" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(10).lowercased()
        return try await writeVersion(
            of: name, body: bytes, exception: body, by: actor, action: id == nil ? "exception.add" : "exception.update",
            requireExisting: id != nil, detail: detail)
    }

    /// Removes exception `id` (a new version without a body), and logs who did it.
    public func removeException(id: String, by actor: String, detail: AuditDetail = AuditDetail()) async throws
        -> ExceptionRecord
    {
        try await writeVersion(
            of: id, body: nil, exception: nil, by: actor, action: "exception.remove", requireExisting: true,
            detail: detail)
    }

    private func writeVersion(
        of id: String, body: [UInt8]?, exception: ExceptionBody?, by actor: String, action: String,
        requireExisting: Bool, detail: AuditDetail
    ) async throws -> ExceptionRecord {
        let now = RepositoryClock.now()
        let version = try await transaction { session in
            if session.dialect == .postgres {
                // Two replicas changing one exception at once take turns instead of colliding on the version.
                try await session.execute("SELECT pg_advisory_xact_lock(hashtext($1))", [.text("drydock:x:" + id)])
            }
            let latest = try await session.first(
                "SELECT version, body IS NULL FROM exceptions WHERE id = $1 ORDER BY version DESC LIMIT 1", [.text(id)])
            if requireExisting {
                guard let latest, latest[1].int != 1 else { throw RepositoryError(.notFound, "no exception \(id)") }
            }
            let version = (latest?[0].int ?? 0) + 1
            try await session.execute(
                "INSERT INTO exceptions (id, version, body, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5)",
                [.text(id), .int(version), body.map(SQLValue.blob) ?? .null, .text(actor), .integer(now)])
            try await session.execute("DELETE FROM exception_ids WHERE exception_id = $1", [.text(id)])
            for named in Set(exception?.id ?? []) {
                try await session.execute(
                    "INSERT INTO exception_ids (vulnerability_id, exception_id, version) VALUES ($1, $2, $3)",
                    [.text(named), .text(id), .int(version)])
            }
            var detail = detail
            detail.version = version
            detail.exception = exception
            try await session.execute(
                "INSERT INTO audit_log (at, actor, action, object, detail) VALUES ($1, $2, $3, $4, $5)",
                [
                    .integer(now), .text(actor), .text(action), .text(id),
                    .blob(Array(try JSONEncoder.sorted.encode(detail))),
                ])
            return version
        }
        return ExceptionRecord(
            id: id, version: version, exception: exception, changedBy: actor, changedAt: RepositoryClock.date(now),
            expired: exception.map { Self.isExpired($0, at: Date()) })
    }

    /// The current version of every exception, oldest first; removed ones only with `includeRemoved`.
    public func exceptions(includeRemoved: Bool = false, now: Date = Date()) async throws -> [ExceptionRecord] {
        let rows = try await read { session in
            try await session.query(
                """
                SELECT e.id, e.version, e.body, e.changed_by, e.changed_at FROM exceptions e
                JOIN (SELECT id, MAX(version) AS version FROM exceptions GROUP BY id) latest
                    ON latest.id = e.id AND latest.version = e.version
                ORDER BY e.changed_at, e.id
                """, [])
        }
        return try rows.map { try Self.exceptionRecord($0, now: now) }.filter { includeRemoved || $0.exception != nil }
    }

    /// Every version of exception `id`, oldest first; `notFound` when there is none.
    public func exceptionHistory(id: String, now: Date = Date()) async throws -> [ExceptionRecord] {
        let rows = try await read { session in
            try await session.query(
                "SELECT id, version, body, changed_by, changed_at FROM exceptions WHERE id = $1 ORDER BY version",
                [.text(id)])
        }
        guard !rows.isEmpty else { throw RepositoryError(.notFound, "no exception \(id)") }
        return try rows.map { try Self.exceptionRecord($0, now: now) }
    }

    /// One version of exception `id`; `notFound` when there is no such version.
    public func exceptionVersion(id: String, version: Int, now: Date = Date()) async throws -> ExceptionRecord {
        guard let record = try await exceptionHistory(id: id, now: now).first(where: { $0.version == version }) else {
            throw RepositoryError(.notFound, "exception \(id) has no version \(version)")
        }
        return record
    }

    /// The current, live exceptions that name one of `ids`, in the order of ``exceptions(includeRemoved:now:)``:
    /// only those can decide a finding known by `ids` (an exception applies only to the IDs it lists), so a page
    /// of findings is triaged without reading every exception the store has.
    public func liveExceptions(naming ids: Set<String>, now: Date = Date()) async throws -> [PolicyException] {
        try await liveExceptionRecords(naming: ids, now: now).compactMap { try $0.policyException() }
    }

    /// The current versions of the exceptions ``liveExceptions(naming:now:)`` reads, as stored (with their IDs
    /// and versions, to remove one), in the same order.
    public func liveExceptionRecords(naming ids: Set<String>, now: Date = Date()) async throws -> [ExceptionRecord] {
        var records: [String: ExceptionRecord] = [:]
        let sorted = ids.sorted()
        for start in stride(from: 0, to: sorted.count, by: Self.exceptionLookupBatch) {
            let batch = sorted[start..<min(start + Self.exceptionLookupBatch, sorted.count)]
            let rows = try await read { session in
                try await session.query(
                    """
                    SELECT e.id, e.version, e.body, e.changed_by, e.changed_at FROM exceptions e
                    WHERE (e.id, e.version) IN (
                        SELECT exception_id, version FROM exception_ids
                        WHERE vulnerability_id IN (\(SQL.placeholders(batch.count))))
                    """, batch.map(SQLValue.text))
            }
            for row in rows {
                let record = try Self.exceptionRecord(row, now: now)
                records[record.id] = record
            }
        }
        return records.values.filter { $0.exception != nil }
            .sorted { ($0.changedAt, $0.id) < ($1.changedAt, $1.id) }
    }

    /// How many IDs one lookup of ``liveExceptionRecords(naming:now:)`` binds (far below either database's limit).
    static var exceptionLookupBatch: Int { 500 }

    /// The audit log of changes (admission decisions left out), newest first: at most `limit` entries, only those
    /// at or after `since` when given.
    public func auditLog(limit: Int = 100, since: Date? = nil) async throws -> [AuditEntry] {
        let rows = try await read { session in
            try await session.query(
                // Admission decisions share the table; they have their own log (`admissionDecisions`).
                """
                SELECT id, at, actor, action, object, detail FROM audit_log
                WHERE at >= $1 AND action NOT LIKE 'admission.%' ORDER BY at DESC, id DESC LIMIT $2
                """,
                [.integer(since.map(RepositoryClock.milliseconds) ?? 0), .int(limit)])
        }
        return rows.compactMap { row in
            guard let id = row[0].int64 else { return nil }
            return AuditEntry(
                id: id, at: RepositoryClock.date(row[1].int64 ?? 0), actor: row[2].string ?? "",
                action: row[3].string ?? "", object: row[4].string ?? "",
                detail: row[5].bytes.flatMap { try? JSONDecoder().decode(AuditDetail.self, from: Data($0)) })
        }
    }

    /// Logs a triage choice that changes no exception (`fix-now` on a finding nothing excepts).
    public func auditTriage(actor: String, object: String, detail: AuditDetail) async throws {
        try await audit(
            actor: actor, action: "triage.\(detail.triage ?? "unknown")", object: object,
            detail: Array(try JSONEncoder.sorted.encode(detail)))
    }

    private static func exceptionRecord(_ row: SQLRow, now: Date) throws -> ExceptionRecord {
        let body = try row[2].bytes.map { bytes in
            do {
                return try JSONDecoder().decode(ExceptionBody.self, from: Data(bytes))
            } catch {
                throw RepositoryError(.storage, "stored exception \(row[0].string ?? "?") is not readable: \(error)")
            }
        }
        return ExceptionRecord(
            id: row[0].string ?? "", version: row[1].int ?? 0, exception: body, changedBy: row[3].string ?? "",
            changedAt: RepositoryClock.date(row[4].int64 ?? 0), expired: body.map { isExpired($0, at: now) })
    }

    static func isExpired(_ body: ExceptionBody, at now: Date) -> Bool {
        PolicyDate.parse(body.expires).map { $0 <= now } ?? false
    }
}

extension JSONEncoder {
    /// Sorted keys: stored JSON is the same bytes for the same value.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
