import DrydockTestSupport
import Foundation
import Testing

/// Issue 24, Red Hat family: UBI 9, UBI 8 (module streams) and CentOS 7 images whose RPM databases Debian's `rpm`
/// writes, scanned by the `drydock` binary against a DB that `drydock db build` made from the real Red Hat CSAF VEX
/// and RHSA documents in `../shared/advisories/redhat-csaf`, and checked against `scripts/oracles/redhat_expected.py`
/// (python3-rpm, `rpm.labelCompare`, Python's json and lzma; no Drydock code): zero missing, zero extra.
///
/// Package names and versions come from the vendor data (fixes of other streams and CVEs), except for packages the
/// documents name only as unfixed or not affected, which carry no version: those have the version the UBI or CentOS
/// image of that time shipped (marked "no version in the data").
@Suite("Red Hat CSAF VEX against an independent oracle", .enabled(if: PackagePaths.hasShared))
struct RedHatCorpusTests {
    typealias RPM = DistroFixtures.RPM

    static let ubi9: [RPM] = [
        .init("curl", version: "7.76.1", release: "14.el9_0.9"),
        .init("curl-minimal", version: "7.76.1", release: "23.el9_2.4", source: "curl"),
        .init("libcurl-minimal", version: "7.76.1", release: "26.el9_3.2", source: "curl"),
        .init("glibc", version: "2.34", release: "60.el9_2.14"),
        .init("glibc-common", version: "2.34", release: "60.el9_2.14", source: "glibc"),
        .init("glibc-minimal-langpack", version: "2.34", release: "100.el9_4.2", source: "glibc"),
        .init("gnutls", version: "3.7.6", release: "23.el9_3.4"),
        .init("expat", version: "2.5.0", release: "2.el9_4.2"),
        .init("openssl", epoch: 1, version: "3.0.7", release: "27.el9"),
        .init("openssl-libs", epoch: 1, version: "3.0.7", release: "27.el9", source: "openssl"),
        .init("openssl-fips-provider", version: "3.0.7", release: "2.el9"),
        .init("libtiff", version: "4.4.0", release: "12.el9"),
        .init("sudo", version: "1.9.5p2", release: "7.el9_0.4"),
        .init("perl-FCGI", epoch: 1, version: "0.79", release: "8.el9_2.1", arch: "x86_64"),
        // No version in the data (unfixed only): UBI 9.3's.
        .init("python3", version: "3.9.18", release: "1.el9_3", source: "python3.9"),
        .init("python3-libs", version: "3.9.18", release: "1.el9_3", source: "python3.9"),
        .init("libssh", version: "0.10.4", release: "11.el9"),
        .init("tzdata", version: "2023c", release: "1.el9", arch: "noarch"),
    ]

    static let ubi8: [RPM] = [
        .init(
            "perl-FCGI", epoch: 1, version: "0.78", release: "11.module+el8.8.0+23188+11a20ed6.1",
            modularityLabel: "perl-FCGI:0.78:8080020250603232512:bef19048"),
        .init(
            "ruby", version: "2.5.9", release: "111.module+el8.9.0+19193+435404ae",
            modularityLabel: "ruby:2.5:8090020230627084142:b46abd14"),
        .init(
            "rubygem-json", version: "2.1.0", release: "111.module+el8.9.0+19193+435404ae", source: "ruby",
            modularityLabel: "ruby:2.5:8090020230627084142:b46abd14"),
        .init("gnutls", version: "3.6.16", release: "5.el8_6.4"),
        .init("glibc", version: "2.28", release: "225.el8_8.11"),
        .init("expat", version: "2.2.5", release: "16.el8_10"),
        .init("sudo", version: "1.9.5p2", release: "1.el8_9"),
        // No version in the data (unfixed or not affected only): UBI 8.9's.
        .init("openssl-libs", epoch: 1, version: "1.1.1k", release: "12.el8_9", source: "openssl"),
        .init("platform-python", version: "3.6.8", release: "56.el8_9", source: "python3"),
        .init("python3-libs", version: "3.6.8", release: "56.el8_9", source: "python3"),
        .init(
            "golang-bin", version: "1.21.7", release: "1.module+el8.10.0+21318+5ea197f8", source: "golang",
            modularityLabel: "go-toolset:rhel8:8100020240215083546:a6d3a7d1"),
        .init("curl", version: "7.61.1", release: "34.el8"),
        .init("libssh", version: "0.9.6", release: "13.el8_9"),
    ]

    static let centos7: [RPM] = [
        .init("glibc", version: "2.17", release: "317.el7"),
        .init("glibc-common", version: "2.17", release: "317.el7", source: "glibc"),
        // No version in the data: CentOS 7.9.2009's.
        .init("openssl-libs", epoch: 1, version: "1.0.2k", release: "19.el7", source: "openssl"),
        .init("expat", version: "2.1.0", release: "12.el7"),
        .init("gnutls", version: "3.3.29", release: "9.el7_6"),
        .init("python-libs", version: "2.7.5", release: "90.el7", source: "python"),
        .init("perl-FCGI", epoch: 1, version: "0.74", release: "8.el7"),
        .init("curl", version: "7.29.0", release: "59.el7_9.1"),
        .init("libssh2", version: "1.8.0", release: "4.el7"),
        .init("bash", version: "4.2.46", release: "34.el7"),
    ]

    static var advisories: String { (PackagePaths.shared ?? PackagePaths.root).path + "/advisories/redhat-csaf" }

    static func image(id: String, version: String, packages: [RPM]) throws -> URL {
        try ImageFixtures.dockerArchive(
            layers: [
                [
                    "etc/os-release": .file(DistroFixtures.osRelease(id: id, versionID: version)),
                    "var/lib/rpm/rpmdb.sqlite": .bytes(try RPMDatabaseFixture.sqlite(packages)),
                ]
            ], repoTags: ["example/\(id):\(version)"])
    }

    /// The oracle's lines for `image`; fails, never skips, when it cannot run.
    static func oracle(_ image: URL) throws -> [String] {
        let script = PackagePaths.root.appendingPathComponent("scripts/oracles/redhat_expected.py").path
        let result = try ProcessRunner.run("/usr/bin/python3", [script, image.path, advisories])
        guard result.status == 0 else {
            throw CLI.ProcessFailure(description: "oracle failed (scripts/install-test-deps): \(result.stderr)")
        }
        return result.output.split(separator: "\n").map(String.init)
    }

    /// Drydock's findings as the oracle prints them: `NAME VERSION CVE STATUS SEVERITY FIXED`.
    static func lines(_ report: [String: Any]) -> [String] {
        let results = report["Results"] as? [[String: Any]] ?? []
        return results.flatMap { result in
            (result["Vulnerabilities"] as? [[String: Any]] ?? []).map { vulnerability in
                let fixed = (vulnerability["FixedVersion"] as? String)?.replacingOccurrences(of: ", ", with: ",")
                return [
                    "PkgName", "InstalledVersion", "VulnerabilityID", "Status", "Severity",
                ].map { vulnerability[$0] as? String ?? "" }.joined(separator: " ") + " " + (fixed ?? "-")
            }
        }.sorted()
    }

    static let database: Result<String, any Error> = Result { try CLI.buildDatabase([advisories]) }

    func scan(_ image: URL) throws -> (ProcessRunner.Result, [String: Any], [String]) {
        let (result, report) = try CLI.scanJSON(image.path, database: try Self.database.get())
        #expect(result.status == 0, "\(result.stderr)")
        return (result, report, Self.lines(report))
    }

    @Test("UBI 9: fixes of later streams, Red Hat's states and ratings, the RHSAs as vendor IDs")
    func ubi9() throws {
        let image = try Self.image(id: "rhel", version: "9.3", packages: Self.ubi9)
        let (_, report, lines) = try scan(image)
        let expected = try Self.oracle(image)
        #expect(lines == expected)
        #expect(expected.count >= 10, "the image should be vulnerable: \(expected)")
        #expect(lines.contains("curl 7.76.1-14.el9_0.9 CVE-2023-38545 fixed HIGH 7.76.1-26.el9_3.2"))
        #expect(lines.contains { $0.hasPrefix("openssl-libs 1:3.0.7-27.el9 CVE-2026-2673 fix_deferred ") })
        #expect(lines.contains { $0.hasPrefix("python3-libs 3.9.18-1.el9_3 CVE-2026-2297 ") })
        #expect(!lines.contains { $0.hasPrefix("openssl-fips-provider 3.0.7-2.el9 CVE-2024-0727") }, "not affected")
        #expect(!lines.contains { $0.hasPrefix("libcurl-minimal ") }, "already fixed")

        let vulnerabilities = (report["Results"] as? [[String: Any]])?.first?["Vulnerabilities"] as? [[String: Any]]
        let sudo = vulnerabilities?.first { $0["PkgName"] as? String == "sudo" }
        #expect(sudo?["VendorIDs"] as? [String] == ["RHSA-2024:0811"])
        #expect((sudo?["VendorSeverity"] as? [String: Any])?["redhat"] as? Int == 2, "Trivy's number for MEDIUM")
        #expect(sudo?["SeveritySource"] as? String == "redhat")
        #expect((sudo?["DataSource"] as? [String: Any])?["ID"] as? String == "redhat")
        let coverage = ((report["Drydock"] as? [String: Any])?["Coverage"] as? [String: Any])?["OS"] as? [String: Any]
        #expect(coverage?["State"] as? String == "covered")
        #expect(coverage?["Feeds"] as? [String] == ["Red Hat CSAF VEX"])
        #expect((coverage?["Namespaces"] as? [String])?.contains("Red Hat:enterprise_linux:9::baseos") == true)

        let table = try CLI.run(["image", "--input", image.path, "--db", try Self.database.get()])
        #expect(table.output.contains("checked against Red Hat CSAF VEX"))
        #expect(table.output.contains("fix_deferred"))
        // The policy can set vendor states aside.
        let (_, ignoring) = try CLI.scanJSON(
            image.path, database: try Self.database.get(), extra: ["--ignore-status", "fix_deferred,affected"])
        let kept = Self.lines(ignoring)
        #expect(kept == lines.filter { !$0.contains(" fix_deferred ") && !$0.contains(" affected ") })
        #expect(kept.count < lines.count)
    }

    @Test("UBI 8: module streams by MODULARITYLABEL, unfixed module statements, not-affected packages")
    func ubi8() throws {
        let image = try Self.image(id: "rhel", version: "8.10", packages: Self.ubi8)
        let (_, _, lines) = try scan(image)
        let expected = try Self.oracle(image)
        #expect(lines == expected)
        #expect(
            lines.contains { $0.hasPrefix("perl-FCGI 1:0.78-11.module+el8.8.0+23188+11a20ed6.1 CVE-2025-40907 fixed ") }
        )
        #expect(lines.contains { $0.hasPrefix("golang-bin ") && $0.contains("CVE-2026-27142 fix_deferred") })
        #expect(!lines.contains { $0.hasPrefix("ruby ") || $0.hasPrefix("rubygem-json ") }, "ruby:2.5 is at its fix")
        #expect(!lines.contains { $0.hasPrefix("curl ") }, "RHEL 8 curl is not affected by CVE-2023-38545")
    }

    @Test("CentOS 7: Red Hat's data, out-of-support states; fixes only in ELS do not apply")
    func centos7() throws {
        let image = try Self.image(id: "centos", version: "7", packages: Self.centos7)
        let (_, report, lines) = try scan(image)
        let expected = try Self.oracle(image)
        #expect(lines == expected)
        #expect(lines.contains("glibc 2.17-317.el7 CVE-2024-2961 fixed HIGH 2.17-326.el7_9.3"))
        #expect(lines.contains { $0.hasPrefix("expat 2.1.0-12.el7 CVE-2024-50602 end_of_life ") })
        #expect(!lines.contains { $0.hasPrefix("perl-FCGI ") })
        let results = report["Results"] as? [[String: Any]]
        #expect(results?.first?["Type"] as? String == "centos")
    }
}
