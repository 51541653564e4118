import DrydockModel
import Foundation

/// Data about one CVE that enriches the advisories carrying that ID or alias (NVD, EPSS, KEV).
///
/// Enrichment never creates advisories: a CVE that no feed lists as affecting a package has nothing
/// to match, so its enrichment is counted and dropped.
public struct ImportedEnrichment: Sendable, Hashable {
    /// The CVE ID (`CVE-2021-44228`).
    public var cveID: String
    /// The feed (`nvd`, `epss`, `kev`).
    public var source: String
    /// Description (NVD's English description, KEV's short description).
    public var description: String?
    /// CWE IDs.
    public var cweIDs: [String] = []
    /// CVSS vectors with their sources.
    public var cvss: [CVSSScore] = []
    /// The feed's own rating (NVD's primary `baseSeverity`), stored under ``source``.
    public var severity: Severity?
    /// Reference URLs.
    public var references: [String] = []
    /// Publication time.
    public var published: Date?
    /// Last modification time.
    public var modified: Date?
    /// EPSS score and percentile.
    public var epss: EPSSScore?
    /// KEV catalog entry.
    public var knownExploited: KnownExploited?

    /// Creates an enrichment for `cveID` from `source`.
    public init(cveID: String, source: String) {
        self.cveID = cveID
        self.source = source
    }

    /// Applies this enrichment to `advisory`: fills what it lacks, adds CVSS vectors and CWEs it does
    /// not have, records the source's rating in `vendorSeverity`, and attaches EPSS/KEV data.
    func apply(to advisory: inout Advisory) {
        if advisory.description == nil { advisory.description = description }
        if advisory.published == nil { advisory.published = published }
        if advisory.modified == nil { advisory.modified = modified }
        for url in references where !advisory.references.contains(url) { advisory.references.append(url) }
        for cwe in cweIDs where !advisory.cweIDs.contains(cwe) { advisory.cweIDs.append(cwe) }
        for score in cvss
        where !advisory.cvss.contains(where: { $0.vector == score.vector && $0.source == score.source }) {
            advisory.cvss.append(score)
        }
        if let severity { advisory.vendorSeverity[source] = severity }
        if let epss { advisory.epss = epss }
        if let knownExploited { advisory.knownExploited = knownExploited }
    }
}
