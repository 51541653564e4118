import DrydockModel
import DrydockPolicy
import Foundation

/// A stored image as queries list it.
public struct ImageSummary: Sendable, Hashable, Codable {
    public var digest: String
    public var name: String
    public var artifactType: String
    public var operatingSystem: String?
    public var references: [String]
    public var labels: [String: String]
    public var firstSeen: Date
    public var lastScanned: Date
    public var source: String
    public var packageCount: Int

    public init(
        digest: String, name: String, artifactType: String, operatingSystem: String?, references: [String],
        labels: [String: String], firstSeen: Date, lastScanned: Date, source: String, packageCount: Int
    ) {
        self.digest = digest
        self.name = name
        self.artifactType = artifactType
        self.operatingSystem = operatingSystem
        self.references = references
        self.labels = labels
        self.firstSeen = firstSeen
        self.lastScanned = lastScanned
        self.source = source
        self.packageCount = packageCount
    }
}

/// "Which images contain this package": by purl (`pkg:deb/debian/openssl`, any version unless the purl
/// names one) or by name (optionally in one ecosystem), with an optional version constraint in the
/// ecosystem's own syntax (`<3.0.13-1~deb12u1`, `>=2.0,<2.31.0`, `^1.2`).
public struct PackageQuery: Sendable, Hashable, Codable {
    public var purl: String?
    public var name: String?
    public var ecosystem: Ecosystem?
    public var versionConstraint: String?
    /// Only images whose labels have these values (`team=payments`).
    public var labels: [String: String]
    public var limit: Int
    /// The page after this one (a previous page's `next`); `nil`: the first page.
    public var cursor: String?

    public init(
        purl: String? = nil, name: String? = nil, ecosystem: Ecosystem? = nil, versionConstraint: String? = nil,
        labels: [String: String] = [:], limit: Int = 100, cursor: String? = nil
    ) {
        self.cursor = cursor
        self.purl = purl
        self.name = name
        self.ecosystem = ecosystem
        self.versionConstraint = versionConstraint
        self.labels = labels
        self.limit = limit
    }
}

/// A package version found in an image.
public struct PackageVersionRecord: Sendable, Hashable, Codable {
    public var name: String
    public var version: String
    public var ecosystem: String
    public var purl: String?

    public init(name: String, version: String, ecosystem: String, purl: String?) {
        self.name = name
        self.version = version
        self.ecosystem = ecosystem
        self.purl = purl
    }
}

/// One image and the matching package versions it holds.
public struct PackageHit: Sendable, Hashable, Codable {
    public var image: ImageSummary
    public var packages: [PackageVersionRecord]
}

/// One image an advisory affects, with the open findings of that advisory (under any of its IDs).
public struct AffectedImage: Sendable, Hashable, Codable {
    public var image: ImageSummary
    public var findings: [FindingRecord]
}

/// A stored finding with its dates.
public struct FindingRecord: Sendable, Hashable, Codable {
    public var finding: StoredFinding
    public var firstSeen: Date
    public var lastSeen: Date
    /// When it stopped being found; `nil` while open.
    public var resolvedAt: Date?
    /// The decision of the server's exception that names it (`ignore` or `warn`, with the exception's ID,
    /// owner, expiry and version); `nil` when no live exception does.
    public var decision: Decision?

    public init(
        finding: StoredFinding, firstSeen: Date, lastSeen: Date, resolvedAt: Date?, decision: Decision? = nil
    ) {
        self.finding = finding
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.resolvedAt = resolvedAt
        self.decision = decision
    }
}

/// One change in an image's findings.
public struct FindingEventRecord: Sendable, Hashable, Codable {
    /// `new`, `fixed` or `severity`.
    public var kind: String
    public var vulnerabilityID: String
    public var packageName: String
    public var findingKey: String
    public var previousSeverity: String?
    public var severity: String?
    public var at: Date
    /// `scan` or `rescan`.
    public var cause: String
}

/// An open finding past its severity's SLA.
public struct OverdueFinding: Sendable, Hashable, Codable {
    public var image: ImageSummary
    public var finding: FindingRecord
    /// Days open.
    public var ageDays: Int
    /// The SLA in days for its severity.
    public var slaDays: Int
}

/// A page of results: at most `limit` items, how many there are in all, and — for the queries that page
/// with a cursor — the cursor of the next page (`nil` on the last).
public struct QueryPage<Item: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
    public var total: Int
    public var items: [Item]
    /// Pass as `cursor` for the page after this one; absent on the last page.
    public var next: String?

    public init(total: Int, items: [Item], next: String? = nil) {
        self.total = total
        self.items = items
        self.next = next
    }
}

/// Days allowed per severity before an open finding is overdue.
public struct SLAPolicy: Sendable, Hashable {
    public var days: [Severity: Int]

    /// Critical 15 days, high 30, medium 90, low 180; unknown findings have no SLA.
    public static let standard = SLAPolicy(days: [.critical: 15, .high: 30, .medium: 90, .low: 180])

    public init(days: [Severity: Int]) {
        self.days = days
    }
}
