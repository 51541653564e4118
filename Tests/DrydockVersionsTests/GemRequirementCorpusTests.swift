import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockVersions

/// Compares Drydock's RubyGems requirement evaluation with RubyGems itself on requirements of every
/// operator built from the Gemfile.lock fixture versions and the rule-table versions.
@Suite struct GemRequirementCorpusTests {
    static func requirements(from versions: [String]) -> [String] {
        var result: Set<String> = []
        var generator = Corpus.Generator(state: 5)
        for version in versions where !version.trimmingCharacters(in: .whitespaces).isEmpty {
            let other = versions[generator.next(versions.count)]
            let major = version.split(separator: ".")[0]
            result.formUnion([
                "~> \(version)", ">= \(version)", "> \(version)", "< \(version)", "<= \(version)", "= \(version)",
                "!= \(version)", "\(version)", "~> \(major)", ">= \(version), < \(other)", "~> \(version), != \(other)",
            ])
        }
        return result.sorted()
    }

    @Test(.enabled(if: VersionsOracle.corpusAvailable("RubyGems requirement corpus")))
    func matchesRubyGems() throws {
        if let missing = VersionsOracle.missingTool(
            ["ruby", "-e", "require 'rubygems'"], install: "apt-get install -y ruby")
        {
            Issue.record(Comment(rawValue: missing))
            return
        }
        guard let gem = FixtureCorpusTests.cases.first(where: { $0.scheme == .gem }) else {
            Issue.record("no gem fixture case")
            return
        }
        let fixtures = try FixtureCorpusTests.fixtureVersions(gem)
        let versions = Array(Set(fixtures + gem.tableVersions)).sorted()
        let requirements = Self.requirements(from: versions)
        var checks: [(String, String)] = []
        for requirement in requirements { for version in versions { checks.append((version, requirement)) } }
        #expect(checks.count > 5_000)
        let oracle = try VersionsOracle.answers(
            ["python3", VersionsOracle.script("rubygems.py"), "satisfies"], pairs: checks)
        var disagreements: [String] = []
        for (index, check) in checks.enumerated() {
            let ours: String
            do {
                ours = try VersionScheme.gem.satisfies(check.0, constraint: check.1) ? "true" : "false"
            } catch {
                ours = "!"
            }
            let theirs = index < oracle.count ? oracle[index] : "missing"
            if ours != theirs {
                disagreements.append("\"\(check.0)\" in \"\(check.1)\": drydock \(ours), rubygems \(theirs)")
            }
        }
        print(
            "gem requirement corpus: \(requirements.count) requirements x \(versions.count) versions, \(disagreements.count) disagreements"
        )
        for disagreement in disagreements.prefix(40) { print("  gem requirement: \(disagreement)") }
        #expect(disagreements.isEmpty)
    }
}
