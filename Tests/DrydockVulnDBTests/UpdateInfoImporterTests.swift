import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockVulnDB

/// yum `updateinfo.xml`: Amazon's ALAS excerpts (`../shared/advisories/amazon-alas-excerpts`) and documents written
/// here after the schema (Fedora's, Amazon Linux 1's, other vendors').
@Suite struct UpdateInfoImporterTests {
    static func amazon(_ name: String) throws -> ImportedRecords {
        let root = try #require(VulnDBTestSupport.sharedAdvisoriesDirectory())
        let path = root + "/amazon-alas-excerpts/" + name
        let file = FeedFile(path: path, bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(file.compression == .gzip)
        #expect(UpdateInfoImporter().recognizes(head: try file.head()))
        #expect(!OVALImporter().recognizes(head: try file.head()))
        return try UpdateInfoImporter().parse(file)
    }

    static func row(_ records: ImportedRecords, _ id: String, _ name: String) -> AffectedPackage? {
        records.affected.first { $0.advisoryID == id && $0.packageName == name }
    }

    @Test(
        "each excerpt: the release from the ALAS ID, one row per binary package and CVE",
        .enabled(if: VulnDBTestSupport.sharedAdvisoriesDirectory() != nil, "needs ../shared/advisories"),
        arguments: [
            (
                "updateinfo_2.xml.gz", "Amazon Linux:2", "CVE-2017-5754", "kernel", "4.9.76-38.79.amzn2",
                "ALAS2-2018-939"
            ),
            (
                "updateinfo_2023.xml.gz", "Amazon Linux:2023", "CVE-2022-24903", "rsyslog", "8.2204.0-3.amzn2023.0.2",
                "ALAS2023-2023-001"
            ),
            (
                "updateinfo_2023_kernel-livepatch.xml.gz", "Amazon Linux:2023", "CVE-2023-26545",
                "kernel-livepatch-6.1.12-19.43", "1.0-1.amzn2023", "ALAS2023LIVEPATCH-2023-001"
            ),
            (
                "updateinfo_2_kernel-5.15.xml.gz", "Amazon Linux:2", "CVE-2022-30594", "kernel", "5.15.43-20.123.amzn2",
                "ALAS2KERNEL-5.15-2022-001"
            ),
        ] as [(String, String, String, String, String, String)])
    func excerpts(file: String, namespace: String, cve: String, package: String, fixed: String, alas: String) throws {
        let records = try Self.amazon(file)
        #expect(records.records == 1)
        let row = try #require(Self.row(records, cve, package))
        #expect(row.namespace == namespace)
        #expect(row.fixedVersions == [fixed])
        #expect(row.vendorIDs == [alas])
        #expect(row.status == .fixed)
        #expect(records.affected.allSatisfy { $0.namespace == namespace })
        let advisory = try #require(records.advisories.first { $0.advisory.id == cve })
        #expect(advisory.isPlaceholder)
        #expect(advisory.advisory.vendorSeverity["amazon"] != nil)
        #expect(advisory.advisory.published != nil)
    }

    @Test(
        "an Amazon Linux 2 extra starts at its version line; the description paragraph of each CVE",
        .enabled(if: VulnDBTestSupport.sharedAdvisoriesDirectory() != nil, "needs ../shared/advisories"))
    func extras() throws {
        let records = try Self.amazon("updateinfo_2_kernel-5.15.xml.gz")
        let kernel = try #require(Self.row(records, "CVE-2022-30594", "kernel"))
        #expect(kernel.ranges.first?.events.first == .introduced("5.15-0"))
        #expect(kernel.severity == .high)
        let core = try Self.amazon("updateinfo_2.xml.gz")
        #expect(Self.row(core, "CVE-2017-5754", "kernel")?.ranges.first?.events.first == .introduced("0"))
        let advisory = try #require(core.advisories.first { $0.advisory.id == "CVE-2017-5754" })
        #expect(advisory.advisory.description?.hasPrefix("An industry-wide issue was found") == true)
        #expect(advisory.advisory.vendorSeverity["amazon"] == .critical)
    }

    static let fedora = UpdateInfoFixtures.fedora

    @Test("Fedora: release from the collection or <release>, CVEs from bugzilla titles, module streams, epochs")
    func fedoraUpdates() throws {
        let records = try UpdateInfoImporter().parse(Array(Self.fedora.utf8), file: "updateinfo.xml")
        #expect(records.records == 2)
        let bind = try #require(Self.row(records, "CVE-2023-50387", "bind"))
        #expect(bind.namespace == "Fedora:40")
        #expect(bind.fixedVersions == ["32:9.18.26-1.fc40"])
        #expect(bind.vendorIDs == ["FEDORA-2024-3a5e8fb2c4"])
        #expect(bind.severity == .high)
        #expect(records.affected.filter { $0.packageName == "bind" }.count == 1, "the src package is no row")
        // An update naming no CVE is an advisory under its own ID.
        let nodejs = try #require(Self.row(records, "FEDORA-2023-f1a2b3c4d5", "nodejs"))
        #expect(nodejs.namespace == "Fedora:38")
        #expect(nodejs.module == "nodejs:18")
        #expect(records.advisories.contains { $0.advisory.id == "FEDORA-2023-f1a2b3c4d5" && !$0.isPlaceholder })
        #expect(!records.affected.contains { $0.packageName == "tzdata" }, "bugfix updates are not imported")
        #expect(records.warnings.contains { $0.contains("FEDORA") && $0.contains("skipped") })
    }

    @Test("Amazon Linux 1 and the date formats; other vendors skipped with a warning")
    func amazonLinuxOne() throws {
        let text = """
            <updates><update type="security" status="final"><id>ALAS-2018-1058</id>
            <issued date="1528826456"/><severity>medium</severity>
            <references><reference id="CVE-2018-1000301" type="cve" href="https://x"/></references>
            <pkglist><collection short="amzn-main"><package name="curl" version="7.53.1" release="16.86.amzn1"
              epoch="0" arch="x86_64"/></collection></pkglist></update>
            <update type="security"><id>RLSA-2024:1234</id></update></updates>
            """
        let records = try UpdateInfoImporter().parse(Array(text.utf8), file: "u.xml")
        let curl = try #require(Self.row(records, "CVE-2018-1000301", "curl"))
        #expect(curl.namespace == "Amazon Linux:1")
        #expect(curl.fixedVersions == ["7.53.1-16.86.amzn1"])
        #expect(records.advisories.first?.advisory.published == Date(timeIntervalSince1970: 1_528_826_456))
        #expect(
            records.warnings == [
                "u.xml: skipped security updates of vendors Drydock does not import from updateinfo: RLSA"
            ])
        #expect(UpdateInfoImporter.date("2018-01-11 21:05") == Timestamp.parse("2018-01-11T21:05:00Z"))
    }

    @Test("not well-formed XML fails with the position")
    func malformed() {
        let error = #expect(throws: VulnDBError.self) {
            try UpdateInfoImporter().parse(Array("<updates><update>".utf8), file: "cut.xml")
        }
        #expect(error?.location.hasPrefix("cut.xml:") == true)
    }

    @Test(
        "extras' version lines",
        arguments: [
            ("amazon-linux-2---kernel-5.15", "5.15"), ("amazon-linux-2---php8.2", "8.2"),
            ("amazon-linux-2---postgresql14", "14"), ("amazon-linux-2---docker", nil),
            ("amazon-linux-2023---kernel-livepatch", nil), ("amazon-linux-2", nil),
        ] as [(String, String?)])
    func versionLines(short: String, line: String?) throws {
        var update = UpdateInfoDocument.Update()
        update.id = "ALAS2-2024-1"
        let origin = try #require(UpdateOrigin(update))
        #expect(origin.lowerBound(collection: short) == line)
    }
}
