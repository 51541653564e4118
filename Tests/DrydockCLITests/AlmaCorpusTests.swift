import DrydockTestSupport
import Foundation
import Testing

/// The done-when test of issue 5: an AlmaLinux 9 image built from files (os-release and an `rpmdb.sqlite`
/// holding packages older than fixes in `../shared/advisories/osv/AlmaLinux`), scanned end to end and checked
/// against `scripts/oracles/alma_expected.py` (python3-rpm's database reader and `rpm.labelCompare`; no
/// Drydock code).
@Suite("AlmaLinux 9 image against an independent oracle", .enabled(if: PackagePaths.hasShared))
struct AlmaCorpusTests {
    /// An AlmaLinux 9.1-era system: vulnerable openssl (epoch 1), curl, python3, libxml2, sqlite; glibc exactly
    /// at one fix; plain nodejs 16 (whose advisories for the nodejs:18 module stream, with higher versions, must
    /// not match); tzdata with no advisories.
    static let base: [DistroFixtures.RPM] = [
        .init("openssl", epoch: 1, version: "3.0.1", release: "47.el9_1"),
        .init("openssl-libs", epoch: 1, version: "3.0.1", release: "47.el9_1", source: "openssl"),
        .init("curl", version: "7.76.1", release: "19.el9_1.1"),
        .init("glibc", version: "2.34", release: "60.el9_2.7"),
        .init("nodejs", epoch: 1, version: "16.18.1", release: "3.el9_1"),
        .init("python3", version: "3.9.14", release: "1.el9_1.2", source: "python3.9"),
        .init("bash", version: "5.1.8", release: "6.el9_1"),
        .init("sqlite-libs", version: "3.34.1", release: "6.el9_1", source: "sqlite"),
        .init("libxml2", version: "2.9.13", release: "3.el9_1"),
        .init("tzdata", version: "2022g", release: "1.el9_1", arch: "noarch"),
    ]
    /// The second layer upgrades curl (attributed to that layer) and adds npm from the nodejs:18 module stream.
    static let upgraded: [DistroFixtures.RPM] =
        base.filter { $0.name != "curl" } + [
            .init("curl", version: "7.76.1", release: "23.el9"),
            .init(
                "npm", epoch: 1, version: "9.5.0", release: "1.18.14.2.2.module_el9.2.0+29+de583a0b",
                source: "nodejs", modularityLabel: "nodejs:18:9020020230511122624:rhel9"),
        ]

    var shared: URL { PackagePaths.shared ?? PackagePaths.root }

    /// The AlmaLinux OSV records that name one of the installed packages, copied into a scratch folder.
    func advisories() throws -> URL {
        let source = shared.appendingPathComponent("advisories/osv/AlmaLinux")
        let names = Set((Self.base + Self.upgraded).map(\.name))
        let folder = try PackagePaths.temporaryDirectory("alma-osv")
        for file in try FileManager.default.contentsOfDirectory(atPath: source.path) where file.hasPrefix("ALSA-") {
            let url = source.appendingPathComponent(file)
            let data = try Data(contentsOf: url)
            let text = String(decoding: data, as: UTF8.self)
            guard names.contains(where: { text.contains("\"name\": \"\($0)\"") }) else { continue }
            try data.write(to: folder.appendingPathComponent(file))
        }
        return folder
    }

    func image() throws -> URL {
        let release = DistroFixtures.osRelease(
            id: "almalinux", versionID: "9.1", prettyName: "AlmaLinux 9.1 (Lime Lynx)")
        return try ImageFixtures.dockerArchive(
            layers: [
                [
                    "etc/os-release": .file(release),
                    "var/lib/rpm/rpmdb.sqlite": .bytes(try DistroFixtures.rpmSQLite(Self.base)),
                ],
                ["var/lib/rpm/rpmdb.sqlite": .bytes(try DistroFixtures.rpmSQLite(Self.upgraded))],
            ], repoTags: ["example/alma:9"])
    }

    /// Runs the oracle with the system Python (python3-rpm); fails, never skips, when it cannot run.
    func oracle(_ arguments: [String]) throws -> [String] {
        let script = PackagePaths.root.appendingPathComponent("scripts/oracles/alma_expected.py").path
        let result = try ProcessRunner.run("/usr/bin/python3", [script] + arguments)
        guard result.status == 0 else {
            throw CLI.ProcessFailure(
                description: "oracle failed (install python3-rpm: scripts/install-test-deps): \(result.stderr)")
        }
        return result.output.split(separator: "\n").map(String.init)
    }

    @Test("every finding and every package agrees with the oracle; OS, layers and purls are AlmaLinux's")
    func almaLinuxNine() throws {
        let image = try image()
        let osv = try advisories()
        let database = try CLI.buildDatabase([osv.path])
        let (result, report) = try CLI.scanJSON(image.path, database: database, extra: ["--list-all-pkgs"])
        #expect(result.status == 0, "\(result.stderr)")

        let lines = CLI.findingRows(report).map { row in
            "\(row[0]) \(row[1]) \(row[2]) \(row[3].replacingOccurrences(of: ", ", with: ","))"
        }.sorted()
        let expected = try oracle([image.path, osv.path])
        #expect(lines == expected)
        #expect(expected.count >= 20, "the image should be vulnerable: \(expected)")
        // Release and stream separation, visible in the data: plain nodejs advisories never reach the module build.
        #expect(lines.contains { $0.hasPrefix("openssl 1:3.0.1-47.el9_1 ALSA-2023:2523 ") })
        #expect(lines.contains { $0.hasPrefix("nodejs 1:16.18.1-3.el9_1 ALSA-2023:2655 ") })
        #expect(!lines.contains { $0.hasPrefix("nodejs 1:16.18.1-3.el9_1 ALSA-2022:8832") }, "module fix on plain")
        #expect(lines.contains { $0.hasPrefix("npm 1:9.5.0-1.18.14.2.2.module_el9.2.0+29+de583a0b ALSA-2023:3577 ") })
        // Stream separation by MODULARITYLABEL: npm of nodejs:18 takes nodejs:18 fixes, never nodejs:20's.
        let npm = "npm 1:9.5.0-1.18.14.2.2.module_el9.2.0+29+de583a0b"
        #expect(lines.contains { $0.hasPrefix("\(npm) ALSA-2024:1503 ") })
        #expect(!lines.contains { $0.hasPrefix("\(npm) ALSA-2024:1688 ") }, "nodejs:20 fix on nodejs:18")
        #expect(!lines.contains { $0.hasPrefix("glibc 2.34-60.el9_2.7 ALSA-2023:5453") })

        let metadata = report["Metadata"] as? [String: Any]
        #expect((metadata?["OS"] as? [String: Any])?["Family"] as? String == "alma")
        #expect((metadata?["OS"] as? [String: Any])?["Name"] as? String == "9.1")
        let results = report["Results"] as? [[String: Any]] ?? []
        #expect(results.first?["Type"] as? String == "alma")
        let packages = results.first?["Packages"] as? [[String: Any]] ?? []
        let listed = packages.map { "\($0["Name"] as? String ?? "") \($0["Version"] as? String ?? "")" }
        let rpmListed = try oracle(["--packages", image.path])
        #expect(listed.count == rpmListed.count)
        let openssl = packages.first { $0["Name"] as? String == "openssl-libs" }
        #expect(openssl?["Epoch"] as? Int == 1)
        #expect(openssl?["Version"] as? String == "3.0.1")
        #expect(openssl?["Release"] as? String == "47.el9_1")
        #expect(openssl?["SrcName"] as? String == "openssl")
        #expect(
            (openssl?["Identifier"] as? [String: Any])?["PURL"] as? String
                == "pkg:rpm/alma/openssl-libs@3.0.1-47.el9_1?arch=x86_64&distro=alma-9.1&epoch=1")
        let curl = packages.first { $0["Name"] as? String == "curl" }
        let layerOf = { (package: [String: Any]?) in (package?["Layer"] as? [String: Any])?["DiffID"] as? String }
        #expect(layerOf(curl) != nil && layerOf(curl) != layerOf(openssl), "the upgrade belongs to layer 2")
    }
}
