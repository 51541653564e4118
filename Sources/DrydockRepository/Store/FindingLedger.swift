import DrydockModel
import Foundation

/// Keeps images' findings and their history: compares what a scan or rescan found with the stored findings,
/// opens new ones, reopens and resolves, records severity and KEV changes, and writes one event each.
///
/// Set-based: a batch of images costs one read of their findings and a handful of multi-row statements
/// (insert, update from a `VALUES` list, resolve, events, alias links) — what lets a rescan store the changes
/// of 10,000 images in seconds. The comparison itself is ``FindingDiff``, a pure function.
enum FindingLedger {
    /// What one image should hold: `current` (the findings now found); with `scope` (package `name|version`
    /// pairs), only stored findings of those packages are compared — a rescan re-matches only the packages the
    /// changed advisories name.
    struct Input: Sendable {
        var imageID: Int64
        var current: [StoredFinding]
        var scope: Set<String>?
    }

    /// Applies `current` to image `imageID` (see ``apply(_:at:cause:rescanID:in:)``).
    static func apply(
        _ current: [StoredFinding], imageID: Int64, scope: Set<String>?, at: Int64, cause: String,
        rescanID: Int64?, in session: any SQLSession
    ) async throws -> ImageChanges {
        try await apply(
            [Input(imageID: imageID, current: current, scope: scope)], at: at, cause: cause, rescanID: rescanID,
            in: session)[imageID] ?? ImageChanges(digest: "", name: "")
    }

    /// Applies each input to its image, in `session`'s transaction; returns what changed per image (images
    /// without a change are absent).
    static func apply(
        _ inputs: [Input], at: Int64, cause: String, rescanID: Int64?, in session: any SQLSession
    ) async throws -> [Int64: ImageChanges] {
        guard !inputs.isEmpty else { return [:] }
        let stored = try await storedFindings(of: inputs.map(\.imageID), in: session)
        var diffs: [Int64: FindingDiff] = [:]
        for input in inputs {
            diffs[input.imageID] = FindingDiff(
                existing: stored[input.imageID] ?? [:], current: input.current, scope: input.scope)
        }
        // New findings, with their row IDs back for the alias links.
        var insertRows: [[SQLValue]] = []
        for (image, diff) in diffs.sorted(by: { $0.key < $1.key }) {
            for finding in diff.inserted {
                insertRows.append(
                    [
                        .integer(image), .text(finding.key), .text(finding.vulnerabilityID),
                        .text(finding.packageName), .text(finding.installedVersion), .text(finding.target),
                        .text(finding.severity.rawValue), .optional(finding.fixedVersion), .integer(at), .integer(at),
                        .text(finding.status.rawValue), .optional(finding.title), .optional(finding.purl),
                    ] + KEVColumns.binds(finding.knownExploited))
            }
        }
        var linkRows: [[SQLValue]] = []
        let inserted = try await insertReturning(
            """
            INSERT INTO findings (image_id, finding_key, vulnerability_id, package_name, installed_version, target,
                severity, fixed_version, first_seen, last_seen, status, title, purl, kev_date_added, kev_due_date,
                kev_ransomware) VALUES
            """, rows: insertRows, in: session)
        for (image, diff) in diffs {
            for finding in diff.inserted {
                guard let id = inserted["\(image)|\(finding.key)"] else { continue }
                linkRows += Self.aliasRows(finding, id: id)
            }
            for (id, finding) in diff.reopened { linkRows += Self.aliasRows(finding, id: id) }
        }
        // Reopened findings start again; changed ones take the new facts.
        let reopened = diffs.values.flatMap(\.reopened).map { id, finding in
            [.integer(id)] + Self.facts(finding)
        }
        try await bulkUpdate(
            rows: reopened,
            set: """
                resolved_at = NULL, first_seen = \(at), last_seen = \(at), severity = v.severity,
                fixed_version = v.fixed_version, status = v.status, title = v.title, kev_date_added = v.kev_date_added,
                kev_due_date = v.kev_due_date, kev_ransomware = v.kev_ransomware
                """, in: session)
        let updated = diffs.values.flatMap(\.updated).map { id, finding in [.integer(id)] + Self.facts(finding) }
        try await bulkUpdate(
            rows: updated,
            set: """
                last_seen = \(at), severity = v.severity, fixed_version = v.fixed_version, status = v.status,
                kev_date_added = v.kev_date_added, kev_due_date = v.kev_due_date, kev_ransomware = v.kev_ransomware
                """, in: session)
        let resolved = diffs.values.flatMap(\.resolved).sorted()
        for chunk in resolved.chunked(500) {
            try await session.execute(
                "UPDATE findings SET resolved_at = $1 WHERE id IN (\(SQL.placeholders(chunk.count, from: 2)))",
                [.integer(at)] + chunk.map(SQLValue.integer))
        }
        let unscoped = inputs.filter { $0.scope == nil }.map(\.imageID)
        for chunk in unscoped.chunked(500) {
            try await session.execute(
                """
                UPDATE findings SET last_seen = $1 WHERE resolved_at IS NULL
                    AND image_id IN (\(SQL.placeholders(chunk.count, from: 2)))
                """, [.integer(at)] + chunk.map(SQLValue.integer))
        }
        var events: [[SQLValue]] = []
        for (image, diff) in diffs.sorted(by: { $0.key < $1.key }) {
            for event in diff.events {
                events.append([
                    .integer(image), .text(event.finding.key), .text(event.finding.vulnerabilityID),
                    .text(event.finding.packageName), .text(event.kind), .optional(event.old?.rawValue),
                    .optional(event.new?.rawValue), .integer(at), .text(cause), .optional(rescanID),
                ])
            }
        }
        try await session.insertRows(
            """
            INSERT INTO finding_events (image_id, finding_key, vulnerability_id, package_name, kind, old_severity,
                new_severity, at, cause, rescan_id) VALUES
            """, rows: events)
        try await session.insertRows(
            "INSERT INTO finding_ids (vulnerability_id, finding_id) VALUES", rows: linkRows,
            suffix: "ON CONFLICT DO NOTHING")
        return diffs.compactMapValues { $0.changes.isEmpty ? nil : $0.changes }
    }

    /// The stored findings of `images`, by image and finding key.
    static func storedFindings(of images: [Int64], in session: any SQLSession) async throws
        -> [Int64: [String: FindingDiff.Stored]]
    {
        var stored: [Int64: [String: FindingDiff.Stored]] = [:]
        for chunk in images.chunked(500) {
            let rows = try await session.query(
                """
                SELECT image_id, id, finding_key, severity, resolved_at, target, vulnerability_id, package_name,
                    installed_version, purl, fixed_version, status, title, kev_date_added, kev_due_date, kev_ransomware
                FROM findings WHERE image_id IN (\(SQL.placeholders(chunk.count)))
                """, chunk.map(SQLValue.integer))
            for row in rows {
                guard let image = row[0].int64, let id = row[1].int64, let key = row[2].string else { continue }
                let finding = StoredFinding(
                    target: row[5].string ?? "", vulnerabilityID: row[6].string ?? "", allIDs: [],
                    packageName: row[7].string ?? "", installedVersion: row[8].string ?? "", purl: row[9].string,
                    severity: Severity(rawValue: row[3].string ?? "") ?? .unknown, fixedVersion: row[10].string,
                    status: VulnerabilityStatus(rawValue: row[11].string ?? "") ?? .affected, title: row[12].string,
                    knownExploited: KEVColumns.value(row, from: 13))
                stored[image, default: [:]][key] = FindingDiff.Stored(
                    id: id, severity: row[3].string ?? "", open: row[4].isNull, finding: finding)
            }
        }
        return stored
    }

    /// The columns ``bulkUpdate(rows:set:in:)`` rows carry after the row ID.
    static let factColumns = [
        "severity", "fixed_version", "status", "title", "kev_date_added", "kev_due_date", "kev_ransomware",
    ]

    static func facts(_ finding: StoredFinding) -> [SQLValue] {
        [
            .text(finding.severity.rawValue), .optional(finding.fixedVersion), .text(finding.status.rawValue),
            .optional(finding.title),
        ] + KEVColumns.binds(finding.knownExploited)
    }

    /// `UPDATE findings SET <set> FROM (VALUES …) v WHERE findings.id = v.id` for many rows at once (each row:
    /// the row ID, then ``factColumns``), in statements of about ``SQL/valuesPerStatement`` values.
    static func bulkUpdate(rows: [[SQLValue]], set: String, in session: any SQLSession) async throws {
        guard !rows.isEmpty else { return }
        let columns = (["id"] + factColumns).joined(separator: ", ")
        let width = factColumns.count + 1
        for batch in rows.chunked(max(1, SQL.valuesPerStatement / width)) {
            let (values, binds) = SQL.valueRows(batch, width: width)
            try await session.execute(
                """
                WITH v (\(columns)) AS (VALUES \(values))
                UPDATE findings SET \(set) FROM v WHERE findings.id = v.id
                """, binds)
        }
    }

    /// A multi-row insert into `findings` that answers each new row's ID by `image_id|finding_key`.
    static func insertReturning(_ prefix: String, rows: [[SQLValue]], in session: any SQLSession) async throws
        -> [String: Int64]
    {
        guard let width = rows.first?.count else { return [:] }
        var ids: [String: Int64] = [:]
        for batch in rows.chunked(max(1, SQL.valuesPerStatement / width)) {
            let (values, binds) = SQL.valueRows(batch, width: width)
            let answer = try await session.query(
                prefix + " " + values + " RETURNING id, image_id, finding_key", binds)
            for row in answer {
                if let id = row[0].int64, let image = row[1].int64, let key = row[2].string {
                    ids["\(image)|\(key)"] = id
                }
            }
        }
        return ids
    }

    /// `finding_ids` rows: every ID of the finding (its aliases), for "which images are affected by X".
    static func aliasRows(_ finding: StoredFinding, id: Int64) -> [[SQLValue]] {
        Set(finding.allIDs + [finding.vulnerabilityID]).sorted().map { [.text($0), .integer(id)] }
    }
}

/// The three columns a finding's KEV entry is stored in: `kev_date_added`, `kev_due_date`, `kev_ransomware`.
enum KEVColumns {
    static func binds(_ entry: KnownExploited?) -> [SQLValue] {
        [.optional(entry?.dateAdded), .optional(entry?.dueDate), .optional(entry?.ransomwareUse)]
    }

    static func value(_ row: SQLRow, from offset: Int) -> KnownExploited? {
        row[offset].string.map {
            KnownExploited(dateAdded: $0, dueDate: row[offset + 1].string, ransomwareUse: row[offset + 2].string)
        }
    }
}
