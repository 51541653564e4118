import DrydockMatch
import DrydockModel
import DrydockRepository
import DrydockVulnDB
import Foundation
import Logging

/// After a DB update: re-matches the stored packages the changed advisories name, records what changed per
/// image, and queues one webhook delivery per changed image — under the store-wide `rescan` lock, so one
/// replica does it once per DB build.
public struct RescanService: Sendable {
    public let store: any RepositoryStore
    public let database: DatabaseHolder
    public let logger: Logger

    public init(store: any RepositoryStore, database: DatabaseHolder, logger: Logger) {
        self.store = store
        self.database = database
        self.logger = logger
    }

    /// The repository setting that records the DB build last rescanned for.
    static let stateKey = "rescanned-database-built-at"

    /// Rescans for the DB in use, comparing it with `previous` (the DB file before the update; `nil`: every
    /// stored package is matched again). Returns `nil` when another replica holds the lock or this DB build
    /// was already rescanned for.
    public func rescanIfNeeded(previous: String?) async throws -> RescanOutcome? {
        let (source, summary) = try database.current()
        let builtAt = summary?.builtAt
        let stamp = builtAt.map { String(Int64($0.timeIntervalSince1970 * 1000)) } ?? "unknown"
        let store = store
        let logger = logger
        let path = database.path
        return try await store.withExclusiveLock("rescan") { () async throws -> RescanOutcome? in
            if try await store.state(Self.stateKey) == stamp { return nil }
            var keys: Set<PackageMatchKey>?
            if let previous, FileManager.default.fileExists(atPath: previous) {
                do {
                    let diff = try DatabaseDiff.compare(old: previous, new: path)
                    keys = Set(
                        diff.changedPackages.map { PackageMatchKey(namespace: $0.namespace, nameKey: $0.nameKey) })
                    logger.info(
                        "rescan: DB update changed advisories",
                        metadata: [
                            "advisories": "\(diff.changedAdvisories.count)", "package-keys": "\(keys?.count ?? 0)",
                        ])
                } catch {
                    logger.warning(
                        "rescan: cannot compare with the previous DB; matching every stored package",
                        metadata: ["error": "\(error)"])
                }
            }
            let matcher = Matcher(source: source)
            let outcome = try await store.rescan(changedKeys: keys, databaseBuiltAt: builtAt) { package, os in
                let kind: TargetKind = package.ecosystem.isDistribution ? .osPackages : .languagePackages
                let inventory = Inventory(
                    operatingSystem: os,
                    targets: [
                        InventoryTarget(
                            kind: kind, name: "rescan", type: package.ecosystem.rawValue, packages: [package])
                    ])
                return try matcher.match(inventory).allFindings
            }
            for changes in outcome.changes {
                let payload = try WebhookPayload.encode(
                    WebhookPayload(
                        event: "image.findings.changed", rescanID: outcome.rescanID, databaseBuiltAt: builtAt,
                        image: changes))
                try await store.enqueueDeliveries(
                    event: "image.findings.changed", key: "rescan-\(outcome.rescanID):\(changes.digest)",
                    payload: payload)
            }
            try await store.setState(Self.stateKey, stamp)
            logger.info(
                "rescan finished",
                metadata: [
                    "rescan": "\(outcome.rescanID)", "packages": "\(outcome.packages)",
                    "images": "\(outcome.imagesChecked)", "changed": "\(outcome.changes.count)",
                ])
            return outcome
        } ?? nil
    }
}

/// The JSON a webhook receives for one image whose findings changed.
public struct WebhookPayload: Sendable, Hashable, Codable {
    /// `image.findings.changed`.
    public var event: String
    public var rescanID: Int64
    public var databaseBuiltAt: Date?
    public var image: ImageChanges

    public init(event: String, rescanID: Int64, databaseBuiltAt: Date?, image: ImageChanges) {
        self.event = event
        self.rescanID = rescanID
        self.databaseBuiltAt = databaseBuiltAt
        self.image = image
    }

    static func encode(_ payload: WebhookPayload) throws -> [UInt8] {
        Array(try JSONResponse.encoder.encode(payload))
    }
}
