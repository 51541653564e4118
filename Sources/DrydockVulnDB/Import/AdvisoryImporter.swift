import DrydockModel
import Foundation

/// An upstream feed format the DB builder can import: the extension point for new feeds.
///
/// Importers are pure: they get one parsed JSON document and return values, with no file I/O.
/// Malformed records inside a document are skipped and reported in ``ImportedRecords/warnings``;
/// an importer throws only when the whole document is unusable.
public protocol AdvisoryImporter: Sendable {
    /// The format's name as `db info` shows it and the `sources` table stores it (`osv`, `alpine-secdb`).
    var format: String { get }

    /// Whether `document` is in this format, judged by its content (never by file name).
    func recognizes(_ document: JSONValue) -> Bool

    /// Turns one document into advisories and affected packages; `file` is used in warnings only.
    func parse(_ document: JSONValue, file: String) throws(VulnDBError) -> ImportedRecords
}

/// Everything an importer produced from one document.
public struct ImportedRecords: Sendable, Hashable {
    /// Advisory rows, one per distinct ID.
    public var advisories: [ImportedAdvisory]
    /// Affected-package rows, with the vendor's status, rating and advisories for each package and release where
    /// the feed gives them.
    public var affected: [AffectedPackage]
    /// Records imported (OSV: advisories; Alpine secdb: secfixes entries).
    public var records: Int
    /// Records skipped because they were malformed.
    public var skipped: Int
    /// Ranges dropped because no matcher can use them (OSV `GIT` ranges, unknown range types).
    public var skippedRanges: Int
    /// One line per skipped record or dropped part, naming the file.
    public var warnings: [String]
    /// Data that enriches advisories with the same CVE ID or alias (NVD, EPSS, KEV).
    public var enrichments: [ImportedEnrichment] = []
    /// The feed's own timestamp (NVD `timestamp`, KEV `dateReleased`, EPSS `score_date`), when it has one.
    public var feedTimestamp: Date?

    /// Creates a result.
    public init(
        advisories: [ImportedAdvisory] = [], affected: [AffectedPackage] = [], records: Int = 0,
        skipped: Int = 0, skippedRanges: Int = 0, warnings: [String] = []
    ) {
        self.advisories = advisories
        self.affected = affected
        self.records = records
        self.skipped = skipped
        self.skippedRanges = skippedRanges
        self.warnings = warnings
    }
}

/// One advisory as imported, with where its severity came from.
public struct ImportedAdvisory: Sendable, Hashable {
    /// The advisory.
    public var advisory: Advisory
    /// Who rated `advisory.severity` (`ghsa`, `nvd`, a feed name), or `nil` when unrated.
    public var severitySource: String?
    /// `true` for rows a feed creates only to hold an ID (Alpine secdb): a full record with the
    /// same ID replaces it.
    public var isPlaceholder: Bool

    /// Creates an imported advisory.
    public init(advisory: Advisory, severitySource: String?, isPlaceholder: Bool) {
        self.advisory = advisory
        self.severitySource = severitySource
        self.isPlaceholder = isPlaceholder
    }
}

/// The importers the builder tries, in order, for every input file.
public enum AdvisoryImporters {
    /// OSV, Alpine secdb, Wolfi and Chainguard secdb, Photon's CVE metadata, the Debian security tracker, NVD's
    /// CVE feed, CISA's KEV catalog, and Red Hat's and SUSE's CSAF.
    ///
    /// FIRST's EPSS CSV is not JSON and is recognised separately by ``EPSSImporter``; XML and YAML feeds are read
    /// by ``files``.
    public static let all: [any AdvisoryImporter] = [
        OSVImporter(), AlpineSecDBImporter(), WolfiSecDBImporter(), PhotonCVEImporter(), DebianTrackerImporter(),
        NVDImporter(), KEVImporter(), RedHatCSAFImporter(), SUSECSAFImporter(),
    ]
}
