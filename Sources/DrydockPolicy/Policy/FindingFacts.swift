import DrydockModel
import Foundation

/// Whether a vulnerability's affected code is present, as policy conditions name it.
public enum ReachabilityState: String, Sendable, Hashable, CaseIterable, Codable {
    case reachable
    case notReachable = "not-reachable"
    /// Not checked (every finding that is not a Go binary vulnerability).
    case unknown
}

/// The facts about one finding that policy conditions test and the evidence log records.
///
/// Facts that only vulnerabilities have (`status`, `fixable`, `kev`, `cvss`, `epss`, `publishedDays`) are
/// `nil` for other kinds, and a condition on a fact the finding does not have never matches it.
public struct FindingFacts: Sendable, Hashable {
    public var kind: FindingKind
    /// Every ID of the finding, the shown one first.
    public var ids: [String]
    public var severity: Severity
    public var severitySource: String?
    /// Vendor status (vulnerabilities).
    public var status: VulnerabilityStatus?
    /// Whether a fixed version is known (vulnerabilities).
    public var fixable: Bool?
    public var installedVersion: String?
    public var fixedVersion: String?
    /// Whether the vulnerability is in CISA's KEV catalog (vulnerabilities).
    public var inKEV: Bool?
    /// The CVSS base score conditions use: the highest v3 or v4 score any source gives, else the highest v2.
    public var cvss: Double?
    /// Which source and version gave ``cvss`` (`nvd v3`).
    public var cvssSource: String?
    /// FIRST's EPSS probability, 0…1.
    public var epss: Double?
    public var published: Date?
    /// Whole days since the advisory was published.
    public var publishedDays: Int?
    /// When the finding was first seen: the baseline's date, else the scan's time.
    public var firstSeen: Date
    /// Whole days since ``firstSeen`` (0 for a finding first seen in this scan).
    public var openDays: Int
    public var reachability: ReachabilityState
    /// New or existing against the baseline (`new` without one).
    public var baseline: BaselineState.Status
    /// The package's purl type (`apk`, `pypi`), for findings in a package.
    public var packageType: String?
    public var packageName: String?
    public var purl: PackageURL?
    /// The strings path conditions match: the target's name and the finding's file.
    public var paths: [String]
    public var targetName: String
    public var targetType: String
    /// The strings image conditions match: the artifact's name, tags, repository digests and image ID.
    public var images: [String]
    /// The image config's labels.
    public var labels: [String: String]
    /// A license finding's category.
    public var licenseCategory: LicenseFinding.Category?

    /// The facts of `context`, with its baseline `state`, judged at `now`.
    public init(_ context: FindingContext, baseline state: BaselineState?, artifact: ArtifactFacts, now: Date) {
        let finding = context.finding
        kind = finding.kind
        ids = finding.allIDs
        severity = finding.severity
        targetName = context.targetName
        targetType = context.targetType
        paths = [context.targetName] + (finding.filePath.map { [$0] } ?? [])
        images = artifact.images
        labels = artifact.labels
        baseline = state?.status ?? .new
        firstSeen = state?.firstSeen.flatMap(PolicyDate.parse) ?? now
        openDays = max(0, PolicyDate.days(from: firstSeen, to: now))
        if let package = finding.package {
            packageName = package.name
            purl = package.purl.flatMap(PackageURL.init)
            packageType = purl?.type
        }
        reachability = .unknown
        licenseCategory = finding.license?.category
        guard case .vulnerability(let vulnerability) = finding else { return }
        severitySource = vulnerability.severitySource
        status = vulnerability.status
        fixedVersion = vulnerability.fixedVersion.flatMap { $0.isEmpty ? nil : $0 }
        fixable = fixedVersion != nil
        installedVersion = vulnerability.package.version
        inKEV = vulnerability.advisory.knownExploited != nil
        epss = vulnerability.advisory.epss?.score
        published = vulnerability.advisory.published
        publishedDays = published.map { PolicyDate.days(from: $0, to: now) }
        (cvss, cvssSource) = FindingFacts.cvss(vulnerability.advisory.cvss)
        switch vulnerability.reachability {
        case .reachable: reachability = .reachable
        case .notReachable: reachability = .notReachable
        case nil: reachability = .unknown
        }
    }

    /// The highest v3/v4 base score, else the highest v2 score, with its source.
    static func cvss(_ scores: [CVSSScore]) -> (Double?, String?) {
        let scored = scores.filter { $0.score != nil }
        let modern = scored.filter { $0.version >= 3 }
        let pool = modern.isEmpty ? scored : modern
        guard let best = pool.max(by: { ($0.score ?? 0, $1.source) < ($1.score ?? 0, $0.source) }) else {
            return (nil, nil)
        }
        return (best.score, "\(best.source) v\(best.version)")
    }
}

/// What rules and exceptions may know about the scanned artifact, worked out once per scan.
public struct ArtifactFacts: Sendable, Hashable {
    /// The artifact's name, repository tags, repository digests and image ID.
    public var images: [String]
    /// The image config's `config.Labels`.
    public var labels: [String: String]

    public init(images: [String] = [], labels: [String: String] = [:]) {
        self.images = images
        self.labels = labels
    }

    /// The facts of `artifact` (none when it is `nil`).
    public init(_ artifact: ArtifactMetadata?) {
        guard let artifact else {
            self.init()
            return
        }
        var images = [artifact.name] + artifact.repoTags + artifact.repoDigests
        if let imageID = artifact.imageID { images.append(imageID) }
        self.init(images: images, labels: ArtifactFacts.labels(artifact.imageConfigJSON))
    }

    /// `config.Labels` of an image config (Docker writes `null` when there are none).
    static func labels(_ config: [UInt8]?) -> [String: String] {
        guard let config, let object = try? JSONSerialization.jsonObject(with: Data(config)) as? [String: Any],
            let inner = object["config"] as? [String: Any], let labels = inner["Labels"] as? [String: Any]
        else { return [:] }
        return labels.compactMapValues { $0 as? String }
    }
}
