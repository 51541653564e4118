import DrydockModel
import Foundation

/// Keeps an image's findings and their history: compares what a scan or rescan found with the open
/// findings, opens new ones, resolves vanished ones, records severity changes, and writes one event each.
enum FindingLedger {
    /// Applies `current` to image `imageID`. With `scope` (package `name|version` pairs), only open findings
    /// of those packages are compared — a rescan re-matches only the packages the changed advisories name.
    static func apply(
        _ current: [StoredFinding], imageID: Int64, scope: Set<String>?, at: Int64, cause: String,
        rescanID: Int64?, in session: any SQLSession
    ) async throws -> ImageChanges {
        let stored = try await session.query(
            """
            SELECT id, finding_key, severity, resolved_at, target, vulnerability_id, package_name, installed_version,
                purl, fixed_version, status, title
            FROM findings WHERE image_id = $1
            """, [.integer(imageID)])
        var existing: [String: (id: Int64, severity: String, open: Bool, finding: StoredFinding)] = [:]
        for row in stored {
            guard let id = row[0].int64, let key = row[1].string else { continue }
            let finding = StoredFinding(
                target: row[4].string ?? "", vulnerabilityID: row[5].string ?? "", allIDs: [],
                packageName: row[6].string ?? "", installedVersion: row[7].string ?? "", purl: row[8].string,
                severity: Severity(rawValue: row[2].string ?? "") ?? .unknown, fixedVersion: row[9].string,
                status: VulnerabilityStatus(rawValue: row[10].string ?? "") ?? .affected, title: row[11].string)
            existing[key] = (id, row[2].string ?? "", row[3].isNull, finding)
        }
        var changes = ImageChanges(digest: "", name: "")
        var unique: [String: StoredFinding] = [:]
        for finding in current { unique[finding.key] = finding }
        var inserts: [[SQLValue]] = []
        var events: [[SQLValue]] = []
        func event(_ finding: StoredFinding, _ kind: String, old: Severity?, new: Severity?) {
            events.append([
                .integer(imageID), .text(finding.key), .text(finding.vulnerabilityID), .text(finding.packageName),
                .text(kind), .optional(old?.rawValue), .optional(new?.rawValue), .integer(at), .text(cause),
                .optional(rescanID),
            ])
        }
        for key in unique.keys.sorted() {
            guard let finding = unique[key] else { continue }
            if let known = existing[key] {
                if !known.open {
                    try await session.execute(
                        """
                        UPDATE findings SET resolved_at = NULL, first_seen = $1, last_seen = $1, severity = $2,
                            fixed_version = $3, status = $4, title = $5 WHERE id = $6
                        """,
                        [
                            .integer(at), .text(finding.severity.rawValue), .optional(finding.fixedVersion),
                            .text(finding.status.rawValue), .optional(finding.title), .integer(known.id),
                        ])
                    changes.new.append(finding)
                    event(finding, "new", old: nil, new: finding.severity)
                } else if known.severity != finding.severity.rawValue {
                    try await session.execute(
                        "UPDATE findings SET severity = $1, fixed_version = $2, status = $3, last_seen = $4 WHERE id = $5",
                        [
                            .text(finding.severity.rawValue), .optional(finding.fixedVersion),
                            .text(finding.status.rawValue), .integer(at), .integer(known.id),
                        ])
                    let previous = Severity(rawValue: known.severity) ?? .unknown
                    changes.severityChanged.append(SeverityChange(finding: finding, previousSeverity: previous))
                    event(finding, "severity", old: previous, new: finding.severity)
                } else if known.finding.fixedVersion != finding.fixedVersion || known.finding.status != finding.status {
                    try await session.execute(
                        "UPDATE findings SET fixed_version = $1, status = $2 WHERE id = $3",
                        [.optional(finding.fixedVersion), .text(finding.status.rawValue), .integer(known.id)])
                }
            } else {
                inserts.append([
                    .integer(imageID), .text(key), .text(finding.vulnerabilityID), .text(finding.packageName),
                    .text(finding.installedVersion), .text(finding.target), .text(finding.severity.rawValue),
                    .optional(finding.fixedVersion), .integer(at), .integer(at), .text(finding.status.rawValue),
                    .optional(finding.title), .optional(finding.purl),
                ])
                changes.new.append(finding)
                event(finding, "new", old: nil, new: finding.severity)
            }
        }
        var resolved: [Int64] = []
        for (key, known) in existing.sorted(by: { $0.key < $1.key }) where known.open && unique[key] == nil {
            let packageKey = "\(known.finding.packageName)|\(known.finding.installedVersion)"
            if let scope, !scope.contains(packageKey) { continue }
            resolved.append(known.id)
            changes.fixed.append(known.finding)
            event(known.finding, "fixed", old: known.finding.severity, new: nil)
        }
        try await session.insertRows(
            """
            INSERT INTO findings (image_id, finding_key, vulnerability_id, package_name, installed_version, target,
                severity, fixed_version, first_seen, last_seen, status, title, purl) VALUES
            """, rows: inserts)
        var start = 0
        let sortedResolved = resolved.sorted()
        while start < sortedResolved.count {
            let chunk = sortedResolved[start..<min(sortedResolved.count, start + 500)]
            try await session.execute(
                "UPDATE findings SET resolved_at = $1 WHERE id IN (\(SQL.placeholders(chunk.count, from: 2)))",
                [.integer(at)] + chunk.map(SQLValue.integer))
            start += 500
        }
        if scope == nil {
            try await session.execute(
                "UPDATE findings SET last_seen = $1 WHERE image_id = $2 AND resolved_at IS NULL",
                [.integer(at), .integer(imageID)])
        }
        try await session.insertRows(
            """
            INSERT INTO finding_events (image_id, finding_key, vulnerability_id, package_name, kind, old_severity,
                new_severity, at, cause, rescan_id) VALUES
            """, rows: events)
        if !changes.new.isEmpty {
            try await linkIDs(changes.new, imageID: imageID, in: session)
        }
        changes.new.sort { $0.key < $1.key }
        changes.fixed.sort { $0.key < $1.key }
        changes.severityChanged.sort { $0.finding.key < $1.finding.key }
        return changes
    }

    /// Records every ID of each finding (its aliases) for "which images are affected by X".
    static func linkIDs(_ findings: [StoredFinding], imageID: Int64, in session: any SQLSession) async throws {
        let keys = findings.map(\.key)
        var idsByKey: [String: Int64] = [:]
        var start = 0
        while start < keys.count {
            let chunk = Array(keys[start..<min(keys.count, start + 500)])
            let rows = try await session.query(
                "SELECT finding_key, id FROM findings WHERE image_id = $1 AND finding_key IN (\(SQL.placeholders(chunk.count, from: 2)))",
                [.integer(imageID)] + chunk.map(SQLValue.text))
            for row in rows {
                if let key = row[0].string, let id = row[1].int64 { idsByKey[key] = id }
            }
            start += 500
        }
        var rows: [[SQLValue]] = []
        for finding in findings {
            guard let id = idsByKey[finding.key] else { continue }
            for alias in Set(finding.allIDs + [finding.vulnerabilityID]).sorted() {
                rows.append([.text(alias), .integer(id)])
            }
        }
        try await session.insertRows(
            "INSERT INTO finding_ids (vulnerability_id, finding_id) VALUES", rows: rows,
            suffix: "ON CONFLICT DO NOTHING")
    }
}
