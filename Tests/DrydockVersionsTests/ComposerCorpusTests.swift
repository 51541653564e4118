import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockVersions

/// Compares Drydock's Composer ordering and constraints with Composer's own `composer/semver` library
/// on the composer.lock fixture versions, their stability variants and the rule-table versions.
@Suite struct ComposerCorpusTests {
    static func versions() throws -> [String] {
        let composer = FixtureCorpusTests.Case(
            scheme: .composer, folders: ["php"], pattern: #""version": *"(v?[0-9][^"]*)""#,
            tableVersions: FixtureCorpusTests.tableVersions(EcosystemVersionTests.composer))
        let fixtures = try FixtureCorpusTests.fixtureVersions(composer)
        var result = Set(fixtures + composer.tableVersions)
        for version in fixtures {
            for suffix in ["-beta1", "-RC2", "-dev", "-patch1", ".1", "-alpha", "-b3", "-p2", "-stable", "@dev"] {
                result.insert(version + suffix)
            }
        }
        result.formUnion(["1.x-dev", "2.0.x-dev", "dev-main", "dev-feature/x", "2024.01.05", "20240105", "v2.3"])
        return result.sorted()
    }

    static func constraints(from versions: [String]) -> [String] {
        var result: Set<String> = ["*", "1.*", "^1 || ^2", ">=1.0 <2.0", "dev-main", "~1", "1.0 - 2.0"]
        var generator = Corpus.Generator(state: 13)
        for (index, version) in versions.enumerated() where index % 3 == 0 && !version.hasPrefix("dev-") {
            let other = versions[generator.next(versions.count)]
            let core = version.split(separator: "-")[0]
            result.formUnion([
                "^\(version)", "~\(version)", ">=\(version)", "<\(version)", ">\(version)", "<=\(version)",
                "!=\(version)", "\(version)", "\(core).*", ">=\(version) <\(other)", "\(core) - \(other)",
                "^\(core) || ~\(other)", ">=\(version),<\(other)",
            ])
        }
        return result.sorted()
    }

    static func compare(_ checks: [(String, String)], mode: String, ours: (String, String) throws -> String) throws
        -> [String]
    {
        let oracle = try VersionsOracle.answers(
            ["python3", VersionsOracle.script("composer_semver.py"), mode], pairs: checks)
        var disagreements: [String] = []
        for (index, check) in checks.enumerated() {
            let answer = (try? ours(check.0, check.1)) ?? "!"
            let theirs = index < oracle.count ? oracle[index] : "missing"
            if answer != theirs {
                disagreements.append("\(check.0) \(mode) \"\(check.1)\": drydock \(answer), composer \(theirs)")
            }
        }
        return disagreements
    }

    @Test(.enabled(if: VersionsOracle.corpusAvailable("Composer corpus")))
    func matchesComposer() throws {
        if let missing = VersionsOracle.missingTool(
            ["php", "-r", "require '/usr/share/php/Composer/Semver/autoload.php';"],
            install: "apt-get install -y php-cli php-composer-semver")
        {
            Issue.record(Comment(rawValue: missing))
            return
        }
        let versions = try Self.versions()
        var pairs: [(String, String)] = []
        for (index, a) in versions.enumerated() { for b in versions[(index + 1)...] { pairs.append((a, b)) } }
        let ordering = try Self.compare(pairs, mode: "compare") { try VersionScheme.composer.compare($0, $1).rawValue }
        let constraints = Self.constraints(from: versions)
        var checks: [(String, String)] = []
        for constraint in constraints { for version in versions { checks.append((version, constraint)) } }
        let satisfying = try Self.compare(checks, mode: "satisfies") {
            try VersionScheme.composer.satisfies($0, constraint: $1) ? "true" : "false"
        }
        print(
            "composer corpus: \(pairs.count) pairs, \(ordering.count) disagreements; \(checks.count) constraint "
                + "checks, \(satisfying.count) disagreements")
        var seen: Set<String> = []
        for disagreement in ordering + satisfying {
            let key = String(disagreement.split(separator: "\"").dropFirst().first ?? "")
            if seen.insert(key).inserted && seen.count <= 60 { print("  composer: \(disagreement)") }
        }
        #expect(ordering.isEmpty)
        #expect(satisfying.isEmpty)
    }
}
