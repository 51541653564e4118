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

    /// Rescans for the DB in use, comparing it with `previous` (the DB file before the update, which must
    /// be the build `previousBuiltAt`; `nil`, or a file of another build: every stored package is matched
    /// again). Returns `nil` when another replica holds the lock or this DB build was already rescanned for.
    public func rescanIfNeeded(previous: String?, previousBuiltAt: Date? = nil) async throws -> RescanOutcome? {
        let started = Date()
        let (source, summary) = try database.current()
        let builtAt = summary?.builtAt
        let stamp = builtAt.map { String(Int64($0.timeIntervalSince1970 * 1000)) } ?? "unknown"
        let store = store
        let logger = logger
        let path = database.path
        return try await store.withExclusiveLock("rescan") { () async throws -> RescanOutcome? in
            if try await store.state(Self.stateKey) == stamp { return nil }
            let keys = changedKeys(previous: previous, previousBuiltAt: previousBuiltAt, path: path)
            let matcher = Matcher(source: MemoizedAdvisorySource(source))
            // One delivery per changed image and webhook, queued in the transaction that stores the image's
            // changes: a kill mid-rescan cannot leave stored changes whose deliveries were never queued.
            let deliveries = RescanDeliveries(event: "image.findings.changed") { rescanID, changes in
                try WebhookPayload.encode(
                    WebhookPayload(
                        event: "image.findings.changed", rescanID: rescanID, databaseBuiltAt: builtAt, image: changes))
            }
            let outcome = try await store.rescan(
                changedKeys: keys, databaseBuiltAt: builtAt, at: started, deliveries: deliveries
            ) { package, os in
                let kind: TargetKind = package.ecosystem.isDistribution ? .osPackages : .languagePackages
                let inventory = Inventory(
                    operatingSystem: os,
                    targets: [
                        InventoryTarget(
                            kind: kind, name: "rescan", type: package.ecosystem.rawValue, packages: [package])
                    ])
                return try matcher.match(inventory).allFindings
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

extension RescanService {
    /// The (namespace, name key) pairs of the advisories that differ between `previous` and the DB at `path`,
    /// or `nil` (match every stored package) when they cannot be compared. A file copied over the old one in
    /// place (not renamed over it) leaves the kept copy holding the new build, and comparing would find
    /// nothing: a kept copy that is not build `previousBuiltAt` is not compared.
    func changedKeys(previous: String?, previousBuiltAt: Date?, path: String) -> Set<PackageMatchKey>? {
        guard let previous, FileManager.default.fileExists(atPath: previous) else { return nil }
        let previousBuild = try? VulnerabilityDatabase.open(path: previous).builtAt()
        guard previousBuild == previousBuiltAt else {
            logger.warning(
                "rescan: the kept copy of the previous DB is not the build last loaded; matching every stored package",
                metadata: ["previous": "\(previous)"])
            return nil
        }
        do {
            let diff = try DatabaseDiff.compare(old: previous, new: path)
            let keys = Set(diff.changedPackages.map { PackageMatchKey(namespace: $0.namespace, nameKey: $0.nameKey) })
            logger.info(
                "rescan: DB update changed advisories",
                metadata: ["advisories": "\(diff.changedAdvisories.count)", "package-keys": "\(keys.count)"])
            return keys
        } catch {
            logger.warning(
                "rescan: cannot compare with the previous DB; matching every stored package",
                metadata: ["error": "\(error)"])
            return nil
        }
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
