import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockVulnDB

/// SUSE's CSAF, CSAF VEX and CVRF 1.2 documents (`../shared/advisories/suse`), read by the importers.
@Suite(.enabled(if: VulnDBTestSupport.sharedAdvisoriesDirectory() != nil, "needs ../shared/advisories"))
struct SUSEImporterTests {
    static func bytes(_ relative: String) throws -> [UInt8] {
        let root = try #require(VulnDBTestSupport.sharedAdvisoriesDirectory())
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/suse/" + relative)))
    }

    static func csaf(_ relative: String) throws -> ImportedRecords {
        let document = try JSONParser.parse(try bytes(relative))
        let importer = SUSECSAFImporter()
        #expect(importer.recognizes(document))
        #expect(!RedHatCSAFImporter().recognizes(document))
        return try importer.parse(document, file: relative)
    }

    static func row(_ records: ImportedRecords, _ id: String, _ namespace: String, _ name: String) -> AffectedPackage? {
        records.affected.first {
            $0.advisoryID == id && $0.namespace == namespace && $0.packageName == name
        }
    }

    @Test("a CSAF advisory: SUSE's `recommended` packages are fixes, the advisory ID their vendor ID")
    func advisory() throws {
        let records = try Self.csaf("csaf/suse-su-2015_0011-2.json")
        #expect(records.records == 7)
        let bind = try #require(
            Self.row(records, "CVE-2012-1667", "SUSE:Linux Enterprise Server 11 SP2-LTSS", "bind"))
        #expect(bind.fixedVersions == ["9.9.4P2-0.6.1"])
        #expect(bind.vendorIDs == ["SUSE-SU-2015:0011-2"])
        #expect(bind.severity == .high)
        // A subpackage built with its own version.
        #expect(
            Self.row(records, "CVE-2012-1667", "SUSE:Linux Enterprise Server 11 SP2", "bind-devel")?.fixedVersions
                == ["9.9.6P1-0.5.5"])
        // SLES for SAP is not a product an image is detected as.
        #expect(!records.affected.contains { $0.namespace.contains("SAP") })
        #expect(records.advisories.allSatisfy { $0.isPlaceholder })
        #expect(records.advisories.first?.advisory.vendorSeverity["suse-cvrf"] == .high)
    }

    @Test("a CSAF VEX document: fixes on SLE Micro and Tumbleweed, not-affected packages kept as such")
    func vex() throws {
        let records = try Self.csaf("csaf-vex/cve-2023-5568.json")
        let advisory = try #require(records.advisories.first)
        #expect(!advisory.isPlaceholder)
        #expect(advisory.advisory.id == "CVE-2023-5568")
        #expect(advisory.advisory.description?.hasPrefix("A heap-based Buffer Overflow") == true)
        let tumbleweed = try #require(Self.row(records, "CVE-2023-5568", "openSUSE:Tumbleweed", "samba"))
        #expect(tumbleweed.fixedVersions == ["4.19.2+git.322.7e9201cef5-1.1"])
        #expect(tumbleweed.vendorIDs.isEmpty)
        let micro = try #require(
            Self.row(records, "CVE-2023-5568", "SUSE:Linux Enterprise Micro 6.0", "samba-client-libs"))
        #expect(micro.fixedVersions == ["4.19.4+git.339.acf1ccaa02-1.22"])
        let notAffected = records.affected.filter { $0.status == .notAffected }
        #expect(!notAffected.isEmpty)
        #expect(notAffected.allSatisfy { $0.ranges.isEmpty })
        #expect(
            Self.row(records, "CVE-2023-5568", "SUSE:Linux Enterprise Module for Basesystem 15 SP5", "samba")?.status
                == .notAffected)
    }

    @Test("a VEX document with a header only imports nothing and fails nothing")
    func emptyVEX() throws {
        let records = try Self.csaf("csaf-vex/cve-1999-0003.json")
        #expect(records.affected.isEmpty)
        #expect(records.records == 0)
    }

    @Test("CVRF gives the same rows as CSAF for the same advisory")
    func cvrfMatchesCSAF() throws {
        let importer = SUSECVRFImporter()
        let bytes = try Self.bytes("cvrf/cvrf-suse-su-2015-0011-2.xml")
        #expect(XMLRootElement.name(bytes) == "cvrfdoc")
        #expect(importer.recognizes(head: Array(bytes.prefix(FeedFile.headLength))))
        #expect(!UpdateInfoImporter().recognizes(head: Array(bytes.prefix(FeedFile.headLength))))
        let cvrf = try importer.parse(bytes, file: "cvrf-suse-su-2015-0011-2.xml")
        let csaf = try Self.csaf("csaf/suse-su-2015_0011-2.json")
        func keyed(_ records: ImportedRecords) -> Set<String> {
            Set(
                records.affected.map {
                    "\($0.advisoryID) \($0.namespace) \($0.packageName) \($0.fixedVersions)"
                })
        }
        #expect(cvrf.records == 7)
        #expect(keyed(cvrf) == keyed(csaf))
        #expect(cvrf.advisories.first?.advisory.cvss.first?.version == 2)
        let big = try importer.parse(try Self.bytes("cvrf/cvrf-suse-su-403.xml"), file: "cvrf-suse-su-403.xml")
        #expect(big.records == 54)
        #expect(keyed(big) == keyed(try Self.csaf("csaf/suse-su-403.json")))
    }

    @Test("damaged CVRF fails with the file and position")
    func damagedCVRF() throws {
        let bytes = try Self.bytes("cvrf/cvrf-suse-su-2015-0011-2.xml")
        let cut = Array(bytes.prefix(bytes.count / 2))
        let error = #expect(throws: VulnDBError.self) { try SUSECVRFImporter().parse(cut, file: "cut.xml") }
        #expect(error?.location.hasPrefix("cut.xml:") == true)
        #expect(error?.reason.contains("not well-formed") == true)
    }

    @Test(
        "product names to namespaces",
        arguments: [
            ("SUSE Linux Enterprise Server 15 SP5", "SUSE:Linux Enterprise Server 15 SP5"),
            ("SUSE Linux Enterprise Server 12 SP5-LTSS", "SUSE:Linux Enterprise Server 12 SP5-LTSS"),
            (
                "SUSE Linux Enterprise Module for Basesystem 15 SP5",
                "SUSE:Linux Enterprise Module for Basesystem 15 SP5"
            ),
            ("SUSE Linux Enterprise Micro 5.5", "SUSE:Linux Enterprise Micro 5.5"),
            ("SUSE Linux Micro 6.0", "SUSE:Linux Micro 6.0"),
            ("openSUSE Leap 15.5", "openSUSE:Leap 15.5"),
            ("openSUSE Tumbleweed", "openSUSE:Tumbleweed"),
            ("SUSE Linux Enterprise Server for SAP Applications 15 SP5", nil),
            ("SUSE Linux Enterprise Desktop 15 SP5", nil),
            ("openSUSE Leap Micro 5.5", nil),
            ("SUSE Manager Server 4.3", nil),
        ] as [(String, String?)])
    func namespaces(name: String, expected: String?) {
        #expect(SUSECSAFImporter.namespace(productName: name) == expected)
    }
}
