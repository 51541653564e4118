import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockVersions

/// Compares Drydock with PyPI `univers` on every pair of versions taken from the real lockfiles in
/// `../shared/fixtures/trivy` plus the versions of this package's own rule tables.
@Suite struct FixtureCorpusTests {
    struct Case: Sendable, CustomStringConvertible {
        var scheme: VersionScheme
        var folders: [String]
        var pattern: String
        var tableVersions: [String]
        var description: String { "\(scheme)" }
    }

    static func tableVersions(_ rows: [(String, String, VersionOrder)]) -> [String] {
        rows.flatMap { [$0.0, $0.1] }
    }

    static let cases: [Case] = [
        Case(
            scheme: .npm, folders: ["nodejs/npm", "nodejs/yarn", "nodejs/pnpm"],
            pattern: #""version": *"([0-9][^"]*)""#, tableVersions: tableVersions(SemanticVersionTests.ordered)),
        Case(
            scheme: .maven, folders: ["java", "gradle"], pattern: #"<version>([0-9][^<$]*)</version>"#,
            tableVersions: tableVersions(EcosystemVersionTests.maven)),
        Case(
            scheme: .gem, folders: ["ruby"], pattern: #"(?m)^    [a-z0-9_.-]+ \(([0-9][^)]*)\)"#,
            tableVersions: tableVersions(EcosystemVersionTests.gem)),
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
        let oracle = try VersionsOracle.answers(
            ["python3", VersionsOracle.script("univers_compare.py"), test.scheme.rawValue], pairs: pairs)
        let disagreements = Corpus.disagreements(scheme: test.scheme, pairs: pairs, oracle: oracle)
        print(
            "\(test.scheme) fixture corpus: \(fixtures.count) fixture versions, \(pairs.count) pairs, "
                + "\(disagreements.count) disagreements")
        let unexplained = disagreements.filter { !Self.isExplained($0, scheme: test.scheme) }
        #expect(unexplained.isEmpty, "\(unexplained.prefix(20))")
    }

    /// Disagreements docs/versions.md explains: univers' Maven port predates Maven's `release` alias
    /// (`1.0.RELEASE == 1.0` in `ComparableVersion`), so it orders `release` as an unknown qualifier.
    static func isExplained(_ disagreement: Corpus.Disagreement, scheme: VersionScheme) -> Bool {
        guard scheme == .maven else { return false }
        return (disagreement.lhs + disagreement.rhs).lowercased().contains("release")
    }
}
