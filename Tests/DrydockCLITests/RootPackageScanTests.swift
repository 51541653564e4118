import DrydockTestSupport
import Foundation
import Testing

/// The project's own package in `--list-all-pkgs`, as Trivy reports it: from the `package.json` beside a
/// `yarn.lock`, through the report, with development dependencies left out unless asked for.
struct RootPackageScanTests {
    static let lock = """
        # yarn lockfile v1

        lodash@^4.17.0:
          version "4.17.20"

        left-pad@^1.3.0:
          version "1.3.0"

        """
    static let manifest = """
        {"name": "app", "version": "1.0.0", "license": "MIT",
         "dependencies": {"lodash": "^4.17.0"}, "devDependencies": {"left-pad": "^1.3.0"}}
        """

    /// The packages of the `yarn.lock` result, by ID.
    static func packages(_ result: ProcessRunner.Result) throws -> [String: [String: Any]] {
        let report = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let results = report["Results"] as? [[String: Any]] ?? []
        let yarn = try #require(results.first { $0["Target"] as? String == "yarn.lock" })
        var found: [String: [String: Any]] = [:]
        for package in yarn["Packages"] as? [[String: Any]] ?? [] {
            if let id = package["ID"] as? String { found[id] = package }
        }
        return found
    }

    @Test("fs --list-all-pkgs: the root, its direct dependency matched, the development one only on request")
    func yarnRoot() throws {
        let database = try FilesystemScanTests.database()
        let project = try PackagePaths.temporaryDirectory("yarn-root")
        try FilesystemScanTests.write(["yarn.lock": Self.lock, "package.json": Self.manifest], into: project)
        let base = ["fs", project.path, "--db", database, "--scanners", "vuln", "-f", "json", "--list-all-pkgs"]
        let scan = try TrivyDropInTests.run(base)
        #expect(scan.status == 0, "\(scan.stderr)")
        let packages = try Self.packages(scan)
        let root = try #require(packages["app@1.0.0"])
        #expect(root["Relationship"] as? String == "root")
        #expect(root["DependsOn"] as? [String] == ["left-pad@1.3.0", "lodash@4.17.20"])
        #expect(root["Licenses"] as? [String] == ["MIT"])
        #expect(packages["lodash@4.17.20"]?["Relationship"] as? String == "direct")
        #expect(packages["left-pad@1.3.0"] == nil, "development dependencies are left out by default")
        #expect(TrivyDropInTests.findings(scan) == ["lodash@4.17.20 CVE-2021-23337"])

        let withDev = try Self.packages(try TrivyDropInTests.run(base + ["--include-dev-deps"]))
        #expect(withDev["left-pad@1.3.0"]?["Dev"] as? Bool == true)
        #expect(withDev["left-pad@1.3.0"]?["Relationship"] as? String == "direct")
    }
}
