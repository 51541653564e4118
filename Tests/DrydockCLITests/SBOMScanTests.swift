import DrydockTestSupport
import Foundation
import Testing

/// `--format cyclonedx|spdx-json` and `drydock sbom`, on every image fixture: the SBOMs are valid against the
/// official schemas (validated by cyclonedx-python-lib and spdx-tools, `scripts/oracles/sbom_validate.py`),
/// and scanning the SBOM gives the image's findings (`SBOMSupport.findings` says exactly what is compared).
@Suite("SBOMs: schema-valid, and scanning one equals scanning its image", .enabled(if: PackagePaths.hasShared))
struct SBOMScanTests {
    static let fixtures = ["alpine-310.tar.gz", "alpine-311.tar.gz", "alpine-310-python-app.tar.gz"]

    var shared: URL { PackagePaths.shared ?? PackagePaths.root }

    /// Scans `image` to JSON, CycloneDX and SPDX; validates both SBOMs; scans each SBOM; compares findings.
    func roundTrip(_ image: String, expectFindings: Bool = false) throws {
        let database = try CLI.imageFixtureDatabase.get()
        let work = try PackagePaths.temporaryDirectory("sbom")
        let direct = try CLI.run(["image", "--input", image, "--db", database, "--format", "json", "--list-all-pkgs"])
        #expect(direct.status == 0, "\(direct.stderr)")
        let expected = SBOMSupport.findings(SBOMSupport.object(direct.stdout), artifactName: image)
        if expectFindings {
            let rows = CLI.findingRows(SBOMSupport.object(direct.stdout))
            #expect(!rows.isEmpty, "the fixture should have findings, or the round trip proves little")
        }
        for (format, validator, file) in [
            ("cyclonedx", "cyclonedx", "bom.cdx.json"), ("spdx-json", "spdx", "bom.spdx.json"),
        ] {
            let sbom = work.appendingPathComponent(file)
            let written = try CLI.run([
                "image", "--input", image, "--db", database, "--format", format, "--output", sbom.path,
            ])
            #expect(written.status == 0, "\(written.stderr)")
            #expect(try SBOMSupport.validate(validator, sbom) == [], "\(format) of \(image)")
            let scanned = try CLI.run(["sbom", sbom.path, "--db", database, "--format", "json", "--list-all-pkgs"])
            #expect(scanned.status == 0, "\(scanned.stderr)")
            let actual = SBOMSupport.findings(SBOMSupport.object(scanned.stdout), artifactName: sbom.path)
            #expect(actual == expected, "\(format) round trip of \(image)")
        }
    }

    @Test("every image fixture: valid CycloneDX and SPDX, same findings from the SBOM", arguments: fixtures)
    func fixtureRoundTrip(fixture: String) throws {
        try roundTrip(
            shared.appendingPathComponent("fixtures/images/\(fixture)").path,
            expectFindings: fixture == "alpine-310-python-app.tar.gz")
    }

    @Test("a vulnerable Alpine image (packages moved back to fixed versions): same findings from the SBOM")
    func downgradedRoundTrip() throws {
        let image = try AlpineDowngrade.image(
            from: shared.appendingPathComponent("fixtures/images/alpine-310.tar.gz"),
            secdb: shared.appendingPathComponent("advisories/alpine-secdb"))
        try roundTrip(image.path, expectFindings: true)
    }
}
