import DrydockModel
import Foundation

/// A (namespace, package-name key) pair advisories are filed under: what a DB update changed.
public struct PackageMatchKey: Sendable, Hashable, Codable {
    public var namespace: String
    public var nameKey: String

    public init(namespace: String, nameKey: String) {
        self.namespace = namespace
        self.nameKey = nameKey
    }
}

/// What one rescan did.
public struct RescanOutcome: Sendable, Hashable {
    public var rescanID: Int64
    /// Stored distinct packages re-matched.
    public var packages: Int
    /// Images holding one of them.
    public var imagesChecked: Int
    /// The images whose findings changed, with what changed.
    public var changes: [ImageChanges]
}

/// One rescan as the store records it (`GET /api/v1/rescans`).
public struct RescanRecord: Sendable, Hashable, Codable {
    public var id: Int64
    /// When it started: before the DB comparison.
    public var startedAt: Date
    /// When its results were stored (per-image changes computed and recorded); `nil` while it runs or when
    /// it failed.
    public var finishedAt: Date?
    /// Seconds from start to finish.
    public var seconds: Double?
    /// The build time of the DB it matched with.
    public var databaseBuiltAt: Date?
    /// (namespace, package name) pairs the changed advisories name; -1: every stored package was matched.
    public var changedKeys: Int
    /// Distinct stored packages re-matched.
    public var packages: Int
    /// Images holding one of them.
    public var images: Int
    /// Images whose findings changed.
    public var changes: Int
    /// `finished`; `running` (the newest, not finished yet); or `interrupted`: it never finished (the process
    /// was killed or the rescan failed) and a later rescan has started since, which re-matched what it left.
    public var status: String
}

/// What a rescan queues, per image whose findings changed, in the transaction that stores the change: the
/// webhook event and its payload for (rescan ID, the image's changes).
public struct RescanDeliveries: Sendable {
    public var event: String
    public var payload: @Sendable (Int64, ImageChanges) throws -> [UInt8]

    public init(event: String, payload: @escaping @Sendable (Int64, ImageChanges) throws -> [UInt8]) {
        self.event = event
        self.payload = payload
    }
}

extension RepositoryStore {
    /// The newest rescans first (at most `limit`).
    public func rescans(limit: Int = 20) async throws -> [RescanRecord] {
        let (rows, newest) = try await read { session in
            (
                try await session.query(
                    """
                    SELECT id, started_at, finished_at, database_built_at, changed_keys, packages, images, changes
                    FROM rescans ORDER BY id DESC LIMIT $1
                    """, [.int(limit)]),
                try await session.first("SELECT MAX(id) FROM rescans", [])?[0].int64 ?? 0
            )
        }
        return rows.map { row in
            let started = row[1].int64 ?? 0
            let id = row[0].int64 ?? 0
            let status = row[2].int64 != nil ? "finished" : id == newest ? "running" : "interrupted"
            return RescanRecord(
                id: id, startedAt: RepositoryClock.date(started),
                finishedAt: row[2].int64.map(RepositoryClock.date),
                seconds: row[2].int64.map { Double($0 - started) / 1000 },
                databaseBuiltAt: row[3].int64.map(RepositoryClock.date), changedKeys: row[4].int ?? 0,
                packages: row[5].int ?? 0, images: row[6].int ?? 0, changes: row[7].int ?? 0, status: status)
        }
    }

    /// Re-matches the stored packages filed under `changedKeys` (all stored packages when `nil`) with
    /// `match` — the server's matcher over its new DB — and records, per image holding one, the findings
    /// that appeared, vanished or changed severity. No image is read again: this is SQL over the stored
    /// packages, each distinct package matched once however many images hold it.
    ///
    /// Each batch of images is stored in one transaction together with its ``RescanDeliveries`` (when given):
    /// a process killed mid-rescan leaves every batch either stored with its deliveries queued or not stored.
    /// The rescan is marked finished only after its last batch; one that never finishes is reported
    /// `interrupted` once a later rescan starts (``RescanRecord/status``), and that later one re-matches and
    /// stores what it left undone.
    public func rescan(
        changedKeys: Set<PackageMatchKey>?, databaseBuiltAt: Date?, at: Date = Date(),
        deliveries: RescanDeliveries? = nil,
        match: @escaping @Sendable (Package, OperatingSystem?) throws -> [VulnerabilityFinding]
    ) async throws -> RescanOutcome {
        let started = RepositoryClock.milliseconds(at)
        let packageIDs = try await packageIDs(filedUnder: changedKeys)
        // Match each distinct package once, chunks of packages on every core.
        var findingsByPackage: [Int64: [VulnerabilityFinding]] = [:]
        var versionKey: [Int64: String] = [:]
        let chunks = packageIDs.chunked(500)
        let width = max(1, ProcessInfo.processInfo.activeProcessorCount)
        try await withThrowingTaskGroup(of: [(id: Int64, key: String, findings: [VulnerabilityFinding])].self) {
            group in
            var next = 0
            func start() {
                guard next < chunks.count else { return }
                let chunk = chunks[next]
                next += 1
                group.addTask { try await self.matchPackages(chunk, with: match) }
            }
            for _ in 0..<width { start() }
            while let matched = try await group.next() {
                for entry in matched {
                    versionKey[entry.id] = entry.key
                    findingsByPackage[entry.id] = entry.findings
                }
                start()
            }
        }
        // The images holding them, and the target each package is in.
        var holdings: [Int64: [(package: Int64, target: Int)]] = [:]
        for chunk in packageIDs.chunked(500) {
            let rows = try await read { session in
                try await session.query(
                    "SELECT image_id, package_id, target FROM image_packages WHERE package_id IN (\(SQL.placeholders(chunk.count)))",
                    chunk.map(SQLValue.integer))
            }
            for row in rows {
                guard let image = row[0].int64, let package = row[1].int64, let target = row[2].int else { continue }
                holdings[image, default: []].append((package, target))
            }
        }
        let imageIDs = holdings.keys.sorted()
        let rescanID = try await transaction { session in
            try await session.insertReturningID(
                """
                INSERT INTO rescans (started_at, database_built_at, changed_keys, packages, images, changes)
                VALUES ($1, $2, $3, $4, $5, 0)
                """,
                [
                    .integer(started), .optional(databaseBuiltAt.map(RepositoryClock.milliseconds)),
                    .int(changedKeys?.count ?? -1), .int(packageIDs.count), .int(imageIDs.count),
                ])
        }
        var outcome: [ImageChanges] = []
        let (holdingsByImage, keyOfPackage, findingsOfPackage) = (holdings, versionKey, findingsByPackage)
        for batch in imageIDs.chunked(500) {
            let targetNames = try await self.targetNames(of: batch)
            let summaries = try await imageSummaries(batch)
            let inputs = batch.map { image in
                var current: [StoredFinding] = []
                var scope: Set<String> = []
                for holding in holdingsByImage[image] ?? [] {
                    if let key = keyOfPackage[holding.package] { scope.insert(key) }
                    let target = targetNames[image]?[holding.target] ?? ""
                    for finding in findingsOfPackage[holding.package] ?? [] {
                        current.append(StoredFinding(finding, target: target))
                    }
                }
                return FindingLedger.Input(imageID: image, current: current, scope: scope)
            }
            outcome += try await transaction { session in
                let applied = try await FindingLedger.apply(
                    inputs, at: started, cause: "rescan", rescanID: rescanID, in: session)
                var changes: [ImageChanges] = []
                for (image, var change) in applied.sorted(by: { $0.key < $1.key }) {
                    guard let summary = summaries[image] else { continue }
                    change.digest = summary.digest
                    change.name = summary.name
                    change.references = summary.references
                    change.labels = summary.labels
                    changes.append(change)
                }
                if let deliveries {
                    let items = try changes.map { change in
                        (key: "rescan-\(rescanID):\(change.digest)", payload: try deliveries.payload(rescanID, change))
                    }
                    try await DeliveryQueue.insert(
                        event: deliveries.event, items: items, at: RepositoryClock.now(), in: session)
                }
                return changes
            }
        }
        let changeCount = outcome.count
        try await transaction { session in
            try await session.execute(
                "UPDATE rescans SET finished_at = $1, changes = $2 WHERE id = $3",
                [.integer(RepositoryClock.now()), .int(changeCount), .integer(rescanID)])
        }
        return RescanOutcome(
            rescanID: rescanID, packages: packageIDs.count, imagesChecked: imageIDs.count, changes: outcome)
    }

    /// Reads the stored packages `ids` and matches each with `match`: its row ID, `name|version`, findings.
    private func matchPackages(
        _ ids: [Int64], with match: @Sendable (Package, OperatingSystem?) throws -> [VulnerabilityFinding]
    ) async throws -> [(id: Int64, key: String, findings: [VulnerabilityFinding])] {
        let rows = try await read { session in
            try await session.query(
                "SELECT id, body FROM packages WHERE id IN (\(SQL.placeholders(ids.count)))", ids.map(SQLValue.integer))
        }
        let decoder = JSONDecoder()
        return try rows.compactMap { row in
            guard let id = row[0].int64, let body = row[1].bytes,
                let identity = try? decoder.decode(PackageIdentity.self, from: Data(body))
            else { return nil }
            return (
                id, "\(identity.package.name)|\(identity.package.version)",
                try match(identity.package, identity.operatingSystem)
            )
        }
    }

    /// The stored packages filed under `keys` (every stored package when `nil`).
    func packageIDs(filedUnder keys: Set<PackageMatchKey>?) async throws -> [Int64] {
        guard let keys else {
            return try await read { session in
                try await session.query("SELECT id FROM packages ORDER BY id", []).compactMap { $0[0].int64 }
            }
        }
        var byNamespace: [String: [String]] = [:]
        for key in keys { byNamespace[key.namespace, default: []].append(key.nameKey) }
        var ids: Set<Int64> = []
        for (namespace, names) in byNamespace {
            for chunk in names.sorted().chunked(500) {
                let rows = try await read { session in
                    try await session.query(
                        "SELECT package_id FROM package_match_keys WHERE namespace = $1 AND name_key IN (\(SQL.placeholders(chunk.count, from: 2)))",
                        [.text(namespace)] + chunk.map(SQLValue.text))
                }
                for row in rows { if let id = row[0].int64 { ids.insert(id) } }
            }
        }
        return ids.sorted()
    }

    /// Target names by image and target index.
    func targetNames(of images: [Int64]) async throws -> [Int64: [Int: String]] {
        guard !images.isEmpty else { return [:] }
        let rows = try await read { session in
            try await session.query(
                "SELECT image_id, target, name FROM image_targets WHERE image_id IN (\(SQL.placeholders(images.count)))",
                images.map(SQLValue.integer))
        }
        var names: [Int64: [Int: String]] = [:]
        for row in rows {
            guard let image = row[0].int64, let target = row[1].int else { continue }
            names[image, default: [:]][target] = row[2].string ?? ""
        }
        return names
    }

    /// The repository's own settings (`rescanned-database`: the build time of the DB last rescanned for).
    public func state(_ key: String) async throws -> String? {
        try await read { session in
            try await session.first("SELECT value FROM repository_state WHERE key = $1", [.text(key)])?[0].string
        }
    }

    /// Sets a repository setting.
    public func setState(_ key: String, _ value: String) async throws {
        try await transaction { session in
            try await session.execute(
                "INSERT INTO repository_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [.text(key), .text(value)])
        }
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements.
    func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min(count, $0 + size)]) }
    }
}
