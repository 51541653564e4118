import Foundation

/// One vulnerability record as the DB holds it, independent of the feed it came from.
public struct Advisory: Sendable, Hashable, Codable {
    /// The record's own ID (`CVE-2019-14697`, `GHSA-…`, `ALSA-…`).
    public var id: String
    /// Other IDs for the same vulnerability.
    public var aliases: [String]
    /// One-line summary.
    public var title: String?
    /// Full description.
    public var description: String?
    /// The record's own severity rating, when it gives one.
    public var severity: Severity?
    /// Who gave `severity` (`ghsa`, `nvd`, the feed's name), when known.
    public var severitySource: String?
    /// CVSS vectors and scores, keyed by source (`nvd`, `ghsa`, the feed name).
    public var cvss: [CVSSScore]
    /// Reference URLs.
    public var references: [String]
    public var published: Date?
    public var modified: Date?
    /// Set when the upstream record was withdrawn; withdrawn records never match.
    public var withdrawn: Date?
    /// The feed the record came from (`osv`, `alpine-secdb`).
    public var source: String
    /// Every source's own severity rating, keyed by source (`debian`, `ghsa`, `nvd`); `severity` is
    /// the one chosen from these by the documented precedence.
    public var vendorSeverity: [String: Severity] = [:]
    /// CWE IDs (`CWE-79`), from NVD.
    public var cweIDs: [String] = []
    /// FIRST's EPSS exploit prediction, when known.
    public var epss: EPSSScore?
    /// CISA's Known Exploited Vulnerabilities entry, when the vulnerability is in the catalog.
    public var knownExploited: KnownExploited?

    public init(
        id: String, aliases: [String] = [], title: String? = nil, description: String? = nil,
        severity: Severity? = nil, severitySource: String? = nil, cvss: [CVSSScore] = [], references: [String] = [],
        published: Date? = nil, modified: Date? = nil, withdrawn: Date? = nil, source: String
    ) {
        self.id = id
        self.aliases = aliases
        self.title = title
        self.description = description
        self.severity = severity
        self.severitySource = severitySource
        self.cvss = cvss
        self.references = references
        self.published = published
        self.modified = modified
        self.withdrawn = withdrawn
        self.source = source
    }
}

/// FIRST's Exploit Prediction Scoring System values for one CVE.
public struct EPSSScore: Sendable, Hashable, Codable {
    /// Probability of exploitation activity in the next 30 days, 0…1.
    public var score: Double
    /// The score's percentile among all scored CVEs, 0…1.
    public var percentile: Double
    /// The day the scores were computed (`score_date`), when known.
    public var date: String?

    public init(score: Double, percentile: Double, date: String? = nil) {
        self.score = score
        self.percentile = percentile
        self.date = date
    }
}

/// An entry of CISA's Known Exploited Vulnerabilities catalog.
public struct KnownExploited: Sendable, Hashable, Codable {
    /// When CISA added the CVE (`2021-12-10`).
    public var dateAdded: String
    /// The remediation due date for US federal agencies, when given.
    public var dueDate: String?
    /// `Known` when used in ransomware campaigns, else `Unknown`.
    public var ransomwareUse: String?

    public init(dateAdded: String, dueDate: String? = nil, ransomwareUse: String? = nil) {
        self.dateAdded = dateAdded
        self.dueDate = dueDate
        self.ransomwareUse = ransomwareUse
    }
}

/// A CVSS vector with its base score, as one source rated the vulnerability.
public struct CVSSScore: Sendable, Hashable, Codable {
    /// CVSS major version: `2`, `3` (3.0 and 3.1) or `4`.
    public var version: Int
    /// The vector string as published (`CVSS:3.1/AV:N/…`).
    public var vector: String
    /// The computed base score, when the vector could be scored.
    public var score: Double?
    /// Who published it (`nvd`, `ghsa`, …).
    public var source: String

    public init(version: Int, vector: String, score: Double?, source: String) {
        self.version = version
        self.vector = vector
        self.score = score
        self.source = source
    }
}

/// Which package versions an advisory affects, within one ecosystem namespace.
public struct AffectedPackage: Sendable, Hashable, Codable {
    /// The advisory this belongs to.
    public var advisoryID: String
    /// Ecosystem namespace including the release where the feed has one: `Alpine:v3.10`, `Debian:12`, `PyPI`.
    public var namespace: String
    /// The package name as the advisory spells it (source package for Debian, origin for Alpine).
    public var packageName: String
    /// OSV-style ranges; a version is affected when any range contains it.
    public var ranges: [AffectedRange]
    /// Explicitly listed affected versions.
    public var versions: [String]
    /// The RPM module stream (`nodejs:18`, `name:stream`) the fixed builds belong to, when the feed names it
    /// (several comma-separated when the advisory covers more than one); `nil` for non-modular entries and for
    /// feeds that do not say.
    public var module: String?
    /// The vendor's status for this package in this namespace (`fixed`, `affected`, `will_not_fix`,
    /// `fix_deferred`, `end_of_life`, `not_affected`), when the feed states one (Debian tracker, Red Hat and SUSE
    /// CSAF); `nil` when the feed only gives ranges. A `not_affected` entry never matches.
    public var status: VulnerabilityStatus?
    /// The vendor's rating of the vulnerability for this package in this namespace (Red Hat's impact, Amazon's
    /// and SUSE's severity), when the feed gives one.
    public var severity: Severity?
    /// The vendor advisories that ship the fix (`RHSA-2024:2447`, `ALAS2-2024-2503`, `SUSE-SU-2024:1234-1`), for
    /// Trivy's `VendorIDs`; empty when the feed names none.
    public var vendorIDs: [String]

    public init(
        advisoryID: String, namespace: String, packageName: String, ranges: [AffectedRange],
        versions: [String] = [], module: String? = nil, status: VulnerabilityStatus? = nil,
        severity: Severity? = nil, vendorIDs: [String] = []
    ) {
        self.advisoryID = advisoryID
        self.namespace = namespace
        self.packageName = packageName
        self.ranges = ranges
        self.versions = versions
        self.module = module
        self.status = status
        self.severity = severity
        self.vendorIDs = vendorIDs
    }

    private enum CodingKeys: String, CodingKey {
        case advisoryID, namespace, packageName, ranges, versions, module, status, severity, vendorIDs
    }

    /// Decodes an entry; `status`, `severity` and `vendorIDs` may be absent (values written before they existed).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        advisoryID = try container.decode(String.self, forKey: .advisoryID)
        namespace = try container.decode(String.self, forKey: .namespace)
        packageName = try container.decode(String.self, forKey: .packageName)
        ranges = try container.decode([AffectedRange].self, forKey: .ranges)
        versions = try container.decodeIfPresent([String].self, forKey: .versions) ?? []
        module = try container.decodeIfPresent(String.self, forKey: .module)
        status = try container.decodeIfPresent(VulnerabilityStatus.self, forKey: .status)
        severity = try container.decodeIfPresent(Severity.self, forKey: .severity)
        vendorIDs = try container.decodeIfPresent([String].self, forKey: .vendorIDs) ?? []
    }

    /// The lowest version that fixes the advisory according to the ranges, or `nil` when none is known.
    public var fixedVersions: [String] {
        ranges.flatMap { range in
            range.events.compactMap { if case .fixed(let version) = $0 { version } else { nil } }
        }
    }
}

/// An OSV range: ordered events over one version scheme.
public struct AffectedRange: Sendable, Hashable, Codable {
    /// `ECOSYSTEM` ranges use the ecosystem's own version rules, `SEMVER` ranges SemVer 2.0.
    public enum Kind: String, Sendable, Hashable, Codable {
        case ecosystem = "ECOSYSTEM"
        case semver = "SEMVER"
    }

    public var kind: Kind
    public var events: [RangeEvent]

    public init(kind: Kind, events: [RangeEvent]) {
        self.kind = kind
        self.events = events
    }
}

/// One OSV range event.
public enum RangeEvent: Sendable, Hashable, Codable {
    /// Versions from this one on are affected (`0` means from the beginning).
    case introduced(String)
    /// Versions from this one on are fixed.
    case fixed(String)
    /// This is the last affected version; later ones are not.
    case lastAffected(String)
    /// Versions from this one on are outside the range (upper bound, not a fix).
    case limit(String)
}
