import DrydockTestSupport
import Foundation
import Testing

/// `drydock fs` end to end for what the project pass and the report add: `Relationship` in the JSON
/// report, an old `go.mod` completed with its `go.sum`, a POM resolved with its parent, NuGet names
/// matched whatever their case.
@Suite("Language projects end to end: relationships, go.sum, POM parents, NuGet case")
struct LanguageProjectScanTests {
    static func database() throws -> String {
        let directory = try PackagePaths.temporaryDirectory("lang-project-osv")
        let records: [(String, [String: Any])] = [
            (
                "GHSA-nuget.json",
                DebianScenario.osv(
                    id: "GHSA-5crp-9r3c-p9vr", aliases: ["CVE-2024-21907"], ecosystem: "NuGet",
                    package: "Newtonsoft.Json", events: [["introduced": "0"], ["fixed": "13.0.1"]])
            ),
            (
                "GO-toml.json",
                DebianScenario.osv(
                    id: "GO-2099-0001", ecosystem: "Go", package: "github.com/BurntSushi/toml",
                    events: [["introduced": "0"], ["fixed": "0.4.0"]])
            ),
            (
                "GHSA-maven.json",
                DebianScenario.osv(
                    id: "GHSA-0000-1111-2222", ecosystem: "Maven", package: "org.example:example-api",
                    events: [["introduced": "0"], ["fixed": "3.0.0"]])
            ),
        ]
        for (name, record) in records {
            try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]).write(
                to: directory.appendingPathComponent(name))
        }
        return try CLI.buildDatabase([directory.path])
    }

    static let files: [String: String] = [
        // NuGet IDs are case-insensitive: the lockfile spells the advisory's `Newtonsoft.Json` in lowercase.
        "dotnet/packages.lock.json": """
        {"version": 1, "dependencies": {"net6.0": {
          "newtonsoft.json": {"type": "Direct", "requested": "[12.0.1, )", "resolved": "12.0.1"},
          "System.Memory": {"type": "Transitive", "resolved": "4.5.4"}}}}
        """,
        // A Go 1.15 module: its go.mod omits the indirect dependency its go.sum lists.
        "svc/go.mod": "module example.com/svc\n\ngo 1.15\n\nrequire github.com/pkg/errors v0.9.1\n",
        "svc/go.sum": """
        github.com/BurntSushi/toml v0.3.1 h1:WXkYYl6Yr3qBf1K79EBnL4mak0OimBfB0XUf9Vl28OQ=
        github.com/BurntSushi/toml v0.3.1/go.mod h1:xHWCNGjB5oqiDr8zfno3MHue2Ht5sIBksp03qcyfWMU=
        github.com/pkg/errors v0.9.1 h1:FEBLx1zS214owpjy7qsBeixbURkuhQAwrK5UwLGTwt4=

        """,
        // The child's dependency version is managed by the parent at ../pom.xml.
        "java/pom.xml": """
        <project><groupId>org.example</groupId><artifactId>parent</artifactId><version>1.0.0</version>
          <properties><api.version>2.0.0</api.version></properties>
          <dependencyManagement><dependencies><dependency><groupId>org.example</groupId>
            <artifactId>example-api</artifactId><version>${api.version}</version></dependency></dependencies>
          </dependencyManagement></project>
        """,
        "java/child/pom.xml": """
        <project><parent><groupId>org.example</groupId><artifactId>parent</artifactId><version>1.0.0</version></parent>
          <artifactId>child</artifactId>
          <dependencies><dependency><groupId>org.example</groupId><artifactId>example-api</artifactId></dependency>
          </dependencies></project>
        """,
    ]

    @Test("fs: relationships in JSON, go.sum completes go.mod, parent POM versions, NuGet case-insensitive")
    func projects() throws {
        let database = try Self.database()
        let project = try PackagePaths.temporaryDirectory("lang-projects")
        try FilesystemScanTests.write(Self.files, into: project)
        let result = try CLI.run(["fs", project.path, "--db", database, "--format", "json", "--list-all-pkgs"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = (try? JSONSerialization.jsonObject(with: result.stdout)) as? [String: Any] ?? [:]
        #expect(
            Set(CLI.findingRows(report).map { "\($0[0])@\($0[1]) \($0[2])" }) == [
                "newtonsoft.json@12.0.1 CVE-2024-21907", "github.com/BurntSushi/toml@v0.3.1 GO-2099-0001",
                "org.example:example-api@2.0.0 GHSA-0000-1111-2222",
            ])
        var relationships: [String: String] = [:]
        for target in FilesystemScanTests.results(report) {
            for package in target["Packages"] as? [[String: Any]] ?? [] {
                relationships["\(target["Target"] as? String ?? "") \(package["ID"] as? String ?? "")"] =
                    package["Relationship"] as? String ?? "-"
            }
        }
        #expect(
            relationships == [
                "dotnet/packages.lock.json newtonsoft.json@12.0.1": "direct",
                "dotnet/packages.lock.json System.Memory@4.5.4": "indirect",
                "svc/go.mod github.com/pkg/errors@v0.9.1": "direct",
                "svc/go.mod github.com/BurntSushi/toml@v0.3.1": "indirect",
                "svc/go.mod example.com/svc": "root",
                "java/pom.xml org.example:parent:1.0.0": "root",
                "java/child/pom.xml org.example:child:1.0.0": "root",
                "java/child/pom.xml org.example:example-api:2.0.0": "direct",
            ])
    }
}
