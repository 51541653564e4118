import DrydockModel
import Foundation

/// Which open findings a cross-image listing shows (the UI's findings page): every filter is optional.
public struct FindingFilter: Sendable, Hashable {
    /// Only findings of this severity.
    public var severity: Severity?
    /// `true`: only findings with a fixed version; `false`: only those without.
    public var fixable: Bool?
    /// `true`: only findings in CISA's KEV catalog; `false`: only those not in it.
    public var knownExploited: Bool?
    /// Only findings first seen at or after this time.
    public var since: Date?
    /// Only images with these labels (`team=payments`).
    public var labels: [String: String]
    /// Only this image.
    public var image: String?
    /// `true`: only findings a live exception decides; `false`: only those none does.
    public var triaged: Bool?

    public init(
        severity: Severity? = nil, fixable: Bool? = nil, knownExploited: Bool? = nil, since: Date? = nil,
        labels: [String: String] = [:], image: String? = nil, triaged: Bool? = nil
    ) {
        self.severity = severity
        self.fixable = fixable
        self.knownExploited = knownExploited
        self.since = since
        self.labels = labels
        self.image = image
        self.triaged = triaged
    }
}

/// An open finding with the image it is in.
public struct ImageFinding: Sendable, Hashable, Codable {
    public var image: ImageSummary
    public var finding: FindingRecord
}

extension RepositoryStore {
    /// Open findings across every stored image (or one) that pass `filter`, most severe first, then by ID and
    /// image: the page `offset..<offset+limit` and the total. Filtering, counting and paging run in SQL
    /// except the triage filter, which needs the exceptions' matching and so reads the filtered findings in
    /// batches.
    public func openFindings(_ filter: FindingFilter, limit: Int = 100, offset: Int = 0) async throws
        -> QueryPage<ImageFinding>
    {
        var conditions = ["f.resolved_at IS NULL"]
        var binds: [SQLValue] = []
        if let digest = filter.image {
            guard let id = try await imageID(digest: digest) else {
                throw RepositoryError(.notFound, "no image \(digest) in the repository")
            }
            binds.append(.integer(id))
            conditions.append("f.image_id = $\(binds.count)")
        }
        if let severity = filter.severity {
            binds.append(.text(severity.rawValue))
            conditions.append("f.severity = $\(binds.count)")
        }
        if let fixable = filter.fixable {
            conditions.append(
                fixable
                    ? "f.fixed_version IS NOT NULL AND f.fixed_version <> ''"
                    : "(f.fixed_version IS NULL OR f.fixed_version = '')")
        }
        if let kev = filter.knownExploited {
            conditions.append(kev ? "f.kev_date_added IS NOT NULL" : "f.kev_date_added IS NULL")
        }
        if let since = filter.since {
            binds.append(.integer(RepositoryClock.milliseconds(since)))
            conditions.append("f.first_seen >= $\(binds.count)")
        }
        let labels = LabelFilter(filter.labels, firstBind: binds.count + 1)
        binds += labels.binds
        let whereClause = conditions.joined(separator: " AND ") + labels.clause(image: "f.image_id")
        let order = """
            CASE f.severity WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 WHEN 'LOW' THEN 3 ELSE 4 END,
            f.vulnerability_id, f.image_id, f.id
            """
        let select =
            "SELECT f.image_id, \(FindingColumns.list("f")) FROM findings f WHERE \(whereClause) ORDER BY \(order)"
        let window = max(0, offset)..<(max(0, offset) + max(0, limit))
        guard let triaged = filter.triaged else {
            let (count, rows) = try await read { [binds] session in
                let count = try await session.first("SELECT COUNT(*) FROM findings f WHERE \(whereClause)", binds)
                let rows = try await session.query(
                    select + " LIMIT $\(binds.count + 1) OFFSET $\(binds.count + 2)",
                    binds + [.int(window.count), .int(window.lowerBound)])
                return (count?[0].int ?? 0, rows)
            }
            return try await imageFindings(total: count, triaged(withAliases(rows, from: 1)), rows: rows)
        }
        // The triage filter: read the filtered findings in batches, keep those it passes.
        var total = 0
        var kept: [(row: SQLRow, record: FindingRecord)] = []
        var start = 0
        let batch = 1000
        while true {
            let rows = try await read { [binds, start] session in
                try await session.query(
                    select + " LIMIT $\(binds.count + 1) OFFSET $\(binds.count + 2)",
                    binds + [.int(batch), .int(start)])
            }
            let records = try await self.triaged(withAliases(rows, from: 1))
            for (row, record) in zip(rows, records) where (record.decision != nil) == triaged {
                if window.contains(total) { kept.append((row, record)) }
                total += 1
            }
            if rows.count < batch { break }
            start += batch
        }
        return try await imageFindings(total: total, kept.map(\.record), rows: kept.map(\.row))
    }

    /// The page: each record with its image's summary.
    private func imageFindings(total: Int, _ records: [FindingRecord], rows: [SQLRow]) async throws
        -> QueryPage<ImageFinding>
    {
        let images = rows.map { $0[0].int64 ?? 0 }
        let summaries = try await imageSummaries(Array(Set(images)))
        return QueryPage(
            total: total,
            items: zip(images, records).compactMap { image, record in
                summaries[image].map { ImageFinding(image: $0, finding: record) }
            })
    }
}
