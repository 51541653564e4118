import DrydockModel
import Testing

@testable import DrydockVulnDB

/// Imitates `v3.10/main.json` from secdb.alpinelinux.org, with the irregular ID strings the real files hold.
let secdbDocument = #"""
    {
      "distroversion": "v3.10",
      "reponame": "main",
      "archs": ["x86_64"],
      "packages": [
        {"pkg": {"name": "musl", "secfixes": {
            "1.1.22-r3": ["CVE-2019-14697"],
            "1.1.15-r4": ["CVE-2016-8859 (libc)"]}}},
        {"pkg": {"name": "xen", "secfixes": {
            "4.7.0-r0": ["CVE-2016-6258 XSA-182", "XSA-207"],
            "4.9.1-r3": ["CVE-2017-5753 CVE-2017-5715 XSA-254 XPTI"],
            "4.12.1-r0": ["CVE-????-?????  XSA-295"]}}},
        {"pkg": {"name": "openssl", "secfixes": {
            "1.1.1d-r0": ["CVE-2019-1547"],
            "1.1.1d-r2": ["CVE-2019-1547"],
            "0": ["CVE_2019-2426", "CVE 2018-16859"]}}},
        {"pkg": {"name": "heimdal", "secfixes": {"7.4.0-r0": null}}},
        {"pkg": {"name": "nothing-fixed"}},
        {"pkg": {"name": "junk", "secfixes": {"1.0-r0": ["see upstream"]}}}
      ]
    }
    """#

@Test func secdbEntriesBecomeRangesPerPackageAndID() throws {
    let result = try parse(secdbDocument, importer: AlpineSecDBImporter())
    // 10 ID strings, one of which holds no ID; one null list.
    #expect(result.records == 10)
    #expect(result.skipped == 2)
    #expect(result.warnings.count == 2)
    func affected(_ name: String, _ id: String) -> AffectedPackage? {
        result.affected.first { $0.packageName == name && $0.advisoryID == id }
    }
    let musl = try #require(affected("musl", "CVE-2019-14697"))
    #expect(musl.namespace == "Alpine:v3.10")
    #expect(musl.ranges == [AffectedRange(kind: .ecosystem, events: [.introduced("0"), .fixed("1.1.22-r3")])])
    #expect(affected("musl", "CVE-2016-8859")?.fixedVersions == ["1.1.15-r4"])
    // Several fixed versions for one ID and package: all kept.
    #expect(affected("openssl", "CVE-2019-1547")?.fixedVersions == ["1.1.1d-r0", "1.1.1d-r2"])
    // Fixed version 0 ("never affected") is kept as data; typo'd IDs are normalised.
    #expect(affected("openssl", "CVE-2019-2426")?.fixedVersions == ["0"])
    #expect(affected("openssl", "CVE-2018-16859")?.fixedVersions == ["0"])
    // Each CVE of a string is its own advisory; other IDs become aliases; no-CVE strings use their ID.
    #expect(affected("xen", "CVE-2017-5753") != nil)
    #expect(affected("xen", "CVE-2017-5715") != nil)
    #expect(affected("xen", "XSA-207")?.fixedVersions == ["4.7.0-r0"])
    #expect(affected("xen", "XSA-295")?.fixedVersions == ["4.12.1-r0"])
    let advisories = Dictionary(uniqueKeysWithValues: result.advisories.map { ($0.advisory.id, $0) })
    #expect(advisories["CVE-2016-6258"]?.advisory.aliases == ["XSA-182"])
    #expect(advisories["CVE-2017-5715"]?.advisory.aliases == ["XSA-254"])
    #expect(advisories["CVE-2019-14697"]?.isPlaceholder == true)
    #expect(advisories["CVE-2019-14697"]?.advisory.source == "alpine-secdb")
    #expect(advisories.count == 10)
}

@Test(arguments: [
    ("CVE-2019-14697", ["CVE-2019-14697"]),
    ("CVE-2019-1234 CVE-2019-5678", ["CVE-2019-1234", "CVE-2019-5678"]),
    ("CVE-2017-16808 (AoE)", ["CVE-2017-16808"]),
    ("CVE-2018-10103 (SMB - partially fixed, but SMB printing disabled)", ["CVE-2018-10103"]),
    ("CVE-2019-5060 TALOS-2019-0844", ["CVE-2019-5060", "TALOS-2019-0844"]),
    ("CVE-2018-12893  XSA-265", ["CVE-2018-12893", "XSA-265"]),
    ("CVE-2017-17434-1", ["CVE-2017-17434"]),
    ("CVE_2019-2426", ["CVE-2019-2426"]),
    ("CVE 2018-16859", ["CVE-2018-16859"]),
    ("CVE-2019-19451.patch", ["CVE-2019-19451"]),
    ("CVE-????-?????  XSA-295", ["XSA-295"]),
    ("wnpa-sec-2017-18", ["wnpa-sec-2017-18"]),
    ("CVE-2016-10134 ZBX-11023", ["CVE-2016-10134", "ZBX-11023"]),
    (
        "CVE-2017-5753 CVE-2017-5715 CVE-2017-5754 XSA-254 XPTI",
        ["CVE-2017-5753", "CVE-2017-5715", "CVE-2017-5754", "XSA-254"]
    ),
    ("see upstream", []),
])
func secfixIDStrings(text: String, expected: [String]) {
    #expect(AlpineSecfixIDs.parse(text) == expected)
}

@Test func secdbWithNullPackagesIsEmpty() throws {
    let result = try parse(
        #"{"distroversion": "v3.3", "reponame": "community", "packages": null}"#,
        importer: AlpineSecDBImporter())
    #expect(result.records == 0)
    #expect(result.affected.isEmpty)
}
