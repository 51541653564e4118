import DrydockTestSupport
import Foundation
import Testing

/// Warnings that matter, and no others: links whose targets no analyzer needs say nothing, stock root
/// filesystems scan without a single warning, and repeated warnings of one kind are one summary line on
/// standard error (every one of them under `--debug` and in the JSON report).
@Suite struct WarningScanTests {
    static let database: Result<String, any Error> = Result {
        try CLI.buildDatabase([try DebianScenario.writeAdvisories().path])
    }

    /// Standard error's `drydock: warning:` lines.
    static func warnings(_ result: ProcessRunner.Result) -> [String] {
        result.stderr.split(separator: "\n").filter { $0.hasPrefix("drydock: warning: ") }.map {
            String($0.dropFirst("drydock: warning: ".count))
        }
    }

    static func debianRoot(_ extra: [String: FileSpec]) throws -> URL {
        let root = try PackagePaths.temporaryDirectory("warn-rootfs")
        var files: [String: FileSpec] = [
            "usr/lib/os-release": .file(DebianScenario.osRelease), "etc/os-release": .symlink("../usr/lib/os-release"),
            "etc/debian_version": .file("12.5\n"), "var/lib/dpkg/status": .file(DebianScenario.status),
        ]
        files.merge(extra) { _, new in new }
        try ImageFixtures.writeTree(files, into: root)
        return root
    }

    /// What a stock Debian holds in `/usr/bin`: links into `/etc/alternatives` (which hold links a rootfs of
    /// only `/usr` lacks) and `X11`, a link to its own folder. Programs are read where they lie.
    @Test func linksNoAnalyzerNeedsAreNotWarnedAbout() throws {
        let root = try Self.debianRoot([
            "usr/bin/mawk": .file("#!binary"), "usr/bin/awk": .symlink("/etc/alternatives/awk"),
            "usr/bin/X11": .symlink("."), "usr/bin/pager": .symlink("/etc/alternatives/pager"),
            "usr/share/java/lib.jar": .symlink("lib-1.0.jar"),
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try CLI.run([
            "rootfs", root.path, "--db", try Self.database.get(), "--skip-db-update", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.warnings(result) == [])
    }

    @Test func repeatedWarningsAreSummarised() throws {
        var links: [String: FileSpec] = [:]
        for index in 1...5 { links["var/lib/dpkg/status.d/pkg\(index)"] = .symlink("gone\(index)") }
        let root = try Self.debianRoot(links)
        defer { try? FileManager.default.removeItem(at: root) }
        let arguments = ["rootfs", root.path, "--db", try Self.database.get(), "--skip-db-update", "--format", "json"]

        let summarised = try CLI.run(arguments)
        #expect(summarised.status == 0, "\(summarised.stderr)")
        #expect(
            Self.warnings(summarised) == [
                "5 links to missing files: var/lib/dpkg/status.d/pkg1, var/lib/dpkg/status.d/pkg2, "
                    + "var/lib/dpkg/status.d/pkg3, … (all with --debug)"
            ])
        let report = try #require(try JSONSerialization.jsonObject(with: summarised.stdout) as? [String: Any])
        let drydock = try #require(report["Drydock"] as? [String: Any])
        let all = (1...5).map { "var/lib/dpkg/status.d/pkg\($0): links to gone\($0), which is missing; ignored" }
        #expect(drydock["Warnings"] as? [String] == all)
        #expect(drydock["WarningKinds"] as? [String: Int] == ["link-target-missing": 5])

        let debug = try CLI.run(arguments + ["--debug"])
        #expect(Self.warnings(debug) == all)
    }

    /// The public `alpine:3.10` image unpacked as a root filesystem: busybox's hundreds of links, the apk
    /// database, release files. Not one warning about them; only the one that matters, that 3.10 is past its end.
    @Test(.enabled(if: PackagePaths.hasShared)) func alpineRootFilesystemHasNoWarnings() throws {
        let archive = try #require(PackagePaths.shared?.appendingPathComponent("fixtures/images/alpine-310.tar.gz"))
        let work = try PackagePaths.temporaryDirectory("alpine-rootfs")
        defer { try? FileManager.default.removeItem(at: work) }
        let unpacked = work.appendingPathComponent("image")
        let root = work.appendingPathComponent("rootfs")
        try FileManager.default.createDirectory(at: unpacked, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        _ = try ImageFixtures.run("tar", ["-xzf", archive.path, "-C", unpacked.path])
        let manifest = try JSONSerialization.jsonObject(
            with: Data(contentsOf: unpacked.appendingPathComponent("manifest.json")))
        let layers = (manifest as? [[String: Any]])?.first?["Layers"] as? [String] ?? []
        #expect(!layers.isEmpty)
        for layer in layers {
            _ = try ImageFixtures.run("tar", ["-xf", unpacked.appendingPathComponent(layer).path, "-C", root.path])
        }
        let secdb = try #require(PackagePaths.shared?.appendingPathComponent("advisories/alpine-secdb").path)
        let result = try CLI.run([
            "rootfs", root.path, "--db", try CLI.buildDatabase([secdb]), "--skip-db-update", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            Self.warnings(result) == ["alpine 3.10 is end of life since 2021-05-01: its packages get no more fixes"])
    }
}
