import DrydockModel
import Testing

@testable import DrydockVulnDB

/// Imitates a GHSA record as osv.dev exports it, with every range type and event kind.
let ghsaRecord = #"""
    {
      "schema_version": "1.6.0",
      "id": "GHSA-xxxx-yyyy-zzzz",
      "aliases": ["CVE-2024-0001"],
      "summary": "Example flaw",
      "details": "Long text.",
      "published": "2024-01-02T03:04:05Z",
      "modified": "2024-02-03T04:05:06.789Z",
      "references": [{"type": "WEB", "url": "https://example.org/a"}, {"type": "FIX", "url": "https://example.org/b"}],
      "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"},
                   {"type": "CVSS_V4", "score": "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"}],
      "database_specific": {"severity": "MODERATE", "cwe_ids": ["CWE-79"]},
      "affected": [
        {
          "package": {"ecosystem": "PyPI", "name": "Foo_Bar"},
          "ranges": [
            {"type": "GIT", "repo": "https://example.org/repo", "events": [{"introduced": "0"}, {"fixed": "abc123"}]},
            {"type": "ECOSYSTEM", "events": [{"introduced": "1.0"}, {"fixed": "1.4.2"}, {"introduced": "2.0"}, {"last_affected": "2.1"}]},
            {"type": "SEMVER", "events": [{"introduced": "0"}, {"limit": "3.0.0"}]}
          ],
          "versions": ["1.0", "1.1"],
          "ecosystem_specific": {"severity": "LOW"}
        },
        {
          "package": {"ecosystem": "Debian:12", "name": "foo"},
          "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.2-1+deb12u1"}]}]
        },
        {
          "package": {"ecosystem": "Go", "name": "example.org/gitonly"},
          "ranges": [{"type": "GIT", "repo": "https://example.org/repo", "events": [{"introduced": "0"}]}]
        }
      ]
    }
    """#

func parse(_ text: String, importer: any AdvisoryImporter = OSVImporter()) throws -> ImportedRecords {
    let document = try JSONParser.parse(Array(text.utf8))
    #expect(importer.recognizes(document))
    return try importer.parse(document, file: "test.json")
}

@Test func osvRecordImportsEveryField() throws {
    let result = try parse(ghsaRecord)
    #expect(result.records == 1)
    #expect(result.skipped == 0)
    #expect(result.skippedRanges == 2)  // one GIT range kept alongside others, one GIT-only entry
    let imported = try #require(result.advisories.first)
    let advisory = imported.advisory
    #expect(advisory.id == "GHSA-xxxx-yyyy-zzzz")
    #expect(advisory.aliases == ["CVE-2024-0001"])
    #expect(advisory.title == "Example flaw")
    #expect(advisory.description == "Long text.")
    #expect(advisory.references == ["https://example.org/a", "https://example.org/b"])
    #expect(advisory.published.map(Timestamp.format) == "2024-01-02T03:04:05Z")
    #expect(advisory.modified.map(Timestamp.format) == "2024-02-03T04:05:06.789Z")
    #expect(advisory.withdrawn == nil)
    #expect(advisory.source == "osv")
    // database_specific.severity wins over the 9.8 CVSS score, rated by GHSA.
    #expect(advisory.severity == .medium)
    #expect(imported.severitySource == "ghsa")
    #expect(advisory.cvss.map(\.version) == [3, 4])
    #expect(advisory.cvss.first?.score == 9.8)
    #expect(advisory.cvss.last?.score == 9.3)

    #expect(result.affected.count == 2)
    let pypi = try #require(result.affected.first)
    #expect(pypi.namespace == "PyPI")
    #expect(pypi.packageName == "Foo_Bar")
    #expect(pypi.versions == ["1.0", "1.1"])
    #expect(pypi.severity == .low)
    #expect(
        pypi.ranges == [
            AffectedRange(
                kind: .ecosystem,
                events: [.introduced("1.0"), .fixed("1.4.2"), .introduced("2.0"), .lastAffected("2.1")]),
            AffectedRange(kind: .semver, events: [.introduced("0"), .limit("3.0.0")]),
        ])
    #expect(result.affected.last?.namespace == "Debian:12")
}

@Test func osvSeverityFallsBackToCVSS() throws {
    let record = #"""
        {"id": "PYSEC-2024-1", "modified": "2024-01-01T00:00:00Z", "affected": [],
         "severity": [{"type": "CVSS_V2", "score": "AV:N/AC:L/Au:N/C:C/I:C/A:C"},
                      {"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N"}]}
        """#
    let advisory = try #require(try parse(record).advisories.first)
    #expect(advisory.advisory.severity == .medium)  // v3 5.9 beats v2 10.0
    #expect(advisory.severitySource == "pypa")
}

@Test func osvWithdrawnRecordIsKeptWithItsDate() throws {
    let record = #"""
        {"id": "GO-2024-9", "modified": "2024-01-01T00:00:00Z", "withdrawn": "2024-03-01T00:00:00Z",
         "affected": [{"package": {"ecosystem": "Go", "name": "example.org/x"},
                       "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}]}]}]}
        """#
    let result = try parse(record)
    #expect(result.advisories.first?.advisory.withdrawn.map(Timestamp.format) == "2024-03-01T00:00:00Z")
    #expect(result.affected.count == 1)
}

@Test(arguments: [
    #"{"id": 5, "affected": []}"#,
    #"{"id": "X-1", "affected": "nope"}"#,
    #"{"id": "X-1", "affected": [{"package": {"ecosystem": "PyPI", "name": "a"}, "ranges": [{"type": "ECOSYSTEM", "events": [{"broken": "1"}]}]}]}"#,
    #"{"id": "X-1", "affected": [], "summary": 12}"#,
    #"{"id": "", "affected": []}"#,
])
func malformedOSVRecordIsSkippedWithAWarning(record: String) throws {
    let result = try parse(record)
    #expect(result.records == 0)
    #expect(result.skipped == 1)
    #expect(result.advisories.isEmpty)
    #expect(result.warnings.count == 1)
    #expect(result.warnings.first?.hasPrefix("test.json: skipped malformed OSV record") == true)
}

@Test func osvDetectionIsByContent() throws {
    let importer = OSVImporter()
    #expect(importer.recognizes(try JSONParser.parse(Array(#"{"schema_version": "1.0"}"#.utf8))))
    #expect(importer.recognizes(try JSONParser.parse(Array(#"{"id": "a", "affected": []}"#.utf8))))
    #expect(!importer.recognizes(try JSONParser.parse(Array(#"{"id": "a"}"#.utf8))))
    #expect(!importer.recognizes(try JSONParser.parse(Array(#"{"distroversion": "v3.10", "packages": []}"#.utf8))))
    #expect(!AlpineSecDBImporter().recognizes(try JSONParser.parse(Array(ghsaRecord.utf8))))
}

@Test func unreadableTimesAreDroppedWithAWarning() throws {
    let result = try parse(
        #"{"id": "X-1", "affected": [], "published": "last tuesday", "modified": "1-01-01T00:00:00.000000Z"}"#)
    #expect(result.records == 1)
    #expect(result.advisories.first?.advisory.published == nil)
    #expect(result.advisories.first?.advisory.modified == nil)
    #expect(result.warnings == [#"test.json: X-1: ignored `published` "last tuesday": not an RFC 3339 time"#])
}
