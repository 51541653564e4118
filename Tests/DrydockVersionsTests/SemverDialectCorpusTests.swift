import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockVersions

/// Compares the SemVer dialects that have no OSV data of their own (Hex, Pub, Swift) and Cargo with
/// their real implementations (Elixir's `Version`, SwiftPM's `Version`, the `semver` crate) or, for Pub,
/// with an independent oracle written from `pub_semver`'s rules, on real SemVer strings: the versions of
/// `osv/crates.io` and `osv/Go`, the npm lockfile fixtures and each ecosystem's own lockfile fixtures.
@Suite struct SemverDialectCorpusTests {
    struct Case: Sendable, CustomStringConvertible {
        var scheme: VersionScheme
        var fixture: FixtureCorpusTests.Case
        var command: [String]
        var check: [String]
        var install: String
        var description: String {
            "\(scheme) against \(URL(fileURLWithPath: command.dropFirst().first ?? "").lastPathComponent)"
        }
    }

    static func fixture(_ scheme: VersionScheme, _ folder: String, _ pattern: String) -> FixtureCorpusTests.Case {
        FixtureCorpusTests.Case(scheme: scheme, folders: [folder], pattern: pattern, tableVersions: [])
    }

    static let hexFixture = fixture(.hex, "hex", #":hex, :[a-z0-9_]+, "([^"]+)""#)
    static let pubFixture = fixture(.pub, "dart", #"version: "([^"]+)""#)
    static let swiftFixture = fixture(.swift, "swift/swift", #""version" *: *"([^"]+)""#)
    static let cargoFixture = fixture(.cargo, "rust/cargo", #"(?m)^version = "([^"]+)""#)

    static let cases: [Case] = [
        Case(
            scheme: .hex, fixture: hexFixture,
            command: ["elixir", VersionsOracle.script("elixir_version.exs"), "compare"],
            check: ["elixir", "--version"], install: "apt-get install -y elixir"),
        Case(
            scheme: .pub, fixture: pubFixture, command: ["python3", VersionsOracle.script("pub_semver.py"), "compare"],
            check: ["python3", "--version"], install: "apt-get install -y python3"),
        Case(
            scheme: .swift, fixture: swiftFixture, command: ["python3", VersionsOracle.script("swiftpm_version.py")],
            check: ["swiftc", "--version"], install: "a Swift toolchain (swiftc on PATH)"),
        Case(
            scheme: .cargo, fixture: cargoFixture,
            command: ["python3", VersionsOracle.script("cargo_semver.py"), "compare"],
            check: ["sh", "-c", "command -v rustc && ls -d /usr/share/cargo/registry/semver-1.*"],
            install: "apt-get install -y rustc librust-semver-dev"),
    ]

    /// Real SemVer strings grouped by package: crates.io and Go (without `v`) OSV versions, npm lockfile
    /// versions, the ecosystem's own fixture versions and the SemVer rule table.
    static func versions(_ fixture: FixtureCorpusTests.Case) throws -> [[String]] {
        var groups = OSVCorpusTests.versions("crates.io")
        groups += OSVCorpusTests.versions("Go").map { group in
            group.map { $0.hasPrefix("v") ? String($0.dropFirst()) : $0 }
        }
        groups.append(try FixtureCorpusTests.fixtureVersions(FixtureCorpusTests.cases[0]))
        groups.append(try FixtureCorpusTests.fixtureVersions(fixture))
        groups.append(FixtureCorpusTests.tableVersions(SemanticVersionTests.ordered))
        return groups
    }

    @Test(.enabled(if: VersionsOracle.corpusAvailable("SemVer dialect corpus")), arguments: cases)
    func matchesOracle(_ test: Case) throws {
        if let missing = VersionsOracle.missingTool(test.check, install: test.install) {
            Issue.record(Comment(rawValue: missing))
            return
        }
        let fixtures = try FixtureCorpusTests.fixtureVersions(test.fixture)
        #expect(fixtures.count >= 3, "too few \(test.scheme) versions found in the fixtures")
        let pairs = Corpus.pairs(groups: try Self.versions(test.fixture), random: 6_000)
        #expect(pairs.count > 8_000)
        let oracle = try VersionsOracle.answers(test.command, pairs: pairs)
        let disagreements = Corpus.disagreements(scheme: test.scheme, pairs: pairs, oracle: oracle)
        print(
            "\(test) corpus: \(pairs.count) pairs (\(fixtures.count) fixture versions), "
                + "\(disagreements.count) disagreements")
        for disagreement in disagreements.prefix(30) { print("  \(test): \(disagreement)") }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20))")
    }
}
