import DrydockModel
import Foundation

extension RepositoryStore {
    /// Stores a scan's inventory under its image digest — references and labels added, packages linked,
    /// findings compared with the image's open ones — in one transaction, and returns what changed.
    @discardableResult
    public func saveScan(_ scan: StoredScan) async throws -> ImageChanges {
        let inventoryBlob = try CompressedJSON.encode(scan.inventory)
        var artifact = scan.artifact
        artifact.imageConfigJSON = nil
        let artifactBlob = try CompressedJSON.encode(artifact)
        let identities = try PackageRows(scan.inventory)
        return try await transaction { session in
            let at = RepositoryClock.milliseconds(scan.scannedAt)
            let imageID = try await session.insertReturningID(
                """
                INSERT INTO images (digest, name, artifact_type, os_family, os_version, artifact, inventory,
                    first_seen, last_scanned, scan_source, package_count)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10)
                ON CONFLICT (digest) DO UPDATE SET name = excluded.name, artifact_type = excluded.artifact_type,
                    os_family = excluded.os_family, os_version = excluded.os_version, artifact = excluded.artifact,
                    inventory = excluded.inventory, last_scanned = excluded.last_scanned,
                    scan_source = excluded.scan_source, package_count = excluded.package_count
                """,
                [
                    .text(scan.digest), .text(scan.artifact.name), .text(scan.artifact.type),
                    .optional(scan.inventory.operatingSystem?.family.rawValue),
                    .optional(scan.inventory.operatingSystem?.version), .blob(artifactBlob), .blob(inventoryBlob),
                    .integer(at), .text(scan.source.rawValue), .int(scan.inventory.allPackages.count),
                ])
            try await session.insertRows(
                "INSERT INTO image_references (image_id, registry, repository, tag) VALUES",
                rows: scan.references.map {
                    [.integer(imageID), .text($0.registry), .text($0.repository), .text($0.tag)]
                },
                suffix: "ON CONFLICT DO NOTHING")
            try await session.insertRows(
                "INSERT INTO image_labels (image_id, key, value) VALUES",
                rows: scan.labels.sorted { $0.key < $1.key }.map {
                    [.integer(imageID), .text($0.key), .text($0.value)]
                },
                suffix: "ON CONFLICT (image_id, key) DO UPDATE SET value = excluded.value")
            try await session.execute("DELETE FROM image_targets WHERE image_id = $1", [.integer(imageID)])
            try await session.insertRows(
                "INSERT INTO image_targets (image_id, target, name) VALUES",
                rows: scan.inventory.targets.enumerated().map {
                    [.integer(imageID), .int($0.offset), .text($0.element.name)]
                })
            let packageIDs = try await identities.store(in: session)
            try await session.execute("DELETE FROM image_packages WHERE image_id = $1", [.integer(imageID)])
            var links: Set<[Int64]> = []
            for (key, targets) in identities.targetsByKey {
                guard let id = packageIDs[key] else { continue }
                for target in targets { links.insert([id, Int64(target)]) }
            }
            try await session.insertRows(
                "INSERT INTO image_packages (image_id, package_id, target) VALUES",
                rows: links.sorted { $0.lexicographicallyPrecedes($1) }.map {
                    [.integer(imageID), .integer($0[0]), .integer($0[1])]
                })
            var changes = try await FindingLedger.apply(
                scan.findings, imageID: imageID, scope: nil, at: at, cause: "scan", rescanID: nil, in: session)
            changes.digest = scan.digest
            changes.name = scan.artifact.name
            changes.references = scan.references.map(\.description)
            changes.labels = scan.labels
            return changes
        }
    }
}

/// The distinct packages of one inventory, keyed by identity, with the targets each appears in.
struct PackageRows: Sendable {
    var rows: [String: (identity: PackageIdentity, body: [UInt8])] = [:]
    var targetsByKey: [String: Set<Int>] = [:]

    init(_ inventory: Inventory) throws {
        for (index, target) in inventory.targets.enumerated() {
            for package in target.packages {
                let identity = PackageIdentity(package, os: inventory.operatingSystem)
                let body = try identity.encoded()
                let key = PackageIdentity.key(of: body)
                if rows[key] == nil { rows[key] = (identity, body) }
                targetsByKey[key, default: []].insert(index)
            }
        }
    }

    /// Inserts the packages the store lacks (with their match keys) and returns every package's row ID.
    func store(in session: any SQLSession) async throws -> [String: Int64] {
        let keys = rows.keys.sorted()
        var ids = try await Self.lookup(keys, in: session)
        let missing = keys.filter { ids[$0] == nil }
        guard !missing.isEmpty else { return ids }
        try await session.insertRows(
            "INSERT INTO packages (identity, ecosystem, name, name_key, version, purl, os, body) VALUES",
            rows: missing.compactMap { key in
                guard let row = rows[key] else { return nil }
                let package = row.identity.package
                return [
                    .text(key), .text(package.ecosystem.rawValue), .text(package.name),
                    .text(PackageIdentity.searchKey(name: package.name, ecosystem: package.ecosystem)),
                    .text(package.version), .optional(package.purl.flatMap(PackageURL.init)?.versionless.description),
                    .optional(row.identity.operatingSystem.map { "\($0.family.rawValue):\($0.version)" }),
                    .blob(row.body),
                ]
            },
            suffix: "ON CONFLICT (identity) DO NOTHING")
        let inserted = try await Self.lookup(missing, in: session)
        ids.merge(inserted) { $1 }
        var matchRows: [[SQLValue]] = []
        for key in missing {
            guard let id = inserted[key], let row = rows[key] else { continue }
            for matchKey in row.identity.matchKeys {
                matchRows.append([.text(matchKey.namespace), .text(matchKey.nameKey), .integer(id)])
            }
        }
        try await session.insertRows(
            "INSERT INTO package_match_keys (namespace, name_key, package_id) VALUES", rows: matchRows,
            suffix: "ON CONFLICT DO NOTHING")
        return ids
    }

    static func lookup(_ keys: [String], in session: any SQLSession) async throws -> [String: Int64] {
        var ids: [String: Int64] = [:]
        var start = 0
        while start < keys.count {
            let chunk = Array(keys[start..<min(keys.count, start + 500)])
            let rows = try await session.query(
                "SELECT identity, id FROM packages WHERE identity IN (\(SQL.placeholders(chunk.count)))",
                chunk.map(SQLValue.text))
            for row in rows {
                if let key = row[0].string, let id = row[1].int64 { ids[key] = id }
            }
            start += 500
        }
        return ids
    }
}
