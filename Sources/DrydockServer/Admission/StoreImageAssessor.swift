import DrydockAdmission
import DrydockNetwork
import DrydockPolicy
import DrydockRepository
import DrydockScan
import Foundation
import Synchronization

/// The webhook's view of the repository: finds an image by reference in the store and decides its stored
/// inventory with the admission gate, through the same ``ScanEngine`` and ``Gate`` as a CLI scan.
///
/// Two caches keep decisions inside the time budget: images found by reference are remembered for the
/// configuration's `cacheTTL` (images not found are always asked again, so a fresh scan admits at once), and
/// assessments are kept per stored digest, last scan time and DB build — a new scan of the image or a DB
/// update (after which the server rescans) gives a new key.
public final class StoreImageAssessor: ImageAssessor {
    let store: any RepositoryStore
    let database: DatabaseHolder
    let policy: ScanPolicy
    let lookupTTL: TimeInterval
    private let lookups = Mutex<[String: (match: StoredImageMatch, until: Date)]>([:])
    private let assessments = Mutex<[String: ImageAssessment]>([:])
    /// Bound on each cache: past it the cache is emptied (a cluster runs far fewer distinct images).
    static let capacity = 20_000

    public init(store: any RepositoryStore, database: DatabaseHolder, configuration: AdmissionConfiguration) {
        self.store = store
        self.database = database
        self.policy = configuration.scanPolicy
        self.lookupTTL = configuration.lookupCacheTTL
    }

    public func remembered(_ reference: ImageReference) -> ImageAssessment? {
        guard let cached = lookups.withLock({ $0[Self.lookupKey(reference)] }), cached.until > Date() else {
            return nil
        }
        return assessments.withLock { $0[assessmentKey(cached.match, builtAt: database.builtAt)] }
    }

    public func assess(_ reference: ImageReference) async throws -> ImageAssessment? {
        guard let match = try await storedImage(reference) else { return nil }
        let (source, summary) = try database.current()
        let key = assessmentKey(match, builtAt: summary?.builtAt)
        if let cached = assessments.withLock({ $0[key] }) { return cached }
        guard let (artifact, inventory) = try await store.inventory(ofImage: match.digest) else { return nil }
        let assessment: ImageAssessment
        do throws(ScanEngineError) {
            let report = try ScanEngine(source: source).report(
                inventory: inventory, artifact: artifact, gate: Gate(policy: policy, artifact: artifact),
                database: summary)
            assessment = ImageAssessment(digest: match.digest, scannedAt: match.lastScanned, report: report)
        } catch {
            switch error.code {
            case .nothingToCheck:
                // As `drydock image` refuses to say "no vulnerabilities" for an image it cannot check.
                assessment = ImageAssessment(
                    digest: match.digest, scannedAt: match.lastScanned, passed: false, failing: [])
            case .source: throw error
            }
        }
        assessments.withLock { cache in
            if cache.count >= Self.capacity { cache.removeAll() }
            cache[key] = assessment
        }
        return assessment
    }

    /// What identifies an assessment: the stored image, its last scan and the DB build it was decided with.
    func assessmentKey(_ match: StoredImageMatch, builtAt: Date?) -> String {
        "\(match.digest)|\(match.lastScanned.timeIntervalSince1970)|\(builtAt.map { "\($0.timeIntervalSince1970)" } ?? "-")"
    }

    static func lookupKey(_ reference: ImageReference) -> String {
        "\(reference.registry)/\(reference.repository)|\(reference.digest ?? reference.tag ?? "latest")"
    }

    /// The stored image `reference` names: by digest when it pins one, else by tag.
    func storedImage(_ reference: ImageReference) async throws -> StoredImageMatch? {
        let name = reference.digest ?? reference.tag ?? "latest"
        let cacheKey = Self.lookupKey(reference)
        let now = Date()
        if let cached = lookups.withLock({ $0[cacheKey] }), cached.until > now { return cached.match }
        guard
            let match = try await store.storedImage(
                registry: reference.registry, repository: reference.repository, reference: name)
        else { return nil }
        lookups.withLock { cache in
            if cache.count >= Self.capacity { cache.removeAll() }
            cache[cacheKey] = (match, now.addingTimeInterval(lookupTTL))
        }
        return match
    }
}
