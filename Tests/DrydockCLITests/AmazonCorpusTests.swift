import DrydockTestSupport
import Foundation
import Testing

/// Issue 24, Amazon Linux: images whose RPM databases Debian's `rpm` writes, scanned by the `drydock` binary against
/// a DB built from Amazon's `updateinfo.xml.gz` excerpts (`../shared/advisories/amazon-alas-excerpts`: ALAS2 core, the
/// AL2 kernel-5.15 extra, AL2023 core and livepatch), checked against `scripts/oracles/amazon_expected.py`
/// (python3-rpm, Python's gzip and ElementTree; no Drydock code): zero missing, zero extra.
///
/// The excerpts hold one update each, so besides their fixed versions (clean) and one update's fix against another
/// (the core kernel against the kernel-5.15 extra: Trivy reports it, Drydock must not), the vulnerable versions are
/// the release just below a fix (`38.78` for `38.79`), which the excerpts cannot supply.
@Suite("Amazon Linux ALAS against an independent oracle", .enabled(if: PackagePaths.hasShared))
struct AmazonCorpusTests {
    typealias RPM = DistroFixtures.RPM

    static var source: String { (PackagePaths.shared ?? PackagePaths.root).path + "/advisories/amazon-alas-excerpts" }
    static let database: Result<String, any Error> = Result { try CLI.buildDatabase([source]) }

    struct Case: Sendable, CustomStringConvertible {
        var version: String
        var packages: [RPM]
        var expected: [String]
        var description: String { "Amazon Linux \(version): \(packages.map(\.name))" }
    }

    static let cases: [Case] = [
        // AL2 core kernel below ALAS2-2018-939's fix; the kernel-5.15 extra's fixes are for another version line.
        .init(
            version: "2",
            packages: [.init("kernel", version: "4.9.76", release: "38.78.amzn2")],
            expected: [
                "kernel 4.9.76-38.78.amzn2 CVE-2017-5715 fixed CRITICAL 4.9.76-38.79.amzn2",
                "kernel 4.9.76-38.78.amzn2 CVE-2017-5754 fixed CRITICAL 4.9.76-38.79.amzn2",
            ]),
        // AL2 with the kernel-5.15 extra: ALAS2KERNEL-5.15-2022-001 applies, the core kernel's fix does not.
        .init(
            version: "2",
            packages: [
                .init("kernel", version: "5.15.43", release: "20.122.amzn2"),
                .init("perf", version: "5.15.43", release: "20.123.amzn2", source: "kernel"),
            ],
            expected: ["kernel 5.15.43-20.122.amzn2 CVE-2022-30594 fixed HIGH 5.15.43-20.123.amzn2"]),
        // AL2023: rsyslog below its fix, a subpackage at it, the livepatch below its fix.
        .init(
            version: "2023",
            packages: [
                .init("rsyslog", version: "8.2204.0", release: "3.amzn2023.0.1"),
                .init("rsyslog-mmaudit", version: "8.2204.0", release: "3.amzn2023.0.2", source: "rsyslog"),
                .init("kernel-livepatch-6.1.12-19.43", version: "1.0", release: "0.amzn2023"),
            ],
            expected: [
                "rsyslog 8.2204.0-3.amzn2023.0.1 CVE-2022-24903 fixed HIGH 8.2204.0-3.amzn2023.0.2",
                "kernel-livepatch-6.1.12-19.43 1.0-0.amzn2023 CVE-2023-26545 fixed HIGH 1.0-1.amzn2023",
            ]),
    ]

    @Test("every finding agrees with the oracle", arguments: cases)
    func image(_ scan: Case) throws {
        let image = try ImageFixtures.dockerArchive(
            layers: [
                [
                    "etc/os-release": .file(DistroFixtures.osRelease(id: "amzn", versionID: scan.version)),
                    "var/lib/rpm/rpmdb.sqlite": .bytes(try RPMDatabaseFixture.sqlite(scan.packages)),
                ]
            ], repoTags: ["example/amazonlinux:\(scan.version)"])
        let (result, report) = try CLI.scanJSON(image.path, database: try Self.database.get())
        #expect(result.status == 0, "\(result.stderr)")
        let lines = RedHatCorpusTests.lines(report)
        let script = PackagePaths.root.appendingPathComponent("scripts/oracles/amazon_expected.py").path
        let oracle = try ProcessRunner.run("/usr/bin/python3", [script, image.path, Self.source])
        #expect(oracle.status == 0, "\(oracle.stderr)")
        #expect(lines == oracle.output.split(separator: "\n").map(String.init))
        for line in scan.expected { #expect(lines.contains(line), "\(line)") }
        let vulnerabilities = (report["Results"] as? [[String: Any]])?.first?["Vulnerabilities"] as? [[String: Any]]
        for vulnerability in vulnerabilities ?? [] {
            #expect((vulnerability["VendorIDs"] as? [String])?.first?.hasPrefix("ALAS") == true)
            #expect((vulnerability["VendorSeverity"] as? [String: Any])?["amazon"] != nil)
            #expect(vulnerability["SeveritySource"] as? String == "amazon")
        }
        let coverage = ((report["Drydock"] as? [String: Any])?["Coverage"] as? [String: Any])?["OS"] as? [String: Any]
        #expect(coverage?["Feeds"] as? [String] == ["Amazon Linux ALAS (updateinfo)"])
    }
}
