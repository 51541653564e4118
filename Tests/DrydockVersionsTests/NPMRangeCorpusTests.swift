import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockVersions

/// Compares Drydock's npm range evaluation with node-semver (the copy npm bundles) on ranges of every
/// form built from the versions in the real npm lockfile fixtures, checked against all those versions.
@Suite struct NPMRangeCorpusTests {
    static func ranges(from versions: [String]) -> [String] {
        var result: Set<String> = ["*", "", "x", ">=0.0.0", "<0.0.1-0"]
        var generator = Corpus.Generator(state: 11)
        for version in versions {
            let core = version.split(separator: "-")[0].split(separator: "+")[0]
            let parts = core.split(separator: ".")
            guard parts.count == 3 else { continue }
            let (major, minor) = (parts[0], parts[1])
            let other = versions[generator.next(versions.count)]
            result.formUnion([
                "^\(version)", "~\(version)", ">=\(version)", "<\(version)", ">\(version)", "<=\(version)",
                "=\(version)", "^\(major).\(minor)", "~\(major).\(minor)", "\(major).x", "\(major).\(minor).x",
                ">\(major).\(minor)", "<=\(major)", "\(version) - \(other)", "\(major).\(minor) - \(other)",
                ">=\(version) <\(other)", "^\(version) || ~\(other)", "^0.\(minor)", "^0.0.\(parts[2])",
                "~> \(version)", ">= \(version)",
            ])
        }
        return result.sorted()
    }

    @Test(.enabled(if: VersionsOracle.corpusAvailable("npm range corpus")))
    func matchesNodeSemver() throws {
        if let missing = VersionsOracle.missingTool(
            ["node", "-e", "require('/usr/lib/node_modules/npm/node_modules/semver')"],
            install: "apt-get install -y npm")
        {
            Issue.record(Comment(rawValue: missing))
            return
        }
        let npm = FixtureCorpusTests.cases[0]
        let fixtures = try FixtureCorpusTests.fixtureVersions(npm)
        let versions = Array(Set(fixtures + npm.tableVersions)).sorted()
        let ranges = Self.ranges(from: versions)
        var checks: [(String, String)] = []
        for range in ranges { for version in versions { checks.append((version, range)) } }
        #expect(checks.count > 10_000)
        let oracle = try VersionsOracle.answers(
            ["python3", VersionsOracle.script("npm_semver.py"), "satisfies"], pairs: checks)
        var disagreements: [String] = []
        for (index, check) in checks.enumerated() {
            let ours: String
            do {
                ours = try VersionScheme.npm.satisfies(check.0, constraint: check.1) ? "true" : "false"
            } catch {
                ours = "!"
            }
            let theirs = index < oracle.count ? oracle[index] : "missing"
            if ours != theirs {
                disagreements.append("\(check.0) in \"\(check.1)\": drydock \(ours), node-semver \(theirs)")
            }
        }
        print(
            "npm range corpus: \(ranges.count) ranges x \(versions.count) versions, \(disagreements.count) disagreements"
        )
        for disagreement in disagreements.prefix(40) { print("  npm range: \(disagreement)") }
        #expect(disagreements.isEmpty)
    }
}
