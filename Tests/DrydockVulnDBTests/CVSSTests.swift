import DrydockModel
import Testing

@testable import DrydockVulnDB

/// Vectors with the base scores NVD publishes for them.
@Test(arguments: [
    // CVE-2021-44228 (Log4Shell)
    ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0),
    ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8),
    ("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 8.8),
    ("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8),
    // CVE-2014-0160 (Heartbleed), as rated under v3.1
    ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5),
    ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5),
    ("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4),
    ("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1),
    ("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", 5.9),
    // CVE-2017-5753 (Spectre v1)
    ("CVSS:3.0/AV:L/AC:H/PR:L/UI:N/S:C/C:H/I:N/A:N", 5.6),
    ("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:N", 5.4),
    ("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", 1.6),
    ("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0),
    // v2: CVE-2014-6271 (Shellshock), CVE-2014-0160 (Heartbleed) and common NVD shapes
    ("AV:N/AC:L/Au:N/C:C/I:C/A:C", 10.0),
    ("AV:N/AC:L/Au:N/C:P/I:N/A:N", 5.0),
    ("AV:N/AC:M/Au:N/C:N/I:P/A:N", 4.3),
    ("AV:L/AC:L/Au:N/C:C/I:C/A:C", 7.2),
    ("AV:N/AC:L/Au:N/C:P/I:P/A:P", 7.5),
    ("AV:N/AC:M/Au:N/C:P/I:P/A:P", 6.8),
    ("(AV:N/AC:L/Au:S/C:P/I:N/A:N)", 4.0),
])
func publishedBaseScores(vector: String, expected: Double) throws {
    let parsed = try #require(CVSSVector(vector))
    #expect(parsed.baseScore == expected)
}

@Test func versionsAreRecognised() throws {
    #expect(try #require(CVSSVector("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")).version == .v3_0)
    #expect(try #require(CVSSVector("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")).version.major == 3)
    #expect(try #require(CVSSVector("AV:N/AC:L/Au:N/C:C/I:C/A:C")).version == .v2)
    let v4 = try #require(CVSSVector("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"))
    #expect(v4.version.major == 4)
    #expect(v4.version == .v4_0)
}

/// CVSS v4.0 vectors with the scores FIRST's reference calculator gives (base, threat and
/// environmental metrics; scores checked while developing against 60,000 random vectors).
@Test(arguments: [
    ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3),
    ("CVSS:4.0/AV:L/AC:L/AT:P/PR:H/UI:A/VC:L/VI:L/VA:H/SC:H/SI:H/SA:L", 6.0),
    ("CVSS:4.0/AV:P/AC:L/AT:N/PR:L/UI:P/VC:L/VI:L/VA:L/SC:L/SI:H/SA:H", 4.5),
    ("CVSS:4.0/AV:L/AC:H/AT:N/PR:L/UI:P/VC:N/VI:N/VA:N/SC:N/SI:H/SA:H", 2.1),
    ("CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:A/VC:L/VI:L/VA:L/SC:N/SI:N/SA:L", 2.1),
    ("CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:P/VC:L/VI:N/VA:N/SC:N/SI:N/SA:L", 5.1),
    ("CVSS:4.0/AV:L/AC:L/AT:P/PR:N/UI:P/VC:L/VI:H/VA:H/SC:N/SI:H/SA:L", 7.0),
    ("CVSS:4.0/AV:N/AC:H/AT:N/PR:L/UI:A/VC:L/VI:L/VA:N/SC:H/SI:L/SA:H", 5.0),
    ("CVSS:4.0/AV:L/AC:H/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", 0.0),
    // 8.6 - 0.05 is 8.549999999999999 in binary floating point: must still round to 8.6.
    ("CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:N/VA:L/SC:H/SI:H/SA:H/MSI:H", 8.6),
    ("CVSS:4.0/AV:N/AC:H/AT:N/PR:L/UI:A/VC:H/VI:N/VA:H/SC:L/SI:H/SA:H/CR:H/MVI:L/MVA:H/MSI:N/MSA:H", 7.0),
    ("CVSS:4.0/AV:L/AC:H/AT:P/PR:N/UI:N/VC:H/VI:L/VA:H/SC:L/SI:N/SA:L/MPR:N/MVC:N/MSA:S", 8.5),
    ("CVSS:4.0/AV:P/AC:H/AT:P/PR:N/UI:N/VC:N/VI:L/VA:H/SC:H/SI:L/SA:L/E:U/CR:L/MAC:L/MUI:A/MVI:L", 1.5),
    ("CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:P/VC:L/VI:L/VA:N/SC:N/SI:L/SA:H/E:P/MAC:H/MSA:N", 1.2),
    ("CVSS:4.0/AV:A/AC:L/AT:P/PR:L/UI:A/VC:H/VI:N/VA:L/SC:L/SI:L/SA:H/E:U/MAC:H/MVA:H", 1.7),
    ("CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:A/VC:N/VI:N/VA:H/SC:H/SI:N/SA:N/MVC:L", 8.1),
])
func cvss4Scores(vector: String, expected: Double) throws {
    let parsed = try #require(CVSSVector(vector))
    #expect(parsed.baseScore == expected)
}

@Test(arguments: [
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H",  // A missing
    "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",  // bad value
    "CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",  // repeated metric
    "CVSS:9.9/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",  // unknown version
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N",  // SA missing
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:Q",  // bad threat value
    "AV:N/AC:L/Au:N/C:C/I:C",
    "",
])
func invalidVectorsAreRejected(vector: String) {
    #expect(CVSSVector(vector) == nil)
}

@Test func temporalMetricsDoNotChangeTheBaseScore() throws {
    let parsed = try #require(CVSSVector("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C"))
    #expect(parsed.baseScore == 9.8)
}

@Test func roundupRulesDifferBetween30And31() {
    // CVSS v3.1 Appendix A: 4.000 000 000 000 02 must round up to 4.0, not 4.1.
    #expect(CVSSv3.round(4.000_000_000_000_02, .v3_1) == 4.0)
    #expect(CVSSv3.round(4.000_000_000_000_02, .v3_0) == 4.1)
    #expect(CVSSv3.round(4.02, .v3_1) == 4.1)
    #expect(CVSSv3.round(4.0, .v3_1) == 4.0)
}

@Test func severityPrecedence() {
    let v3 = CVSSScore(version: 3, vector: "v3", score: 9.8, source: "nvd")
    let v2 = CVSSScore(version: 2, vector: "v2", score: 9.3, source: "nvd")
    // The record's own rating wins, attributed to ghsa when an ID is a GHSA.
    let own = SeverityResolver.resolve(
        recordSeverity: "MODERATE", ids: ["PYSEC-1", "GHSA-aaaa"], feed: "pypa", cvss: [v3], packageSeverities: [])
    #expect(own.0 == .medium)
    #expect(own.1 == "ghsa")
    let ownFeed = SeverityResolver.resolve(
        recordSeverity: "high", ids: ["GO-1"], feed: "go", cvss: [], packageSeverities: [])
    #expect(ownFeed.0 == .high)
    #expect(ownFeed.1 == "go")
    // Else CVSS v3/v4, before v2.
    let cvss = SeverityResolver.resolve(
        recordSeverity: nil, ids: ["X"], feed: "osv", cvss: [v2, v3], packageSeverities: [])
    #expect(cvss.0 == .critical)
    // v2 alone maps by NVD's v2 scale: 9.3 is HIGH, not CRITICAL.
    let onlyV2 = SeverityResolver.resolve(
        recordSeverity: nil, ids: ["X"], feed: "osv", cvss: [v2], packageSeverities: [])
    #expect(onlyV2.0 == .high)
    // Then per-package severities, then nothing.
    let perPackage = SeverityResolver.resolve(
        recordSeverity: nil, ids: ["X"], feed: "osv", cvss: [], packageSeverities: [.low, .high])
    #expect(perPackage.0 == .high)
    let none = SeverityResolver.resolve(recordSeverity: nil, ids: ["X"], feed: "osv", cvss: [], packageSeverities: [])
    #expect(none.0 == nil)
    #expect(none.1 == nil)
}
