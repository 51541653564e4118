import DrydockCatalog
import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

/// `go.mod` and `go.sum` from Trivy's test data, checked against `go mod edit -json` (the Go toolchain's
/// own parser) and hand-checked package lists.
@Suite struct GoModTests {
    static let folder = "fixtures/trivy/pkg/dependency/parser/golang/mod/testdata"
    /// Go 1.19 (Debian's toolchain) cannot parse `normal` (`toolchain` line, `go 1.22.0`): it is checked by
    /// hand below.
    static let modules = [
        "replaced", "replaced-with-local-path", "replaced-with-local-path-and-version",
        "replaced-with-local-path-and-version-mismatch", "replaced-with-version", "replaced-with-version-mismatch",
        "go116",
    ]

    static func bytes(_ relative: String) throws -> [UInt8] {
        try Shared.bytes(try Shared.file("\(folder)/\(relative)"))
    }

    @Test(.enabled(if: Shared.available(folder) && CatalogFixtures.commandAvailable("go")), arguments: modules)
    func parseMatchesGoModEditJSON(module: String) throws {
        let parsed = try GoModParser.parse(try Self.bytes("\(module)/go.mod"), path: "go.mod")
        let url = try Shared.file("\(Self.folder)/\(module)/go.mod")
        let json = try CatalogFixtures.run("go", ["mod", "edit", "-json", url.path])
        let oracle = try #require(try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any])
        #expect(parsed.module == (oracle["Module"] as? [String: Any])?["Path"] as? String)
        #expect(parsed.goVersion == oracle["Go"] as? String)
        let requires = (oracle["Require"] as? [[String: Any]]) ?? []
        #expect(
            parsed.requirements.map { "\($0.path) \($0.version) \($0.indirect)" }
                == requires.map { "\($0["Path"] ?? "") \($0["Version"] ?? "") \(($0["Indirect"] as? Bool) ?? false)" })
        let replaces = (oracle["Replace"] as? [[String: Any]]) ?? []
        #expect(
            parsed.replacements.map { "\($0.oldPath) \($0.oldVersion ?? "") \($0.newPath) \($0.newVersion ?? "")" }
                == replaces.map { replace in
                    let old = replace["Old"] as? [String: Any] ?? [:]
                    let new = replace["New"] as? [String: Any] ?? [:]
                    return "\(old["Path"] ?? "") \(old["Version"] ?? "") \(new["Path"] ?? "") \(new["Version"] ?? "")"
                })
        #expect(!requires.isEmpty)
    }

    /// Hand-checked against Trivy's expectations for the same files (the main module, without a version,
    /// is not listed).
    @Test(
        .enabled(if: Shared.available(folder)),
        arguments: [
            (
                "replaced",
                [
                    "github.com/aquasecurity/go-dep-parser@v0.0.0-20220406074731-71021a481237",
                    "golang.org/x/xerrors@v0.0.0-20200804184101-5ec99f83aff1",
                ]
            ),
            (
                "replaced-with-local-path",
                [
                    "github.com/aquasecurity/go-dep-parser@v0.0.0-20211224170007-df43bca6b6ff",
                    "gopkg.in/yaml.v3@v3.0.0-20210107192922-496545a6307b",
                ]
            ),
            // The replace names old version v0.0.1, which is not the one required: it does not apply.
            (
                "replaced-with-version-mismatch",
                [
                    "github.com/aquasecurity/go-dep-parser@v0.0.0-20211224170007-df43bca6b6ff",
                    "golang.org/x/xerrors@v0.0.0-20200804184101-5ec99f83aff1",
                    "gopkg.in/yaml.v3@v3.0.0-20210107192922-496545a6307b",
                ]
            ),
            (
                "normal",
                [
                    "github.com/aquasecurity/go-version@v0.0.0-20240603093900-cf8a8d29271d",
                    "github.com/davecgh/go-spew@v1.1.2-0.20180830191138-d8f796af33cc",
                    "github.com/pmezard/go-difflib@v1.0.1-0.20181226105442-5d4384ee4fb2",
                    "github.com/stretchr/testify@v1.9.0",
                    "golang.org/x/xerrors@v0.0.0-20231012003039-104605ab7028",
                ]
            ),
        ])
    func packages(module: String, expected: [String]) throws {
        let parsed = try GoModParser.parse(try Self.bytes("\(module)/go.mod"), path: "go.mod")
        let packages = GoModParser.packages(parsed, path: "src/go.mod")
        // The module itself is the root, without a version, as Trivy lists it.
        #expect(packages.map(\.id) == (expected + ["github.com/org/repo"]).sorted())
        let root = try #require(packages.first { $0.relationship == .root })
        #expect(root.version.isEmpty && root.purl == "pkg:golang/github.com/org/repo")
        #expect(root.dependsOn == packages.filter { $0.relationship == .direct }.map(\.id).sorted())
        #expect(packages.allSatisfy { $0.ecosystem == .go && $0.purl?.hasPrefix("pkg:golang/") == true })
    }

    /// Go 1.16: the indirect requirement is dropped from go.mod and go.sum supplies the dependencies.
    @Test(.enabled(if: Shared.available(folder)))
    func oldModulesUseGoSum() throws {
        let parsed = try GoModParser.parse(try Self.bytes("go116/go.mod"), path: "go.mod")
        #expect(!parsed.listsIndirectDependencies)
        #expect(
            GoModParser.packages(parsed, path: "go.mod").map(\.name) == [
                "github.com/aquasecurity/go-dep-parser", "github.com/org/repo",
            ])
        let sum = GoSumParser.parse(try Self.bytes("go116/go.sum"), path: "go.sum")
        let merged = GoModParser.packages(parsed, sum: sum, path: "go.mod")
        // Independent count: distinct module paths in go.sum, read with awk-like splitting here.
        let text = String(decoding: try Self.bytes("go116/go.sum"), as: UTF8.self)
        let modulesInSum = Set(
            text.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) })
        #expect(
            Set(merged.map(\.name))
                == modulesInSum.union(["github.com/aquasecurity/go-dep-parser", "github.com/org/repo"]))
        #expect(
            merged.first { $0.name == "github.com/aquasecurity/go-dep-parser" }?.version
                == "v0.0.0-20211224170007-df43bca6b6ff")
    }

    @Test(arguments: [
        "module x\nrequire (\n  a.b/c v1.0.0\n",
        "module x\nrequire a.b/c\n",
        "module x\nreplace a.b/c v1.0.0\n",
        "module \"x\n",
    ])
    func malformedFilesThrow(text: String) {
        #expect(throws: CatalogError.self) { try GoModParser.parse(Array(text.utf8), path: "go.mod") }
    }

    @Test func sumKeepsOneVersionPerModule() {
        let text = """
            github.com/a/b v1.0.0 h1:x=
            github.com/a/b v1.0.0/go.mod h1:y=
            github.com/c/d v0.2.0/go.mod h1:z=
            broken line
            """
        #expect(
            GoSumParser.parse(Array(text.utf8), path: "go.sum").map(\.id) == [
                "github.com/a/b@v1.0.0", "github.com/c/d@v0.2.0",
            ])
    }
}
