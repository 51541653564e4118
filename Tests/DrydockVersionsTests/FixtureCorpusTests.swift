import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockVersions

/// Compares Drydock with the real implementations (node-semver, Maven's `ComparableVersion`) and with
/// PyPI `univers` on every pair of versions taken from the real lockfiles in `../shared/fixtures/trivy`
/// plus the versions of this package's own rule tables.
@Suite struct FixtureCorpusTests {
    struct Case: Sendable, CustomStringConvertible {
        var scheme: VersionScheme
        var folders: [String]
        var pattern: String
        var tableVersions: [String]
        var oracle: String = "univers"
        var description: String { "\(scheme) against \(oracle)" }

        var command: [String] {
            switch oracle {
            case "node-semver": ["python3", VersionsOracle.script("npm_semver.py"), "compare"]
            case "maven": ["python3", VersionsOracle.script("maven_compare.py")]
            case "rubygems": ["python3", VersionsOracle.script("rubygems.py"), "compare"]
            default: ["python3", VersionsOracle.script("univers_compare.py"), scheme.rawValue]
            }
        }

        var check: (command: [String], install: String) {
            switch oracle {
            case "node-semver":
                (["node", "-e", "require('/usr/lib/node_modules/npm/node_modules/semver')"], "apt-get install -y npm")
            case "maven":
                (
                    ["sh", "-c", "ls /usr/share/maven/lib/maven-artifact*.jar && java -version"],
                    "apt-get install -y maven"
                )
            default: (["python3", "-c", "import univers"], "pip install univers")
            }
        }
    }

    static func tableVersions(_ rows: [(String, String, VersionOrder)]) -> [String] {
        rows.flatMap { [$0.0, $0.1] }
    }

    static let npmFolders = ["nodejs/npm", "nodejs/yarn", "nodejs/pnpm"]
    static let npmPattern = #""version": *"([0-9][^"]*)""#

    static let cases: [Case] = [
        Case(
            scheme: .npm, folders: npmFolders, pattern: npmPattern,
            tableVersions: tableVersions(SemanticVersionTests.ordered)),
        Case(
            scheme: .npm, folders: npmFolders, pattern: npmPattern,
            tableVersions: tableVersions(SemanticVersionTests.ordered), oracle: "node-semver"),
        Case(
            scheme: .maven, folders: ["java", "gradle"], pattern: #"<version>([0-9][^<$]*)</version>"#,
            tableVersions: tableVersions(EcosystemVersionTests.maven)),
        Case(
            scheme: .maven, folders: ["java", "gradle"], pattern: #"<version>([0-9][^<$]*)</version>"#,
            tableVersions: tableVersions(EcosystemVersionTests.maven), oracle: "maven"),
        Case(
            scheme: .gem, folders: ["ruby"], pattern: #"(?m)^    [a-z0-9_.-]+ \(([0-9][^)]*)\)"#,
            tableVersions: tableVersions(EcosystemVersionTests.gem)),
        Case(
            scheme: .gem, folders: ["ruby"], pattern: #"(?m)^    [a-z0-9_.-]+ \(([0-9][^)]*)\)"#,
            tableVersions: tableVersions(EcosystemVersionTests.gem), oracle: "rubygems"),
        Case(
            scheme: .conan, folders: ["c/conan"], pattern: #"[a-z0-9_.-]+/([0-9][^@#"/]*)"#,
            tableVersions: tableVersions(EcosystemVersionTests.conan)),
        Case(
            scheme: .nuget, folders: ["nuget"], pattern: #""resolved": *"([^"]+)""#,
            tableVersions: tableVersions(EcosystemVersionTests.nuget)),
    ]

    static func fixtureVersions(_ test: Case) throws -> [String] {
        guard let shared = VersionsOracle.sharedRoot else { return [] }
        let regex = try NSRegularExpression(pattern: test.pattern)
        var found: Set<String> = []
        for folder in test.folders {
            let root = shared.appendingPathComponent("fixtures/trivy/pkg/dependency/parser/\(folder)")
            guard let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
                continue
            }
            for case let url as URL in files where url.pathExtension != "go" {
                guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
                let range = NSRange(text.startIndex..., in: text)
                for match in regex.matches(in: text, range: range) {
                    if let group = Range(match.range(at: 1), in: text) { found.insert(String(text[group])) }
                }
            }
        }
        return found.sorted()
    }

    @Test(.enabled(if: VersionsOracle.corpusAvailable("fixture version corpus")), arguments: cases)
    func matchesUnivers(_ test: Case) throws {
        if let missing = VersionsOracle.missingTool(
            ["python3", "-c", "import univers"], install: "pip install univers")
        {
            Issue.record(Comment(rawValue: missing))
            return
        }
        let fixtures = try Self.fixtureVersions(test)
        #expect(fixtures.count >= 5, "too few \(test.scheme) versions found in the fixtures")
        let versions = Array(Set(fixtures + test.tableVersions)).sorted()
        var pairs: [(String, String)] = []
        for (index, a) in versions.enumerated() {
            for b in versions[(index + 1)...] { pairs.append((a, b)) }
        }
        let oracle = try VersionsOracle.answers(test.command, pairs: pairs)
        let disagreements = Corpus.disagreements(scheme: test.scheme, pairs: pairs, oracle: oracle)
        print(
            "\(test) fixture corpus: \(fixtures.count) fixture versions, \(pairs.count) pairs, "
                + "\(disagreements.count) disagreements")
        for disagreement in disagreements.prefix(40) { print("  \(test): \(disagreement)") }
        let unexplained = disagreements.filter { !Self.isExplained($0, test) }
        #expect(unexplained.isEmpty, "\(unexplained.prefix(20))")
    }

    /// Disagreements docs/versions.md explains: univers' Maven port predates Maven's `release` alias
    /// (`1.0.RELEASE == 1.0` in `ComparableVersion`), so it orders `release` as an unknown qualifier.
    static func isExplained(_ disagreement: Corpus.Disagreement, _ test: Case) -> Bool {
        guard test.scheme == .maven, test.oracle == "univers" else { return false }
        return (disagreement.lhs + disagreement.rhs).lowercased().contains("release")
    }
}
