import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockVulnDB

/// Red Hat's CSAF VEX and RHSA documents (`../shared/advisories/redhat-csaf`), read by the importer.
@Suite(.enabled(if: VulnDBTestSupport.sharedAdvisoriesDirectory() != nil, "needs ../shared/advisories"))
struct RedHatCSAFImporterTests {
    static func records(_ relative: String) throws -> ImportedRecords {
        let root = try #require(VulnDBTestSupport.sharedAdvisoriesDirectory())
        let path = root + "/redhat-csaf/" + relative
        let bytes = try FeedFile(path: path, bytes: [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))).content()
        let document = try JSONParser.parse(bytes)
        let importer = RedHatCSAFImporter()
        #expect(importer.recognizes(document))
        #expect(!OSVImporter().recognizes(document))
        return try importer.parse(document, file: path)
    }

    static func row(
        _ records: ImportedRecords, _ namespace: String, _ name: String, module: String? = nil
    ) -> AffectedPackage? {
        records.affected.first {
            $0.namespace == namespace && $0.packageName == name && $0.module == module
        }
    }

    @Test("a VEX document: fixes per RHEL repository, the highest per stream, with their RHSAs")
    func fixesPerRepository() throws {
        let records = try Self.records("vex/2024/cve-2024-0727.json")
        let advisory = try #require(records.advisories.first)
        #expect(records.advisories.count == 1)
        #expect(advisory.advisory.id == "CVE-2024-0727")
        #expect(!advisory.isPlaceholder)
        #expect(advisory.advisory.title == "openssl: denial of service via null dereference")
        #expect(advisory.advisory.vendorSeverity["redhat"] == .low)
        #expect(advisory.advisory.cvss.first?.source == "redhat")
        #expect(advisory.advisory.cweIDs == ["CWE-476"])
        let openssl = try #require(Self.row(records, "Red Hat:enterprise_linux:9::appstream", "openssl"))
        #expect(openssl.fixedVersions == ["1:3.0.7-27.el9"])
        #expect(openssl.status == .fixed)
        #expect(openssl.vendorIDs == ["RHSA-2024:2447"])
        #expect(openssl.severity == .low)
        // Source packages of fixes are not rows; EUS streams and layered products are not imported.
        #expect(Self.row(records, "Red Hat:enterprise_linux:9::appstream", "openssl.src") == nil)
        #expect(!records.affected.contains { $0.namespace.contains("eus") })
        #expect(records.affected.allSatisfy { $0.namespace.hasPrefix("Red Hat:enterprise_linux:") })
    }

    @Test("unfixed states from the remediations: fix deferred, will not fix, out of support scope, not affected")
    func unfixedStates() throws {
        let records = try Self.records("vex/2024/cve-2024-0727.json")
        let rhel8 = "Red Hat:enterprise_linux:8"
        #expect(Self.row(records, rhel8, "openssl")?.status == .fixDeferred)
        #expect(
            Self.row(records, rhel8, "openssl")?.ranges == [AffectedRange(kind: .ecosystem, events: [.introduced("0")])]
        )
        #expect(Self.row(records, rhel8, "edk2-ovmf")?.status == .willNotFix)
        #expect(Self.row(records, "Red Hat:enterprise_linux:6", "openssl")?.status == .endOfLife)
        // A source package named only by its source: kept as NAME.src for lookups by SOURCERPM.
        #expect(Self.row(records, rhel8, "edk2.src")?.status == .willNotFix)
        let shim = try #require(Self.row(records, "Red Hat:enterprise_linux:9", "shim.src"))
        #expect(shim.status == .notAffected)
        #expect(shim.ranges.isEmpty && shim.versions.isEmpty)
    }

    @Test("module streams from the purls' rpmmod, for fixes and for unfixed entries")
    func moduleStreams() throws {
        let fixed = try Self.records("vex/2025/cve-2025-40907.json")
        let perl = try #require(
            Self.row(fixed, "Red Hat:enterprise_linux:8::appstream", "perl-FCGI", module: "perl-FCGI:0.78"))
        #expect(perl.fixedVersions.first?.hasPrefix("1:0.78-") == true)
        #expect(perl.fixedVersions.first?.contains(".module+el8") == true)
        // RHEL 10 names the minor release in its CPE.
        #expect(Self.row(fixed, "Red Hat:enterprise_linux:10.0", "perl-FCGI")?.fixedVersions == ["1:0.82-13.1.el10_0"])
        let golang = try Self.records("vex/2026/cve-2026-27142.json")
        let toolset = try #require(
            Self.row(golang, "Red Hat:enterprise_linux:8", "golang-bin", module: "go-toolset:rhel8"))
        #expect(toolset.status == .fixDeferred)
        #expect(Self.row(golang, "Red Hat:enterprise_linux:10", "golang")?.module == nil)
    }

    @Test("an RHSA: placeholders for its CVEs, the RHSA as the vendor ID of every fix")
    func advisoryDocument() throws {
        let records = try Self.records("advisories/2023/rhsa-2023_7025.json")
        #expect(
            records.advisories.map(\.advisory.id).sorted() == [
                "CVE-2021-33621", "CVE-2022-28739", "CVE-2023-28755", "CVE-2023-28756",
            ])
        #expect(records.advisories.allSatisfy { $0.isPlaceholder })
        let ruby = try #require(
            Self.row(records, "Red Hat:enterprise_linux:8::appstream", "ruby", module: "ruby:2.5"))
        #expect(ruby.advisoryID == "CVE-2021-33621")
        #expect(ruby.fixedVersions == ["2.5.9-111.module+el8.9.0+19193+435404ae"])
        #expect(ruby.vendorIDs == ["RHSA-2023:7025"])
        // A subpackage keeps its own version.
        let bigdecimal = Self.row(
            records, "Red Hat:enterprise_linux:8::appstream", "rubygem-bigdecimal", module: "ruby:2.5")
        #expect(bigdecimal?.fixedVersions == ["1.3.4-111.module+el8.9.0+19193+435404ae"])
    }

    @Test("the xz-compressed glibc document (23 MB inflated) imports")
    func compressedDocument() throws {
        let records = try Self.records("vex/2024/cve-2024-2961.json.xz")
        let glibc = try #require(Self.row(records, "Red Hat:enterprise_linux:9::baseos", "glibc"))
        #expect(glibc.status == .fixed)
        #expect(glibc.fixedVersions.first?.hasPrefix("2.34-") == true)
        #expect(Self.row(records, "Red Hat:enterprise_linux:7::server", "glibc")?.status == .fixed)
        // RHEL 6 names only the source package, out of support scope.
        #expect(Self.row(records, "Red Hat:enterprise_linux:6", "glibc.src")?.status == .endOfLife)
        #expect(records.advisories.first?.advisory.vendorSeverity["redhat"] == .high)
    }

    @Test(
        "platform CPEs to namespaces",
        arguments: [
            ("cpe:/o:redhat:enterprise_linux:9::baseos", "Red Hat:enterprise_linux:9::baseos"),
            ("cpe:/a:redhat:enterprise_linux:8::appstream", "Red Hat:enterprise_linux:8::appstream"),
            ("cpe:/o:redhat:enterprise_linux:9", "Red Hat:enterprise_linux:9"),
            ("cpe:/o:redhat:enterprise_linux:10.0", "Red Hat:enterprise_linux:10.0"),
            ("cpe:/o:redhat:enterprise_linux:7::server", "Red Hat:enterprise_linux:7::server"),
            ("cpe:/o:redhat:rhel_eus:9.2::baseos", nil),
            ("cpe:/a:redhat:enterprise_linux_ai:3", nil),
            ("cpe:/a:redhat:rhel_satellite_client:6::el8", nil),
            ("cpe:/o:suse:sles:15", nil),
        ] as [(String, String?)])
    func namespaces(cpe: String, expected: String?) {
        #expect(RedHatCSAFImporter.namespace(cpe: cpe) == expected)
    }

    @Test(
        "component names: purls and product IDs",
        arguments: [
            ("pkg:rpm/redhat/openssl@3.0.7-27.el9?arch=x86_64&epoch=1", "openssl", "1:3.0.7-27.el9", nil),
            (
                "pkg:rpm/redhat/ruby@2.5.9-111.module%2Bel8.9.0%2B19193%2B435404ae?arch=i686&rpmmod=ruby:2.5:8090020230627084142:b46abd14",
                "ruby", "2.5.9-111.module+el8.9.0+19193+435404ae", "ruby:2.5"
            ),
            ("pkg:rpm/redhat/golang?arch=src&rpmmod=go-toolset:rhel8", "golang", nil, "go-toolset:rhel8"),
            ("pkg:rpm/redhat/sudo@1.9.5p2-1.el8_6?arch=src", "sudo", "1.9.5p2-1.el8_6", nil),
        ] as [(String, String, String?, String?)])
    func purls(purl: String, name: String, evr: String?, module: String?) throws {
        let component = try #require(RPMComponent(purl: purl))
        #expect(component.name == name)
        #expect(component.evr == evr)
        #expect(component.module == module)
    }

    @Test(
        "product names as NEVRA",
        arguments: [
            ("openssl-1:3.0.7-27.el9.x86_64", "openssl", "1:3.0.7-27.el9", "x86_64", nil),
            (
                "perl-FCGI-1:0.78-12.module+el8.10.0+23147+20b7d289.src::perl-FCGI:0.78", "perl-FCGI",
                "1:0.78-12.module+el8.10.0+23147+20b7d289", "src", "perl-FCGI:0.78"
            ),
            ("golang-bin::go-toolset:rhel8", "golang-bin", nil, nil, "go-toolset:rhel8"),
            ("openssl.src", "openssl", nil, "src", nil),
            ("bind-9.9.4P2-0.6.1.i586", "bind", "9.9.4P2-0.6.1", "i586", nil),
            ("samba-4.19.2+git.322.7e9201cef5-1.1", "samba", "4.19.2+git.322.7e9201cef5-1.1", nil, nil),
            ("samba-ad-dc", "samba-ad-dc", nil, nil, nil),
            ("libsamba-util0-32bit", "libsamba-util0-32bit", nil, nil, nil),
            ("bind-32:9.8.2-0.68.rc1.el6_10.17.i686", "bind", "32:9.8.2-0.68.rc1.el6_10.17", "i686", nil),
        ] as [(String, String, String?, String?, String?)])
    func nevra(text: String, name: String, evr: String?, arch: String?, module: String?) throws {
        let component = try #require(RPMComponent(nevra: text))
        #expect(component.name == name)
        #expect(component.evr == evr)
        #expect(component.arch == arch)
        #expect(component.module == module)
    }
}
