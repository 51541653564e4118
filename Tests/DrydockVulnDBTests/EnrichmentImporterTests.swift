import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockVulnDB

let debianTrackerDocument = #"""
    {
      "openssl": {
        "CVE-2024-0001": {
          "description": "openssl: buffer overflow",
          "scope": "remote",
          "releases": {
            "bookworm": {"status": "resolved", "repositories": {"bookworm": "3.0.13-1"},
                         "fixed_version": "3.0.11-1", "urgency": "high"},
            "bullseye": {"status": "open", "repositories": {"bullseye": "1.1.1w-0"}, "urgency": "low*",
                         "nodsa": "Minor issue", "nodsa_reason": "postponed"},
            "buster": {"status": "open", "repositories": {"buster": "1.1.1n-0"}, "urgency": "unimportant",
                       "nodsa": "", "nodsa_reason": "ignored"},
            "trixie": {"status": "resolved", "repositories": {"trixie": "3.1.0-1"}, "fixed_version": "0",
                       "urgency": "not yet assigned"},
            "sid": {"status": "undetermined", "repositories": {"sid": "3.1.0-1"}, "urgency": "medium"},
            "hamm": {"status": "open", "repositories": {}, "urgency": "low"}
          }
        },
        "TEMP-0000000-ABCDEF": {"description": "", "releases": {"bookworm": {"status": "weird"}}}
      },
      "curl": {
        "CVE-2024-0002": {"releases": {"bookworm": {"status": "open", "repositories": {"bookworm": "7.88"},
                                                    "urgency": "medium", "fixed_version": "<end-of-life>"}}}
      }
    }
    """#

@Test func debianTrackerStatusesAndNamespaces() throws {
    let importer = DebianTrackerImporter()
    let document = try JSONParser.parse(Array(debianTrackerDocument.utf8))
    #expect(importer.recognizes(document))
    #expect(!OSVImporter().recognizes(document))
    #expect(!importer.recognizes(try JSONParser.parse(Array(#"{"id": "X", "affected": []}"#.utf8))))
    let records = try importer.parse(document, file: "debian.json")
    var rows: [String: (VulnerabilityStatus?, [String], Severity?)] = [:]
    for row in records.affected where row.advisoryID == "CVE-2024-0001" {
        rows[row.namespace] = (row.status, row.fixedVersions, row.severity)
    }
    #expect(rows["Debian:12"]?.0 == .fixed)
    #expect(rows["Debian:12"]?.1 == ["3.0.11-1"])
    #expect(rows["Debian:12"]?.2 == .high)
    #expect(rows["Debian:11"]?.0 == .fixDeferred)
    #expect(rows["Debian:11"]?.1 == [])
    #expect(rows["Debian:11"]?.2 == .low)
    #expect(rows["Debian:10"]?.0 == .willNotFix)
    #expect(rows["Debian:13"]?.0 == .notAffected)
    #expect(rows["Debian:13"]?.1 == ["0"])
    #expect(rows["Debian:13"]?.2 == nil)
    #expect(rows["Debian:sid"]?.0 == .underInvestigation)
    #expect(rows.count == 5)  // `hamm` has no known number
    #expect(records.warnings.contains { $0.contains("hamm") })
    #expect(records.skipped == 1)  // TEMP-… with an unknown status
    let curl = records.affected.first { $0.packageName == "curl" }
    #expect(curl?.status == .endOfLife)
    let advisory = try #require(records.advisories.first { $0.advisory.id == "CVE-2024-0001" })
    #expect(advisory.advisory.vendorSeverity == ["debian": .high])
    #expect(advisory.advisory.title == "openssl: buffer overflow")
    #expect(advisory.isPlaceholder)
}

@Test(arguments: [
    ("high", Severity.high), ("medium**", .medium), ("unimportant", .low), ("low", .low),
])
func debianUrgency(text: String, expected: Severity) {
    #expect(DebianTrackerImporter.severity(urgency: text) == expected)
}

@Test func debianUrgencyWithoutRating() {
    #expect(DebianTrackerImporter.severity(urgency: "not yet assigned") == nil)
    #expect(DebianTrackerImporter.severity(urgency: "end-of-life") == nil)
}

let nvdDocument = #"""
    {"resultsPerPage": 2, "startIndex": 0, "totalResults": 2, "format": "NVD_CVE", "version": "2.0",
     "timestamp": "2026-11-20T10:00:00.000",
     "vulnerabilities": [
      {"cve": {"id": "CVE-2024-0001", "published": "2024-01-02T03:04:05.123", "lastModified": "2024-02-01T00:00:00.000",
               "descriptions": [{"lang": "es", "value": "desbordamiento"}, {"lang": "en", "value": "A buffer overflow."}],
               "metrics": {
                 "cvssMetricV31": [
                   {"source": "nvd@nist.gov", "type": "Primary",
                    "cvssData": {"version": "3.1", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                                 "baseScore": 9.8, "baseSeverity": "CRITICAL"}},
                   {"source": "secalert@example.com", "type": "Secondary",
                    "cvssData": {"version": "3.1", "vectorString": "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N",
                                 "baseScore": 3.3, "baseSeverity": "LOW"}}],
                 "cvssMetricV2": [
                   {"source": "nvd@nist.gov", "type": "Primary", "baseSeverity": "HIGH",
                    "cvssData": {"version": "2.0", "vectorString": "AV:N/AC:L/Au:N/C:P/I:P/A:P", "baseScore": 7.5}}]},
               "weaknesses": [{"source": "nvd@nist.gov", "type": "Primary",
                               "description": [{"lang": "en", "value": "CWE-787"}, {"lang": "en", "value": "NVD-CWE-Other"}]}],
               "references": [{"url": "https://example.org/advisory"}]}},
      {"cve": {"id": "CVE-2024-0009", "descriptions": []}},
      {"nocve": true}
     ]}
    """#

@Test func nvdRecords() throws {
    let document = try JSONParser.parse(Array(nvdDocument.utf8))
    let importer = NVDImporter()
    #expect(importer.recognizes(document))
    let records = try importer.parse(document, file: "nvd.json")
    #expect(records.records == 2)
    #expect(records.skipped == 1)
    #expect(records.feedTimestamp.map(Timestamp.format) == "2026-11-20T10:00:00Z")
    let first = try #require(records.enrichments.first)
    #expect(first.description == "A buffer overflow.")
    #expect(first.cweIDs == ["CWE-787"])
    #expect(first.severity == .critical)
    #expect(first.cvss.map(\.source) == ["nvd", "secalert@example.com", "nvd"])
    #expect(first.cvss.map(\.score) == [9.8, 3.3, 7.5])
    #expect(first.published.map(Timestamp.format) == "2024-01-02T03:04:05.123Z")
    #expect(first.references == ["https://example.org/advisory"])
}

let kevDocument = #"""
    {"title": "CISA Catalog of Known Exploited Vulnerabilities", "catalogVersion": "2026.11.20",
     "dateReleased": "2026-11-20T15:00:00.000Z", "count": 2,
     "vulnerabilities": [
      {"cveID": "CVE-2024-0001", "vendorProject": "OpenSSL", "product": "OpenSSL", "dateAdded": "2024-03-01",
       "shortDescription": "Overflow.", "dueDate": "2024-03-22", "knownRansomwareCampaignUse": "Known",
       "cwes": ["CWE-787"]},
      {"vendorProject": "nobody"}
     ]}
    """#

let epssDocument = """
    #model_version:v2025.03.14,score_date:2026-11-20T12:55:00Z
    cve,epss,percentile
    CVE-2024-0001,0.97001,0.99912
    CVE-2024-0002,0.00043,0.1
    CVE-2024-0003,oops,0.5
    """

@Test func kevAndEPSS() throws {
    let kev = try KEVImporter().parse(try JSONParser.parse(Array(kevDocument.utf8)), file: "kev.json")
    #expect(kev.records == 1)
    #expect(kev.skipped == 1)
    #expect(
        kev.enrichments.first?.knownExploited
            == KnownExploited(dateAdded: "2024-03-01", dueDate: "2024-03-22", ransomwareUse: "Known"))
    #expect(EPSSImporter.recognizes(Array(epssDocument.utf8)))
    #expect(!EPSSImporter.recognizes(Array("cve,score\n".utf8)))
    let epss = EPSSImporter.parse(Array(epssDocument.utf8), file: "epss.csv")
    #expect(epss.records == 2)
    #expect(epss.skipped == 1)
    #expect(epss.enrichments.first?.epss == EPSSScore(score: 0.97001, percentile: 0.99912, date: "2026-11-20"))
    #expect(epss.feedTimestamp.map(Timestamp.format) == "2026-11-20T00:00:00Z")
}

/// OSV GHSA record aliasing CVE-2024-0001, the Debian tracker, NVD, KEV and EPSS, built together.
@Test func enrichmentAndSeverityPrecedence() throws {
    let root = try VulnDBTestSupport.makeScratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    try VulnDBTestSupport.write(debianTrackerDocument, to: "in/debian.json", in: root)
    try VulnDBTestSupport.write(nvdDocument, to: "in/nvd.json", in: root)
    try VulnDBTestSupport.write(kevDocument, to: "in/kev.json", in: root)
    try VulnDBTestSupport.write(epssDocument, to: "in/epss.csv", in: root)
    try VulnDBTestSupport.write(
        #"""
        {"id": "GHSA-aaaa-bbbb-cccc", "aliases": ["CVE-2024-0002"], "modified": "2024-01-01T00:00:00Z",
         "database_specific": {"severity": "MODERATE"},
         "affected": [{"package": {"ecosystem": "PyPI", "name": "x"},
                       "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}]}]}
        """#, to: "in/ghsa.json", in: root)
    try VulnDBTestSupport.write(
        #"""
        {"id": "PYSEC-1", "aliases": ["CVE-2024-0001"], "modified": "2024-01-01T00:00:00Z",
         "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N"}],
         "affected": [{"package": {"ecosystem": "PyPI", "name": "y"}, "versions": ["1.0"]}]}
        """#, to: "in/pysec.json", in: root)
    let output = root + "/drydock.db"
    let summary = try DatabaseBuilder.build(output: output, sources: [root + "/in"], builtAt: Date())
    #expect(summary.sources.first?.format == "debian-tracker,epss,kev,nvd,osv")
    let db = try VulnerabilityDatabase.open(path: output)

    // Debian's own rating wins over NVD's for the CVE the tracker lists.
    let cve = try #require(try db.advisory(id: "CVE-2024-0001"))
    #expect(cve.severity == .high)
    #expect(cve.severitySource == "debian")
    #expect(cve.vendorSeverity == ["debian": .high, "nvd": .critical])
    #expect(cve.cweIDs == ["CWE-787"])
    #expect(cve.description == "A buffer overflow.")
    #expect(cve.title == "openssl: buffer overflow")
    #expect(cve.epss?.score == 0.97001)
    #expect(cve.knownExploited?.dateAdded == "2024-03-01")
    #expect(cve.cvss.contains { $0.source == "nvd" && $0.score == 9.8 })

    // A record with only a CVSS score takes NVD's rating through its alias.
    let pysec = try #require(try db.advisory(id: "PYSEC-1"))
    #expect(pysec.severity == .critical)
    #expect(pysec.severitySource == "nvd")
    #expect(pysec.knownExploited != nil)

    // GHSA's own rating beats NVD (none here) and is kept in the map; EPSS arrives through the alias.
    let ghsa = try #require(try db.advisory(id: "GHSA-aaaa-bbbb-cccc"))
    #expect(ghsa.severity == .medium)
    #expect(ghsa.severitySource == "ghsa")
    #expect(ghsa.vendorSeverity == ["ghsa": .medium])
    #expect(ghsa.epss?.percentile == 0.1)

    let rows = try db.affected(namespace: "Debian:11", packageName: "openssl")
    #expect(rows.map(\.status) == [.fixDeferred])
}
