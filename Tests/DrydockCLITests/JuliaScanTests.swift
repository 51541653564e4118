import DrydockTestSupport
import Foundation
import Testing

/// `drydock fs` on a Julia project, end to end: a `Manifest.toml` with its `Project.toml`, matched against an
/// OSV record of ecosystem `Julia` (as the Julia advisory database publishes them: `SEMVER` ranges).
@Suite("Julia projects end to end")
struct JuliaScanTests {
    static let manifest = """
        julia_version = "1.10.0"
        manifest_format = "2.0"

        [[deps.HTTP]]
        deps = ["MbedTLS", "Sockets"]
        uuid = "cd3eb016-35fb-5094-929b-558a96fad6f3"
        version = "1.10.16"

        [[deps.MbedTLS]]
        uuid = "739be429-bea8-5141-9913-cc70e7f3736d"
        version = "1.1.9"

        [[deps.Sockets]]
        uuid = "6462fe0b-24de-5631-8697-dd941f90decc"

        [[deps.TestHelper]]
        deps = ["HTTP"]
        uuid = "11111111-2222-3333-4444-555555555555"
        version = "0.1.0"
        """
    static let project = """
        name = "App"
        uuid = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"

        [deps]
        HTTP = "cd3eb016-35fb-5094-929b-558a96fad6f3"

        [extras]
        TestHelper = "11111111-2222-3333-4444-555555555555"
        """
    static let advisory = """
        {"schema_version": "1.6.0", "id": "JLSEC-2025-1", "aliases": ["CVE-2025-52479"],
         "modified": "2025-06-20T00:00:00Z", "published": "2025-06-20T00:00:00Z",
         "affected": [{"package": {"ecosystem": "Julia", "name": "HTTP",
           "purl": "pkg:julia/HTTP?uuid=cd3eb016-35fb-5094-929b-558a96fad6f3"},
          "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.10.17"}]}]}]}
        """

    @Test("fs: Manifest.toml packages match OSV `Julia` records; IDs are UUIDs, the graph and relationships kept")
    func julia() throws {
        let osv = try PackagePaths.temporaryDirectory("julia-osv")
        try Data(Self.advisory.utf8).write(to: osv.appendingPathComponent("JLSEC-2025-1.json"))
        let database = try CLI.buildDatabase([osv.path])
        let project = try PackagePaths.temporaryDirectory("julia-project")
        try FilesystemScanTests.write(["Manifest.toml": Self.manifest, "Project.toml": Self.project], into: project)
        let result = try CLI.run(["fs", project.path, "--db", database, "--format", "json", "--list-all-pkgs"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = (try? JSONSerialization.jsonObject(with: result.stdout)) as? [String: Any] ?? [:]
        #expect(
            CLI.findingRows(report).map { [$0[0], $0[1], $0[2], $0[3]] } == [
                ["HTTP", "1.10.16", "CVE-2025-52479", "1.10.17"]
            ])
        let results = FilesystemScanTests.results(report)
        #expect(
            results.map { "\($0["Target"] as? String ?? "") \($0["Type"] as? String ?? "")" } == ["Manifest.toml julia"]
        )
        let packages = results.first?["Packages"] as? [[String: Any]] ?? []
        // The development-only TestHelper is left out by default, as Trivy does.
        #expect(packages.map { $0["Name"] as? String ?? "" }.sorted() == ["HTTP", "MbedTLS", "Sockets"])
        let http = packages.first { $0["Name"] as? String == "HTTP" }
        #expect(http?["ID"] as? String == "cd3eb016-35fb-5094-929b-558a96fad6f3")
        #expect(http?["Relationship"] as? String == "direct")
        #expect(
            http?["DependsOn"] as? [String] == [
                "6462fe0b-24de-5631-8697-dd941f90decc", "739be429-bea8-5141-9913-cc70e7f3736d",
            ])
        #expect(
            (http?["Identifier"] as? [String: Any])?["PURL"] as? String
                == "pkg:julia/HTTP@1.10.16?uuid=cd3eb016-35fb-5094-929b-558a96fad6f3")
        let sockets = packages.first { $0["Name"] as? String == "Sockets" }
        #expect(sockets?["Version"] as? String == "1.10.0")
        #expect(sockets?["Relationship"] as? String == "indirect")
    }
}
