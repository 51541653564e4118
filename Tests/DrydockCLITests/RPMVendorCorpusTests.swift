import DrydockTestSupport
import Foundation
import Testing

/// Issue 24's accuracy tests for the RPM vendor feeds: images written by the test (os-release and an
/// `rpmdb.sqlite` of real package names and versions taken from the vendor files), scanned end to end against
/// a DB that `drydock db build` made from the real files in `../shared/advisories`, compared with
/// `scripts/oracles/rpm_vendor_expected.py` (python3-rpm, `rpm.labelCompare`, OVAL evaluated over the
/// installed packages) — zero missing, zero extra.
@Suite("RPM vendor feeds against an independent oracle", .enabled(if: PackagePaths.hasShared))
struct RPMVendorCorpusTests {
    typealias RPM = DistroFixtures.RPM

    func check(
        id: String, version: String, packages: [RPM], sources: [String], oracle: [String], namespace: String,
        feed: String
    ) throws -> [String] {
        let image = try VendorCorpus.image(
            id: id, version: version,
            files: ["var/lib/rpm/rpmdb.sqlite": .bytes(try RPMDatabaseFixture.sqlite(packages))])
        let (report, lines) = try VendorCorpus.scan(image, sources: sources)
        let expected = try VendorCorpus.oracle("rpm_vendor_expected.py", [image.path] + oracle)
        #expect(lines == expected)
        let os = VendorCorpus.coverage(report)
        #expect(os["State"] as? String == "covered")
        #expect(os["Namespace"] as? String == namespace)
        #expect((os["Feeds"] as? [String] ?? []).contains(feed), "\(os)")
        return lines
    }

    @Test("Azure Linux 3.0: Microsoft's OVAL by source package, damaged states repaired")
    func azureLinux() throws {
        let packages: [RPM] = [
            .init("curl-libs", version: "8.8.0", release: "2.azl3", source: "curl"),
            .init("curl", version: "8.8.0", release: "2.azl3"),
            .init("openssh-clients", version: "9.8p1", release: "1.azl3", source: "openssh"),
            .init("golang", version: "1.20.7", release: "1.azl3"),
            .init("httpd", version: "2.4.61", release: "1.azl3"),
            .init("openssl-libs", version: "3.3.0", release: "1.azl3", source: "openssl"),
            .init("python3", version: "3.12.3", release: "3.azl3"),
            .init("zlib", version: "1.3.1", release: "1.azl3"),
            .init("expat", version: "2.6.2", release: "1.azl3"),
            .init("azurelinux-release", version: "3.0", release: "20.azl3", arch: "noarch"),
        ]
        let file = VendorCorpus.advisories("azurelinux-oval/azurelinux-3.0-oval.xml")
        let lines = try check(
            id: "azurelinux", version: "3.0", packages: packages, sources: [file], oracle: ["--oval", file],
            namespace: "Azure Linux:3.0", feed: "Azure Linux OVAL")
        #expect(lines.count >= 15, "the image should be vulnerable: \(lines)")
        #expect(lines.contains { $0.hasPrefix("curl-libs 8.8.0-2.azl3 ") }, "a binary matched by its source name")
        #expect(!lines.contains { $0.hasPrefix("zlib ") }, "zlib 1.3.1-1 is the fix")
    }

    @Test("CBL-Mariner 2.0: `less than or equal` is affected with no fix")
    func mariner() throws {
        let packages: [RPM] = [
            .init("syslinux", version: "6.04", release: "10.cm2"),
            .init("glibc", version: "2.35", release: "5.cm2"),
            .init("nghttp2", version: "1.46.0", release: "3.cm2"),
            .init("openssh", version: "8.9p1", release: "3.cm2"),
            .init("python3", version: "3.9.14", release: "8.cm2"),
            .init("curl", version: "8.2.1", release: "1.cm2"),
            .init("sqlite-libs", version: "3.39.2", release: "1.cm2", source: "sqlite"),
            .init("kernel", version: "5.15.112.1", release: "1.cm2"),
        ]
        let file = VendorCorpus.advisories("azurelinux-oval/cbl-mariner-2.0-oval.xml")
        let lines = try check(
            id: "mariner", version: "2.0.20240117", packages: packages, sources: [file], oracle: ["--oval", file],
            namespace: "Mariner:2.0", feed: "CBL-Mariner OVAL")
        #expect(lines.contains { $0.hasPrefix("syslinux 6.04-10.cm2 CVE-2022-3857 - affected") })
        #expect(lines.count >= 20, "the image should be vulnerable: \(lines)")
    }

    @Test("Oracle Linux 8 and 5: ELSA OVAL criteria read by the schema (release, module stream, epoch)")
    func oracle() throws {
        let file = VendorCorpus.advisories("oracle-oval-excerpt/com.oracle.elsa-all.xml.bz2")
        let eight: [RPM] = [
            .init("oraclelinux-release", version: "8.7", release: "1.0.1.el8"),
            .init(
                "hivex", version: "1.3.18", release: "20.module+el8.7.0+20903+3b6d1d2a",
                modularityLabel: "virt:kvm_utils:8070020230202124432:c7a7f9a7"),
            .init("bind", epoch: 32, version: "9.11.36", release: "8.el8"),
        ]
        let lines8 = try check(
            id: "ol", version: "8.7", packages: eight, sources: [file], oracle: ["--oval", file],
            namespace: "Oracle Linux:8", feed: "Oracle Linux ELSA OVAL")
        #expect(lines8.contains { $0.hasPrefix("hivex 1.3.18-20.module+el8.7.0+20903+3b6d1d2a CVE-2022-4144 ") })
        let five: [RPM] = [
            .init("oraclelinux-release", version: "5.11", release: "1.el5"),
            .init("bind", epoch: 30, version: "9.3.3", release: "7.el5"),
            .init("bind-libs", epoch: 30, version: "9.3.3", release: "7.el5", source: "bind"),
            .init("bind-utils", epoch: 30, version: "9.3.3", release: "8.el5", source: "bind"),
        ]
        let lines5 = try check(
            id: "ol", version: "5.11", packages: five, sources: [file], oracle: ["--oval", file],
            namespace: "Oracle Linux:5", feed: "Oracle Linux ELSA OVAL")
        #expect(lines5.contains("bind 30:9.3.3-7.el5 CVE-2007-0493 30:9.3.3-8.el5 fixed"))
        #expect(!lines5.contains { $0.hasPrefix("bind-utils ") }, "bind-utils is at the fix")
    }

    @Test("Photon OS 3.0 OVAL and Photon OS 5.0 CVE metadata")
    func photon() throws {
        let oval = VendorCorpus.advisories("photon/oval/com.vmware.phsa-photon3.xml")
        let three: [RPM] = [
            .init("photon-release", version: "3.0", release: "4.ph3", arch: "noarch"),
            .init("sqlite-libs", version: "3.27.2", release: "2.ph3", source: "sqlite"),
            .init("curl", version: "7.61.1", release: "3.ph3"),
            .init("curl-libs", version: "7.61.1", release: "3.ph3", source: "curl"),
            .init("openssl", version: "1.0.2t", release: "1.ph3"),
            .init("python3", version: "3.7.3", release: "2.ph3"),
            .init("systemd", version: "239", release: "12.ph3"),
            .init("bash", version: "4.4.18", release: "2.ph3"),
        ]
        let lines3 = try check(
            id: "photon", version: "3.0", packages: three, sources: [oval], oracle: ["--oval", oval],
            namespace: "Photon OS:3.0", feed: "Photon OS OVAL")
        #expect(lines3.count >= 10, "\(lines3)")
        #expect(!lines3.contains { $0.hasPrefix("bash ") }, "bash 4.4.18-2 is the fix")

        let json = VendorCorpus.advisories("photon/cve-metadata-canonicalized/5.0.json")
        let five: [RPM] = [
            .init("curl-libs", version: "8.7.1", release: "1.ph5", source: "curl"),
            .init("openssl-libs", version: "3.0.9", release: "2.ph5", source: "openssl"),
            .init("sqlite-libs", version: "3.40.1", release: "2.ph5", source: "sqlite"),
            .init("expat-libs", version: "2.6.0", release: "3.ph5", source: "expat"),
            .init("python3-libs", version: "3.11.9", release: "4.ph5", source: "python3"),
            .init("ansible", version: "2.14.12", release: "2.ph5"),
            .init("zlib", version: "1.2.13", release: "1.ph5"),
        ]
        let lines5 = try check(
            id: "photon", version: "5.0", packages: five, sources: [json], oracle: ["--photon-json", json],
            namespace: "Photon OS:5.0", feed: "Photon CVE metadata")
        #expect(lines5.count >= 20, "\(lines5)")
        #expect(!lines5.contains { $0.hasPrefix("ansible ") }, "ansible 2.14.12-2 is the newest fix")
    }

    @Test("Rocky Linux 8 and 9 from Rocky's OSV records (source names, module streams)")
    func rocky() throws {
        let folder = VendorCorpus.advisories("rocky-osv")
        let eight: [RPM] = [
            .init(
                "java-11-openjdk-headless", epoch: 1, version: "11.0.12.0.7", release: "0.el8_4",
                source: "java-11-openjdk"),
            .init("java-11-openjdk", epoch: 1, version: "11.0.13.0.8", release: "1.el8_4"),
        ]
        let lines8 = try check(
            id: "rocky", version: "8.4", packages: eight, sources: [folder], oracle: ["--osv", folder],
            namespace: "Rocky Linux:8", feed: "OSV")
        #expect(lines8 == ["java-11-openjdk-headless 1:11.0.12.0.7-0.el8_4 RLSA-2021:3891 1:11.0.13.0.8-1.el8_4 fixed"])
        let nine: [RPM] = [
            .init(
                "ruby-libs", version: "3.3.0", release: "1.module+el9.4.0+20000+aaaaaaaa", source: "ruby",
                modularityLabel: "ruby:3.3:9040020240500000000:9"),
            .init(
                "rubygem-pg", version: "1.5.4", release: "1.module+el9.4.0+20787+4c237fd3",
                modularityLabel: "ruby:3.3:9040020240500000000:9"),
            .init("ruby", version: "3.0.4", release: "161.el9"),
        ]
        let lines9 = try check(
            id: "rocky", version: "9.4", packages: nine, sources: [folder], oracle: ["--osv", folder],
            namespace: "Rocky Linux:9", feed: "OSV")
        #expect(lines9.contains { $0.hasPrefix("ruby-libs 3.3.0-1.module+el9.4.0+20000+aaaaaaaa RLSA-2024:3671 ") })
        #expect(!lines9.contains { $0.hasPrefix("ruby 3.0.4") }, "a plain build never takes a module fix")
    }
}
