import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockVersions

/// Compares Drydock's Maven range evaluation with Maven's own `VersionRange` on ranges of every form
/// built from the pom fixture versions and the rule-table versions.
@Suite struct MavenRangeCorpusTests {
    static func ranges(from versions: [String]) -> [String] {
        var result: Set<String> = []
        var generator = Corpus.Generator(state: 3)
        for version in versions {
            let a = version
            let b = versions[generator.next(versions.count)]
            let c = versions[generator.next(versions.count)]
            result.formUnion([
                "[\(a),\(b))", "(\(a),\(b)]", "[\(a),\(b)]", "(\(a),\(b))", "[\(a)]", "(,\(a)]", "(,\(a))", "[\(a),)",
                "(\(a),)", "\(a)", "(,\(a)],[\(b),)", "[\(a),\(b)),[\(c),)",
            ])
        }
        return result.sorted()
    }

    @Test(.enabled(if: VersionsOracle.corpusAvailable("Maven range corpus")))
    func matchesMaven() throws {
        if let missing = VersionsOracle.missingTool(
            ["sh", "-c", "ls /usr/share/maven/lib/maven-artifact*.jar && java -version"],
            install: "apt-get install -y maven")
        {
            Issue.record(Comment(rawValue: missing))
            return
        }
        guard let maven = FixtureCorpusTests.cases.first(where: { $0.scheme == .maven }) else {
            Issue.record("no Maven fixture case")
            return
        }
        let fixtures = try FixtureCorpusTests.fixtureVersions(maven)
        let versions = Array(Set(fixtures + maven.tableVersions)).sorted()
        let ranges = Self.ranges(from: versions)
        var checks: [(String, String)] = []
        for range in ranges { for version in versions { checks.append((version, range)) } }
        #expect(checks.count > 10_000)
        let oracle = try VersionsOracle.answers(["python3", VersionsOracle.script("maven_range.py")], pairs: checks)
        var disagreements: [String] = []
        for (index, check) in checks.enumerated() {
            let ours: String
            do {
                ours = try VersionScheme.maven.satisfies(check.0, constraint: check.1) ? "true" : "false"
            } catch {
                ours = "!"
            }
            let theirs = index < oracle.count ? oracle[index] : "missing"
            if ours != theirs { disagreements.append("\(check.0) in \"\(check.1)\": drydock \(ours), maven \(theirs)") }
        }
        print(
            "maven range corpus: \(ranges.count) ranges x \(versions.count) versions, \(disagreements.count) disagreements"
        )
        for disagreement in disagreements.prefix(40) { print("  maven range: \(disagreement)") }
        #expect(disagreements.isEmpty)
    }
}
