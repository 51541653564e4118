import DrydockModel
import Foundation

/// Imports CISA's Known Exploited Vulnerabilities catalog (`known_exploited_vulnerabilities.json`).
///
/// Recognised by `catalogVersion` plus `vulnerabilities`. Each entry becomes enrichment (source
/// `kev`) marking its `cveID` as known exploited, with `dateAdded`, `dueDate`,
/// `knownRansomwareCampaignUse`, its short description and `cwes`.
public struct KEVImporter: AdvisoryImporter {
    /// Creates the importer.
    public init() {}

    /// `kev`.
    public var format: String { "kev" }

    /// An object with `catalogVersion` and `vulnerabilities`.
    public func recognizes(_ document: JSONValue) -> Bool {
        document["catalogVersion"] != nil && document["vulnerabilities"] != nil
    }

    /// Parses the catalog; entries without `cveID` or `dateAdded` are skipped with warnings.
    public func parse(_ document: JSONValue, file: String) throws(VulnDBError) -> ImportedRecords {
        guard let items = document["vulnerabilities"]?.arrayValue else {
            throw VulnDBError(code: .malformedInput, reason: "`vulnerabilities` is not an array", location: file)
        }
        var result = ImportedRecords()
        result.feedTimestamp = document["dateReleased"]?.stringValue.flatMap(Timestamp.parse)
        for (offset, item) in items.enumerated() {
            guard let id = item["cveID"]?.stringValue, let added = item["dateAdded"]?.stringValue else {
                result.skipped += 1
                result.warnings.append("\(file): skipped vulnerabilities[\(offset)]: no `cveID` or `dateAdded`")
                continue
            }
            result.records += 1
            var enrichment = ImportedEnrichment(cveID: id, source: format)
            enrichment.cweIDs = item["cwes"]?.arrayValue?.compactMap(\.stringValue) ?? []
            enrichment.knownExploited = KnownExploited(
                dateAdded: added, dueDate: item["dueDate"]?.stringValue,
                ransomwareUse: item["knownRansomwareCampaignUse"]?.stringValue)
            result.enrichments.append(enrichment)
        }
        return result
    }
}
