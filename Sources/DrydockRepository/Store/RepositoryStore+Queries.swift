import DrydockModel
import DrydockVersions
import Foundation

extension RepositoryStore {
    /// Images holding a package `query` names, newest scan first: a page of `query.limit` after
    /// `query.cursor`, the total, and the next page's cursor.
    public func images(containing query: PackageQuery) async throws -> QueryPage<PackageHit> {
        var binds: [SQLValue] = []
        var sql = "SELECT id, name, version, ecosystem, purl FROM packages WHERE "
        var exactVersion: String?
        if let text = query.purl {
            guard let purl = PackageURL(text) else {
                throw RepositoryError(.invalid, "purl \(text): not a package URL (pkg:TYPE/NAMESPACE/NAME@VERSION)")
            }
            exactVersion = purl.version
            sql += "purl = $1"
            binds.append(.text(purl.versionless.description))
        } else if let name = query.name, !name.isEmpty {
            sql += "name_key = $1"
            binds.append(.text(PackageIdentity.searchKey(name: name, ecosystem: query.ecosystem)))
            if let ecosystem = query.ecosystem {
                sql += " AND ecosystem = $2"
                binds.append(.text(ecosystem.rawValue))
            }
        } else {
            throw RepositoryError(.invalid, "give a package: purl=pkg:… or name=NAME")
        }
        let constraint = query.versionConstraint
        let (statement, arguments) = (sql, binds)
        let candidates = try await read { session in try await session.query(statement, arguments) }
        var versions: [Int64: PackageVersionRecord] = [:]
        for row in candidates {
            guard let id = row[0].int64, let name = row[1].string, let version = row[2].string,
                let ecosystemName = row[3].string
            else { continue }
            if let exactVersion, version != exactVersion { continue }
            if let constraint {
                guard let ecosystem = Ecosystem(rawValue: ecosystemName) else { continue }
                do {
                    guard try VersionScheme(ecosystem: ecosystem).satisfies(version, constraint: constraint) else {
                        continue
                    }
                } catch let error where error.code == .invalidConstraint {
                    throw RepositoryError(.invalid, "version constraint \(constraint): \(error.reason)")
                } catch {
                    continue  // a stored version its scheme cannot read is not "in range"
                }
            }
            versions[id] = PackageVersionRecord(
                name: name, version: version, ecosystem: ecosystemName, purl: row[4].string)
        }
        guard !versions.isEmpty else { return QueryPage(total: 0, items: []) }
        let ids = versions.keys.sorted()
        let list = SQL.placeholders(ids.count)
        let (total, page, next) = try await imagePage(
            holding: ImageSet(
                members: "SELECT image_id FROM image_packages WHERE package_id IN (\(list))",
                holds: "SELECT 1 FROM image_packages ip WHERE ip.image_id = i.id AND ip.package_id IN (\(list))",
                probesPerImage: ids.count),
            binds: ids.map(SQLValue.integer), labels: query.labels, limit: query.limit, cursor: query.cursor)
        guard !page.isEmpty else { return QueryPage(total: total, items: []) }
        // The matching versions each image of the page holds.
        let links = try await read { session in
            try await session.query(
                """
                SELECT image_id, package_id FROM image_packages
                WHERE image_id IN (\(SQL.placeholders(page.count))) AND package_id IN (\(SQL.placeholders(ids.count, from: page.count + 1)))
                ORDER BY image_id, package_id
                """, page.map(SQLValue.integer) + ids.map(SQLValue.integer))
        }
        var packagesByImage: [Int64: [PackageVersionRecord]] = [:]
        for row in links {
            guard let image = row[0].int64, let package = row[1].int64, let record = versions[package] else { continue }
            if !(packagesByImage[image]?.contains(record) ?? false) {
                packagesByImage[image, default: []].append(record)
            }
        }
        let summaries = try await imageSummaries(page)
        return QueryPage(
            total: total,
            items: page.compactMap { id in
                summaries[id].map { PackageHit(image: $0, packages: packagesByImage[id] ?? []) }
            }, next: next)
    }

    /// Images with an open finding of vulnerability `id` — the ID a finding shows or any of its aliases —
    /// newest scan first, a page of `limit` after `cursor`.
    public func images(
        affectedBy id: String, labels: [String: String] = [:], limit: Int = 100, cursor: String? = nil
    ) async throws -> QueryPage<AffectedImage> {
        let images = ImageSet(
            members: """
                SELECT f.image_id FROM finding_ids x JOIN findings f ON f.id = x.finding_id
                WHERE x.vulnerability_id = $1 AND f.resolved_at IS NULL
                """,
            holds: """
                SELECT 1 FROM findings f JOIN finding_ids x ON x.finding_id = f.id
                WHERE f.image_id = i.id AND f.resolved_at IS NULL AND x.vulnerability_id = $1
                """,
            probesPerImage: 20)
        let (total, page, next) = try await imagePage(
            holding: images, binds: [.text(id)], labels: labels, limit: limit, cursor: cursor)
        guard !page.isEmpty else { return QueryPage(total: total, items: []) }
        let rows = try await read { session in
            try await session.query(
                """
                SELECT f.image_id, \(FindingColumns.list("f")) FROM finding_ids x JOIN findings f ON f.id = x.finding_id
                WHERE x.vulnerability_id = $1 AND f.resolved_at IS NULL
                    AND f.image_id IN (\(SQL.placeholders(page.count, from: 2)))
                ORDER BY f.image_id, f.finding_key
                """, [.text(id)] + page.map(SQLValue.integer))
        }
        var findings: [Int64: [FindingRecord]] = [:]
        let located = rows.filter { $0[0].int64 != nil }
        let records = try await triaged(withAliases(located, from: 1))
        for (row, record) in zip(located, records) {
            guard let image = row[0].int64 else { continue }
            findings[image, default: []].append(record)
        }
        let summaries = try await imageSummaries(page)
        return QueryPage(
            total: total,
            items: page.compactMap { image in
                summaries[image].map { AffectedImage(image: $0, findings: findings[image] ?? []) }
            }, next: next)
    }

    /// One page of `images` (whose statements use `binds`, which come first) with `labels`, newest scan first:
    /// how many there are in all, the page's image row IDs, and the cursor of the next page.
    ///
    /// Counting and paging run in SQL over indexes, in one of two ways chosen by the count: when many images
    /// match, walk the images in scan order (index `images_by_scan_order`) and test each until the page is
    /// full — a page of 100 out of 10,000 matches looks at about 100 images; when few match, take the matching
    /// images from the link index and sort them. Either way the answer's cost does not grow with the hits.
    func imagePage(
        holding images: ImageSet, binds: [SQLValue], labels: [String: String], limit: Int, cursor: String?
    ) async throws -> (total: Int, page: [Int64], next: String?) {
        let position = try cursor.map(ImageCursor.init(parsing:))
        let labelFilter = LabelFilter(labels, firstBind: binds.count + 1)
        var after = ""
        var pageBinds = binds + labelFilter.binds
        if let position {
            let first = pageBinds.count + 1
            after = " AND (i.last_scanned < $\(first) OR (i.last_scanned = $\(first) AND i.id < $\(first + 1)))"
            pageBinds += [.integer(position.lastScanned), .integer(position.id)]
        }
        let size = max(0, limit)
        let (count, rows) = try await read { [after, pageBinds] session in
            let countSQL =
                labels.isEmpty
                ? "SELECT COUNT(DISTINCT h.image_id) FROM (\(images.members)) h"
                : "SELECT COUNT(*) FROM images i WHERE i.id IN (\(images.members))\(labelFilter.clause(image: "i.id"))"
            let count = try await session.first(countSQL, binds + labelFilter.binds)?[0].int ?? 0
            guard count > 0 else { return (0, [SQLRow]()) }
            let stored = try await session.first("SELECT MAX(id) FROM images", [])?[0].int ?? 0
            let walk =
                Double(count) * Double(count) * 10
                >= Double(size + 1) * Double(max(1, stored)) * Double(max(1, images.probesPerImage))
            let test = walk ? "EXISTS (\(images.holds))" : "i.id IN (\(images.members))"
            let rows = try await session.query(
                """
                SELECT i.id, i.last_scanned FROM images i
                WHERE \(test)\(labelFilter.clause(image: "i.id"))\(after)
                ORDER BY i.last_scanned DESC, i.id DESC LIMIT $\(pageBinds.count + 1)
                """, pageBinds + [.int(size + 1)])
            return (count, rows)
        }
        let page = rows.prefix(size).compactMap { $0[0].int64 }
        var next: String?
        if rows.count > size, let last = rows.prefix(size).last, let id = last[0].int64, let at = last[1].int64 {
            next = ImageCursor(lastScanned: at, id: id).description
        }
        return (count, page, next)
    }

    /// The stored image with this digest, or `nil`.
    public func image(digest: String) async throws -> ImageSummary? {
        guard let id = try await imageID(digest: digest) else { return nil }
        return try await imageSummaries([id])[id]
    }

    /// An image's findings: the open ones, or with `includeResolved` also those no longer found. Throws
    /// `notFound` for an unknown digest.
    /// With `knownExploitedOnly`, only findings whose advisory is in CISA's KEV catalog.
    public func findings(ofImage digest: String, includeResolved: Bool = false, knownExploitedOnly: Bool = false)
        async throws -> [FindingRecord]
    {
        guard let id = try await imageID(digest: digest) else {
            throw RepositoryError(.notFound, "no image \(digest) in the repository")
        }
        let rows = try await read { session in
            try await session.query(
                """
                SELECT \(FindingColumns.list("f")) FROM findings f WHERE f.image_id = $1
                \(includeResolved ? "" : "AND f.resolved_at IS NULL")
                \(knownExploitedOnly ? "AND f.kev_date_added IS NOT NULL" : "") ORDER BY f.finding_key
                """, [.integer(id)])
        }
        let ids = try await aliases(of: rows.compactMap { $0[FindingColumns.count].int64 })
        let records = rows.map { row in
            var record = FindingColumns.record(row, from: 0)
            if let findingID = row[FindingColumns.count].int64, let all = ids[findingID] { record.finding.allIDs = all }
            return record
        }
        return try await triaged(records.map { (id, $0) })
    }

    /// What happened to an image's findings over time, oldest first. Throws `notFound` for an unknown digest.
    public func history(ofImage digest: String) async throws -> [FindingEventRecord] {
        guard let id = try await imageID(digest: digest) else {
            throw RepositoryError(.notFound, "no image \(digest) in the repository")
        }
        let rows = try await read { session in
            try await session.query(
                """
                SELECT kind, vulnerability_id, package_name, finding_key, old_severity, new_severity, at, cause
                FROM finding_events WHERE image_id = $1 ORDER BY at, id
                """, [.integer(id)])
        }
        return rows.map { row in
            FindingEventRecord(
                kind: row[0].string ?? "", vulnerabilityID: row[1].string ?? "", packageName: row[2].string ?? "",
                findingKey: row[3].string ?? "", previousSeverity: row[4].string, severity: row[5].string,
                at: RepositoryClock.date(row[6].int64 ?? 0), cause: row[7].string ?? "")
        }
    }

    /// Open findings older than their severity's SLA on `now`, oldest first (at most `limit`), and the total;
    /// with `knownExploitedOnly`, only those whose advisory is in CISA's KEV catalog.
    public func overdueFindings(
        sla: SLAPolicy = .standard, now: Date = Date(), limit: Int = 100, knownExploitedOnly: Bool = false
    ) async throws -> QueryPage<OverdueFinding> {
        let nowMS = RepositoryClock.milliseconds(now)
        let kev = knownExploitedOnly ? " AND f.kev_date_added IS NOT NULL" : ""
        var rows: [(image: Int64, row: SQLRow, sla: Int)] = []
        var total = 0
        for (severity, days) in sla.days.sorted(by: { $0.key > $1.key }) {
            let cutoff = nowMS - Int64(days) * 86_400_000
            let found = try await read { session in
                let count = try await session.first(
                    "SELECT COUNT(*) FROM findings f WHERE f.resolved_at IS NULL AND f.severity = $1 AND f.first_seen < $2\(kev)",
                    [.text(severity.rawValue), .integer(cutoff)])
                let page = try await session.query(
                    """
                    SELECT f.image_id, \(FindingColumns.list("f")) FROM findings f
                    WHERE f.resolved_at IS NULL AND f.severity = $1 AND f.first_seen < $2\(kev)
                    ORDER BY f.first_seen, f.id LIMIT $3
                    """, [.text(severity.rawValue), .integer(cutoff), .int(limit)])
                return (count?[0].int ?? 0, page)
            }
            total += found.0
            rows += found.1.compactMap { row in row[0].int64.map { ($0, row, days) } }
        }
        rows.sort { ($0.row[1 + 9].int64 ?? 0) < ($1.row[1 + 9].int64 ?? 0) }
        rows = Array(rows.prefix(limit))
        let summaries = try await imageSummaries(Array(Set(rows.map(\.image))))
        let records = try await triaged(withAliases(rows.map(\.row), from: 1))
        return QueryPage(
            total: total,
            items: zip(rows, records).compactMap { entry, record in
                guard let image = summaries[entry.image] else { return nil }
                let age = Int(now.timeIntervalSince(record.firstSeen) / 86_400)
                return OverdueFinding(image: image, finding: record, ageDays: age, slaDays: entry.sla)
            })
    }

    /// Stored images, newest scan first, optionally only those with `labels`.
    public func listImages(labels: [String: String] = [:], limit: Int = 100, offset: Int = 0) async throws
        -> QueryPage<ImageSummary>
    {
        let filter = LabelFilter(labels, firstBind: 1)
        let (count, rows) = try await read { session in
            let count = try await session.first(
                "SELECT COUNT(*) FROM images i WHERE 1 = 1\(filter.clause(image: "i.id"))", filter.binds)
            let rows = try await session.query(
                """
                SELECT i.id FROM images i WHERE 1 = 1\(filter.clause(image: "i.id"))
                ORDER BY i.last_scanned DESC, i.id LIMIT $\(filter.binds.count + 1) OFFSET $\(filter.binds.count + 2)
                """, filter.binds + [.int(limit), .int(offset)])
            return (count?[0].int ?? 0, rows)
        }
        let ids = rows.compactMap { $0[0].int64 }
        let summaries = try await imageSummaries(ids)
        return QueryPage(total: count, items: ids.compactMap { summaries[$0] })
    }

    /// The stored inventory of an image, or `nil`.
    public func inventory(ofImage digest: String) async throws -> (ArtifactMetadata, Inventory)? {
        let row = try await read { session in
            try await session.first("SELECT artifact, inventory FROM images WHERE digest = $1", [.text(digest)])
        }
        guard let row, let artifact = row[0].bytes, let inventory = row[1].bytes else { return nil }
        return (
            try CompressedJSON.decode(ArtifactMetadata.self, from: artifact),
            try CompressedJSON.decode(Inventory.self, from: inventory)
        )
    }

    func imageID(digest: String) async throws -> Int64? {
        try await read { session in
            try await session.first("SELECT id FROM images WHERE digest = $1", [.text(digest)])?[0].int64
        }
    }

    /// Summaries of images by row ID.
    func imageSummaries(_ ids: [Int64]) async throws -> [Int64: ImageSummary] {
        guard !ids.isEmpty else { return [:] }
        return try await read { session in
            var summaries: [Int64: ImageSummary] = [:]
            var start = 0
            while start < ids.count {
                let chunk = Array(ids[start..<min(ids.count, start + 500)])
                let binds = chunk.map(SQLValue.integer)
                let list = SQL.placeholders(chunk.count)
                for row in try await session.query(
                    """
                    SELECT id, digest, name, artifact_type, os_family, os_version, first_seen, last_scanned,
                        scan_source, package_count FROM images WHERE id IN (\(list))
                    """, binds)
                {
                    guard let id = row[0].int64 else { continue }
                    let os = row[4].string.map { family in [family, row[5].string ?? ""].joined(separator: " ") }
                    summaries[id] = ImageSummary(
                        digest: row[1].string ?? "", name: row[2].string ?? "", artifactType: row[3].string ?? "",
                        operatingSystem: os, references: [], labels: [:],
                        firstSeen: RepositoryClock.date(row[6].int64 ?? 0),
                        lastScanned: RepositoryClock.date(row[7].int64 ?? 0), source: row[8].string ?? "",
                        packageCount: row[9].int ?? 0)
                }
                for row in try await session.query(
                    """
                    SELECT image_id, registry, repository, tag FROM image_references WHERE image_id IN (\(list))
                    ORDER BY registry, repository, tag
                    """, binds)
                {
                    guard let id = row[0].int64 else { continue }
                    let reference = ImageReferenceRecord(
                        registry: row[1].string ?? "", repository: row[2].string ?? "", tag: row[3].string ?? "")
                    summaries[id]?.references.append(reference.description)
                }
                for row in try await session.query(
                    "SELECT image_id, key, value FROM image_labels WHERE image_id IN (\(list))", binds)
                {
                    guard let id = row[0].int64, let key = row[1].string else { continue }
                    summaries[id]?.labels[key] = row[2].string ?? ""
                }
                start += 500
            }
            return summaries
        }
    }

    /// Rows holding an image row ID then the finding columns from `offset`, as (image, record) with every ID
    /// of each finding (aliases included), which exceptions match.
    func withAliases(_ rows: [SQLRow], from offset: Int) async throws -> [(image: Int64, record: FindingRecord)] {
        let ids = try await aliases(of: rows.compactMap { $0[offset + FindingColumns.count].int64 })
        return rows.map { row in
            var record = FindingColumns.record(row, from: offset)
            if let findingID = row[offset + FindingColumns.count].int64, let all = ids[findingID] {
                record.finding.allIDs = all
            }
            return (row[0].int64 ?? 0, record)
        }
    }

    /// Every ID (aliases included) of findings by row ID.
    func aliases(of findingIDs: [Int64]) async throws -> [Int64: [String]] {
        guard !findingIDs.isEmpty else { return [:] }
        return try await read { session in
            var ids: [Int64: [String]] = [:]
            var start = 0
            while start < findingIDs.count {
                let chunk = Array(findingIDs[start..<min(findingIDs.count, start + 500)])
                for row in try await session.query(
                    """
                    SELECT finding_id, vulnerability_id FROM finding_ids WHERE finding_id IN (\(SQL.placeholders(chunk.count)))
                    ORDER BY vulnerability_id
                    """, chunk.map(SQLValue.integer))
                {
                    if let id = row[0].int64, let alias = row[1].string { ids[id, default: []].append(alias) }
                }
                start += 500
            }
            return ids
        }
    }
}

/// The columns a ``FindingRecord`` is read from, in order, and the row ID after them.
enum FindingColumns {
    static let names = [
        "target", "vulnerability_id", "package_name", "installed_version", "purl", "severity", "fixed_version",
        "status", "title", "first_seen", "last_seen", "resolved_at", "kev_date_added", "kev_due_date",
        "kev_ransomware", "id",
    ]
    /// How many columns precede the row ID.
    static let count = names.count - 1

    static func list(_ alias: String) -> String {
        names.map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    static func record(_ row: SQLRow, from offset: Int) -> FindingRecord {
        let id = row[offset + 1].string ?? ""
        let finding = StoredFinding(
            target: row[offset].string ?? "", vulnerabilityID: id, allIDs: [id],
            packageName: row[offset + 2].string ?? "", installedVersion: row[offset + 3].string ?? "",
            purl: row[offset + 4].string, severity: Severity(rawValue: row[offset + 5].string ?? "") ?? .unknown,
            fixedVersion: row[offset + 6].string,
            status: VulnerabilityStatus(rawValue: row[offset + 7].string ?? "") ?? .affected,
            title: row[offset + 8].string, knownExploited: KEVColumns.value(row, from: offset + 12))
        return FindingRecord(
            finding: finding, firstSeen: RepositoryClock.date(row[offset + 9].int64 ?? 0),
            lastSeen: RepositoryClock.date(row[offset + 10].int64 ?? 0),
            resolvedAt: row[offset + 11].int64.map(RepositoryClock.date))
    }
}

/// `AND image IN (SELECT … FROM image_labels …)` for each required label.
struct LabelFilter {
    var labels: [(String, String)]
    var firstBind: Int

    init(_ labels: [String: String], firstBind: Int) {
        self.labels = labels.sorted { $0.key < $1.key }
        self.firstBind = firstBind
    }

    var binds: [SQLValue] { labels.flatMap { [SQLValue.text($0.0), .text($0.1)] } }

    func clause(image column: String) -> String {
        labels.indices.map { index in
            let key = firstBind + index * 2
            return " AND \(column) IN (SELECT image_id FROM image_labels WHERE key = $\(key) AND value = $\(key + 1))"
        }.joined()
    }
}

/// Where a page of images ends: the last image's scan time and row ID (`1733500000000.42`). Pages run newest
/// scan first; the next page starts after this image, so images stored meanwhile never shift a page.
struct ImageCursor: CustomStringConvertible {
    var lastScanned: Int64
    var id: Int64

    init(lastScanned: Int64, id: Int64) {
        self.lastScanned = lastScanned
        self.id = id
    }

    init(parsing text: String) throws {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let at = Int64(parts[0]), let id = Int64(parts[1]) else {
            throw RepositoryError(.invalid, "cursor \(text): not a cursor this server gave (next of a page)")
        }
        self.init(lastScanned: at, id: id)
    }

    var description: String { "\(lastScanned).\(id)" }
}

/// A set of images two ways: `members` selects their row IDs (`SELECT image_id …`), `holds` is true for image
/// `i` when it is one (`SELECT 1 … WHERE … = i.id …`); `probesPerImage` estimates the index probes `holds` costs.
struct ImageSet {
    var members: String
    var holds: String
    var probesPerImage: Int
}
