import DrydockTestSupport
import Foundation
import Testing

/// Packages are listed without the `vuln` scanner where the output lists them, and SBOM formats scan for nothing
/// unless `--scanners` says so — Trivy's behaviour (its SBOM scanner).
@Suite struct PackageListingTests {
    static func project() throws -> URL {
        let root = try PackagePaths.temporaryDirectory("listing")
        try "requests==2.25.0\nflask==2.3.2\n".write(
            to: root.appendingPathComponent("requirements.txt"), atomically: true, encoding: .utf8)
        return root
    }

    /// An environment whose cache has no DB, and `--skip-db-update` everywhere: a scan that needed the DB fails.
    static func noDatabase() throws -> [String: String] {
        ["XDG_CACHE_HOME": try PackagePaths.temporaryDirectory("listing-cache").path]
    }

    @Test("--format cyclonedx without --scanners lists the packages and needs no DB")
    func sbomWithoutDatabase() throws {
        let root = try Self.project()
        let output = root.appendingPathComponent("bom.cdx.json")
        let result = try CLI.run(
            ["fs", "--skip-db-update", "--format", "cyclonedx", "--output", output.path, root.path],
            environment: try Self.noDatabase())
        #expect(result.status == 0, "\(result.stderr)")
        let bom = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: Any])
        let names = (bom["components"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(names.contains("requests") && names.contains("flask"), "\(names)")
        #expect((bom["vulnerabilities"] as? [Any] ?? []).isEmpty)
    }

    @Test("--format cyclonedx --scanners vuln still needs the DB (exit 4 without one)")
    func explicitVulnScannerNeedsTheDatabase() throws {
        let root = try Self.project()
        let result = try CLI.run(
            ["fs", "--skip-db-update", "--scanners", "vuln", "--format", "cyclonedx", root.path],
            environment: try Self.noDatabase())
        #expect(result.status == 4, "\(result.stderr)")
    }

    @Test("--list-all-pkgs lists packages in the JSON report without the vuln scanner")
    func listAllPackagesWithoutVulnerabilities() throws {
        let root = try Self.project()
        let result = try CLI.run(
            ["fs", "--skip-db-update", "--scanners", "secret", "--list-all-pkgs", "--format", "json", root.path],
            environment: try Self.noDatabase())
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let results = report["Results"] as? [[String: Any]] ?? []
        let packages = results.flatMap { ($0["Packages"] as? [[String: Any]]) ?? [] }.compactMap {
            $0["Name"] as? String
        }
        #expect(Set(packages) == ["requests", "flask"], "\(results)")
        #expect(results.allSatisfy { ($0["Vulnerabilities"] as? [Any] ?? []).isEmpty })
    }
}
