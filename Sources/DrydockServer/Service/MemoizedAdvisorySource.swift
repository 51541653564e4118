import DrydockMatch
import DrydockModel
import Synchronization

/// An ``AdvisorySource`` that asks the DB once per question: a rescan matches thousands of versions of the
/// same package names (every image's copy of `musl`, each application library at many versions), and each
/// lookup of a name's affected records or of an advisory then costs one DB query, not one per version.
/// Lives for one rescan (the DB does not change under it).
final class MemoizedAdvisorySource: AdvisorySource {
    private let base: any AdvisorySource
    private let affected = Mutex<[String: [AffectedPackage]]>([:])
    private let advisories = Mutex<[String: Advisory?]>([:])
    private let coverage = Mutex<[String: Bool]>([:])
    private let feedNames = Mutex<[String: [String]]>([:])

    init(_ base: any AdvisorySource) {
        self.base = base
    }

    func affectedPackages(namespace: String, packageName: String) throws -> [AffectedPackage] {
        let key = namespace + "\u{1F}" + packageName
        if let known = affected.withLock({ $0[key] }) { return known }
        let answer = try base.affectedPackages(namespace: namespace, packageName: packageName)
        affected.withLock { $0[key] = answer }
        return answer
    }

    func advisory(id: String) throws -> Advisory? {
        if let known = advisories.withLock({ $0[id] }) { return known }
        let answer = try base.advisory(id: id)
        advisories.withLock { $0[id] = answer }
        return answer
    }

    func covers(namespace: String) throws -> Bool {
        if let known = coverage.withLock({ $0[namespace] }) { return known }
        let answer = try base.covers(namespace: namespace)
        coverage.withLock { $0[namespace] = answer }
        return answer
    }

    func feeds(namespace: String) throws -> [String] {
        if let known = feedNames.withLock({ $0[namespace] }) { return known }
        let answer = try base.feeds(namespace: namespace)
        feedNames.withLock { $0[namespace] = answer }
        return answer
    }
}
