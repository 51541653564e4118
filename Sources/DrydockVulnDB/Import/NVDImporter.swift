import DrydockModel
import Foundation

/// Imports NVD's CVE API / feed JSON 2.0 (`{"format":"NVD_CVE","version":"2.0","vulnerabilities":[…]}`).
///
/// Produces enrichment only (``ImportedEnrichment``, source `nvd`): the English description, CWE IDs
/// from `weaknesses`, every CVSS v2/v3.0/v3.1/v4.0 vector in `metrics` (scored by Drydock; source
/// `nvd` for `nvd@nist.gov`, else the scoring organisation as NVD names it), references, times, and
/// NVD's own rating: the primary v3.1, v3.0, v4.0, then v2 metric's `baseSeverity`.
public struct NVDImporter: AdvisoryImporter {
    /// Creates the importer.
    public init() {}

    /// `nvd`.
    public var format: String { "nvd" }

    /// An object with `format` `NVD_CVE` and `vulnerabilities`.
    public func recognizes(_ document: JSONValue) -> Bool {
        document["format"]?.stringValue == "NVD_CVE" && document["vulnerabilities"] != nil
    }

    /// Parses one NVD document; entries without a `cve.id` are skipped with warnings.
    public func parse(_ document: JSONValue, file: String) throws(VulnDBError) -> ImportedRecords {
        guard let items = document["vulnerabilities"]?.arrayValue else {
            throw VulnDBError(code: .malformedInput, reason: "`vulnerabilities` is not an array", location: file)
        }
        var result = ImportedRecords()
        result.feedTimestamp = document["timestamp"]?.stringValue.flatMap(Self.time)
        for (offset, item) in items.enumerated() {
            guard let cve = item["cve"], let id = cve["id"]?.stringValue, !id.isEmpty else {
                result.skipped += 1
                result.warnings.append("\(file): skipped vulnerabilities[\(offset)]: no `cve.id`")
                continue
            }
            result.records += 1
            var enrichment = ImportedEnrichment(cveID: id, source: format)
            enrichment.description =
                cve["descriptions"]?.arrayValue?.first(where: { $0["lang"]?.stringValue == "en" })?["value"]?
                .stringValue
            enrichment.published = cve["published"]?.stringValue.flatMap(Self.time)
            enrichment.modified = cve["lastModified"]?.stringValue.flatMap(Self.time)
            enrichment.references = cve["references"]?.arrayValue?.compactMap { $0["url"]?.stringValue } ?? []
            for weakness in cve["weaknesses"]?.arrayValue ?? [] {
                for text in weakness["description"]?.arrayValue?.compactMap({ $0["value"]?.stringValue }) ?? []
                where text.hasPrefix("CWE-") && !enrichment.cweIDs.contains(text) {
                    enrichment.cweIDs.append(text)
                }
            }
            var rating: Severity?
            for (key, type) in [
                ("cvssMetricV31", "CVSS_V3"), ("cvssMetricV30", "CVSS_V3"), ("cvssMetricV40", "CVSS_V4"),
                ("cvssMetricV2", "CVSS_V2"),
            ] {
                for metric in cve["metrics"]?[key]?.arrayValue ?? [] {
                    guard let vector = metric["cvssData"]?["vectorString"]?.stringValue else { continue }
                    let origin = metric["source"]?.stringValue ?? "nvd@nist.gov"
                    let source = origin == "nvd@nist.gov" ? format : origin
                    guard let score = OSVImporter.cvssScore(type: type, vector: vector, source: source) else {
                        result.warnings.append("\(file): \(id): ignored CVSS vector \"\(vector)\"")
                        continue
                    }
                    if !enrichment.cvss.contains(score) { enrichment.cvss.append(score) }
                    let named = metric["cvssData"]?["baseSeverity"]?.stringValue ?? metric["baseSeverity"]?.stringValue
                    if rating == nil, metric["type"]?.stringValue == "Primary", source == format,
                        let named, let severity = Severity(name: named)
                    {
                        rating = severity
                    }
                }
            }
            enrichment.severity = rating
            result.enrichments.append(enrichment)
        }
        return result
    }

    /// NVD writes local times without a zone (`2024-01-02T03:04:05.123`), meaning UTC.
    static func time(_ text: String) -> Date? {
        if let date = Timestamp.parse(text) { return date }
        return Timestamp.parse(text + "Z")
    }
}
