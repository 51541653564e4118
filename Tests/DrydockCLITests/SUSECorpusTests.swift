import DrydockTestSupport
import Foundation
import Testing

/// Issue 24, SUSE: SLES, SLE Micro and openSUSE Tumbleweed images whose RPM databases Debian's `rpm` writes, scanned
/// by the `drydock` binary against a DB built from SUSE's real CSAF, CSAF VEX and CVRF documents
/// (`../shared/advisories/suse/csaf`, `csaf-vex`, `cvrf`), and checked against `scripts/oracles/suse_expected.py`
/// (python3-rpm, Python's json and ElementTree; no Drydock code): zero missing, zero extra. Every package name and
/// version is one the documents list.
@Suite("SUSE CSAF and CVRF against an independent oracle", .enabled(if: PackagePaths.hasShared))
struct SUSECorpusTests {
    typealias RPM = DistroFixtures.RPM

    static var sources: [String] {
        let root = (PackagePaths.shared ?? PackagePaths.root).path + "/advisories/suse"
        return ["csaf", "csaf-vex", "cvrf"].map { root + "/" + $0 }
    }

    static let database: Result<String, any Error> = Result { try CLI.buildDatabase(sources) }

    struct Case: Sendable, CustomStringConvertible {
        var id: String
        var version: String
        var packages: [RPM]
        /// A line the oracle and Drydock must both print, or `nil` when the image must be clean.
        var expectedLine: String?
        var description: String { "\(id) \(version)" }
    }

    static let cases: [Case] = [
        // SLES 11 SP2: bind-devel at the bind version of SUSE-SU-2015:0011-2, whose own fix is 9.9.6P1.
        .init(
            id: "sles", version: "11.2",
            packages: [
                .init("bind-devel", version: "9.9.4P2", release: "0.6.1", source: "bind"),
                .init("bind-libs", version: "9.9.4P2", release: "0.6.1", source: "bind"),
                .init("bind-utils", version: "9.9.4P2", release: "0.6.1", source: "bind"),
            ],
            expectedLine: "bind-devel 9.9.4P2-0.6.1 CVE-2014-0591 fixed MEDIUM 9.9.6P1-0.5.5"),
        // SLES 12 SP1: qt4-x11-tools at the libqt4 release SUSE-SU-403 ships; its own fix is 7.3.
        .init(
            id: "sles", version: "12.1",
            packages: [
                .init("qt4-x11-tools", version: "4.8.6", release: "7.1", source: "libqt4"),
                .init("libqt4", version: "4.8.6", release: "7.1"),
            ],
            expectedLine: "qt4-x11-tools 4.8.6-7.1 CVE-2014-0224 fixed HIGH 4.8.6-7.3"),
        // SUSE Linux Micro 6.0: samba-client-libs at Tumbleweed's fixed version, below SLE Micro's fix.
        .init(
            id: "sl-micro", version: "6.0",
            packages: [
                .init("samba-client-libs", version: "4.19.2+git.322.7e9201cef5", release: "1.1", source: "samba")
            ],
            expectedLine:
                "samba-client-libs 4.19.2+git.322.7e9201cef5-1.1 CVE-2023-5568 fixed MEDIUM 4.19.4+git.339.acf1ccaa02-1.22"
        ),
        // SLES 15 SP5: SUSE states samba is not affected in the Basesystem module: clean, and covered.
        .init(
            id: "sles", version: "15.5",
            packages: [
                .init("samba", version: "4.19.2+git.322.7e9201cef5", release: "1.1"),
                .init("samba-client-libs", version: "4.19.2+git.322.7e9201cef5", release: "1.1", source: "samba"),
            ],
            expectedLine: nil),
        // Tumbleweed at its fix: clean.
        .init(
            id: "opensuse-tumbleweed", version: "20231115",
            packages: [
                .init("samba", version: "4.19.2+git.322.7e9201cef5", release: "1.1"),
                .init("samba-client-libs", version: "4.19.2+git.322.7e9201cef5", release: "1.1", source: "samba"),
            ],
            expectedLine: nil),
    ]

    @Test("every finding agrees with the oracle", arguments: cases)
    func image(_ scan: Case) throws {
        let image = try ImageFixtures.dockerArchive(
            layers: [
                [
                    "etc/os-release": .file(DistroFixtures.osRelease(id: scan.id, versionID: scan.version)),
                    "var/lib/rpm/rpmdb.sqlite": .bytes(try RPMDatabaseFixture.sqlite(scan.packages)),
                ]
            ], repoTags: ["example/\(scan.id):\(scan.version)"])
        let (result, report) = try CLI.scanJSON(image.path, database: try Self.database.get())
        #expect(result.status == 0, "\(result.stderr)")
        let lines = RedHatCorpusTests.lines(report)
        let script = PackagePaths.root.appendingPathComponent("scripts/oracles/suse_expected.py").path
        let oracle = try ProcessRunner.run("/usr/bin/python3", [script, image.path] + Self.sources)
        #expect(oracle.status == 0, "\(oracle.stderr)")
        let expected = oracle.output.split(separator: "\n").map(String.init)
        #expect(lines == expected)
        if let line = scan.expectedLine {
            #expect(lines.contains(line))
        } else {
            #expect(lines.isEmpty)
        }
        let coverage = ((report["Drydock"] as? [String: Any])?["Coverage"] as? [String: Any])?["OS"] as? [String: Any]
        #expect(coverage?["State"] as? String == "covered", "\(scan)")
        #expect((coverage?["Feeds"] as? [String] ?? []).contains { $0.hasPrefix("SUSE ") })
    }
}
