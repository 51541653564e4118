import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockVersions

/// Compares `VersionScheme.satisfies` with the real constraint implementations (the `semver` crate's
/// `VersionReq`, Elixir's `Version.match?`, `dpkg --compare-versions`, `rpm.labelCompare`), univers
/// (NuGet ranges, apk and Conan ordering) and the independent Pub oracle, on constraints of every form
/// built from real versions: candidate and bounds are drawn from the same package's versions.
@Suite struct ConstraintCorpusTests {
    /// Builds one constraint from a lower and a higher version of the same package.
    typealias Form = @Sendable (_ low: String, _ high: String) -> String?

    struct Case: Sendable, CustomStringConvertible {
        var scheme: VersionScheme
        var command: [String]
        var check: [String]
        var install: String
        var total: Int
        var forms: [Form]
        var description: String { "\(scheme) constraints" }
    }

    /// `major.minor` of a version (pre-release and build dropped).
    static func majorMinor(_ version: String) -> String? {
        let core = version.split(separator: "-")[0].split(separator: "+")[0].split(separator: ".")
        return core.count >= 2 ? "\(core[0]).\(core[1])" : nil
    }

    static func major(_ version: String) -> String? {
        version.split(separator: ".").first.map(String.init)
    }

    static let cargoForms: [Form] = [
        { a, _ in "^\(a)" }, { a, _ in "~\(a)" }, { a, _ in "=\(a)" }, { a, _ in ">\(a)" }, { a, _ in ">=\(a)" },
        { _, b in "<\(b)" }, { _, b in "<=\(b)" }, { a, _ in a }, { a, b in ">=\(a), <\(b)" },
        { a, b in ">\(a), <=\(b)" }, { a, _ in majorMinor(a).map { "^\($0)" } },
        { a, _ in majorMinor(a).map { "~\($0)" } }, { a, _ in major(a).map { "\($0).*" } },
        { a, _ in majorMinor(a).map { "\($0).*" } }, { _, _ in "*" }, { a, _ in majorMinor(a).map { ">\($0)" } },
        { _, b in majorMinor(b).map { "<=\($0)" } }, { a, _ in majorMinor(a) }, { a, _ in major(a).map { "~\($0)" } },
    ]

    static let hexForms: [Form] = [
        { a, _ in "== \(a)" }, { a, _ in a }, { a, _ in "!= \(a)" }, { a, _ in "> \(a)" }, { a, _ in ">= \(a)" },
        { _, b in "< \(b)" }, { _, b in "<= \(b)" }, { a, _ in majorMinor(a).map { "~> \($0)" } },
        { a, _ in "~> \(a)" }, { a, b in ">= \(a) and < \(b)" }, { a, b in "< \(a) or >= \(b)" },
        { a, b in "~> \(a) and != \(b)" }, { a, b in "> \(a) and <= \(b) or == \(a)" },
    ]

    static let pubForms: [Form] = [
        { _, _ in "any" }, { a, _ in a }, { a, _ in "^\(a)" }, { a, _ in ">=\(a)" }, { a, _ in ">\(a)" },
        { _, b in "<\(b)" }, { _, b in "<=\(b)" }, { a, b in ">=\(a) <\(b)" }, { a, b in ">\(a) <=\(b)" },
        { a, b in ">= \(a) < \(b)" },
    ]

    static let nugetForms: [Form] = [
        { a, _ in a }, { a, _ in "[\(a)]" }, { a, b in "[\(a),\(b))" }, { a, b in "(\(a),\(b)]" },
        { _, b in "(,\(b)]" }, { a, _ in "(\(a),)" }, { a, b in "[\(a), \(b)]" }, { _, b in "(,\(b))" },
    ]

    static let genericForms: [Form] = [
        { _, b in "< \(b)" }, { _, b in "<= \(b)" }, { a, _ in "= \(a)" }, { a, _ in "!= \(a)" },
        { a, _ in ">= \(a)" }, { a, _ in "> \(a)" }, { a, b in ">= \(a), < \(b)" }, { a, b in "> \(a), <= \(b)" },
        { a, b in "< \(a) || >= \(b)" }, { a, b in "= \(a) || = \(b)" }, { a, _ in "==\(a)" }, { _, b in "<\(b)" },
    ]

    static let debForms: [Form] = genericForms + [{ _, b in "<< \(b)" }, { a, _ in ">> \(a)" }]

    static func univers(_ script: String, _ argument: [String] = []) -> (command: [String], check: [String]) {
        (["python3", VersionsOracle.script(script)] + argument, ["python3", "-c", "import univers"])
    }

    static let cases: [Case] = [
        Case(
            scheme: .cargo, command: ["python3", VersionsOracle.script("cargo_semver.py"), "satisfies"],
            check: ["sh", "-c", "command -v rustc && ls -d /usr/share/cargo/registry/semver-1.*"],
            install: "apt-get install -y rustc librust-semver-dev", total: 8_000, forms: cargoForms),
        Case(
            scheme: .hex, command: ["elixir", VersionsOracle.script("elixir_version.exs"), "satisfies"],
            check: ["elixir", "--version"], install: "apt-get install -y elixir", total: 8_000, forms: hexForms),
        Case(
            scheme: .pub, command: ["python3", VersionsOracle.script("pub_semver.py"), "satisfies"],
            check: ["python3", "--version"], install: "apt-get install -y python3", total: 6_000, forms: pubForms),
        Case(
            scheme: .nuget, command: univers("nuget_range.py").command, check: univers("").check,
            install: "pip install univers", total: 5_000, forms: nugetForms),
        Case(
            scheme: .deb, command: ["python3", VersionsOracle.script("generic_constraint.py"), "deb"],
            check: ["dpkg", "--version"], install: "apt-get install -y dpkg", total: 3_000, forms: debForms),
        Case(
            scheme: .rpm, command: ["/usr/bin/python3", VersionsOracle.script("generic_constraint.py"), "rpm"],
            check: ["/usr/bin/python3", "-c", "import rpm"], install: "apt-get install -y python3-rpm rpm",
            total: 6_000, forms: genericForms),
        Case(
            scheme: .apk, command: univers("generic_constraint.py", ["apk"]).command, check: univers("").check,
            install: "pip install univers", total: 5_000, forms: genericForms),
        Case(
            scheme: .conan, command: univers("generic_constraint.py", ["conan"]).command, check: univers("").check,
            install: "pip install univers", total: 4_000, forms: genericForms),
    ]

    /// Real versions grouped by package for each scheme.
    static func versions(_ scheme: VersionScheme) throws -> [[String]] {
        let crates = OSVCorpusTests.versions("crates.io")
        switch scheme {
        case .cargo: return crates + [try FixtureCorpusTests.fixtureVersions(SemverDialectCorpusTests.cargoFixture)]
        case .hex: return crates + [try FixtureCorpusTests.fixtureVersions(SemverDialectCorpusTests.hexFixture)]
        case .pub: return crates + [try FixtureCorpusTests.fixtureVersions(SemverDialectCorpusTests.pubFixture)]
        case .nuget:
            let nuget = FixtureCorpusTests.cases.first { $0.scheme == .nuget }
            return crates + [try nuget.map(FixtureCorpusTests.fixtureVersions) ?? []]
        case .deb: return try DebAPKCorpusTests.debianVersions()
        case .rpm: return OSVCorpusTests.versions("AlmaLinux")
        case .apk:
            guard let shared = VersionsOracle.sharedRoot else { return [] }
            return try DebAPKCorpusTests.alpineVersions(shared)
        default:
            let conan = FixtureCorpusTests.cases.first { $0.scheme == .conan }
            return crates + [try conan.map(FixtureCorpusTests.fixtureVersions) ?? []]
        }
    }

    /// `total` checks: a random package, a candidate and two bounds from its versions, a random form.
    static func checks(_ test: Case) throws -> [(String, String)] {
        let groups = try versions(test.scheme).map { Array(Set($0)).sorted() }.filter { $0.count > 1 }
        guard !groups.isEmpty else { return [] }
        var generator = Corpus.Generator(state: 2024)
        var result: [(String, String)] = []
        var attempts = 0
        while result.count < test.total && attempts < test.total * 4 {
            attempts += 1
            let group = groups[generator.next(groups.count)]
            let candidate = group[generator.next(group.count)]
            var low = group[generator.next(group.count)]
            var high = group[generator.next(group.count)]
            if (try? test.scheme.compare(low, high)) == .greater { swap(&low, &high) }
            guard let constraint = test.forms[generator.next(test.forms.count)](low, high) else { continue }
            result.append((candidate, constraint))
        }
        return result
    }

    /// The apk difference docs/versions.md explains: univers reads a missing revision as `-r0` (Gentoo),
    /// apk-tools orders `X` below `X-r0`; so a check that sets `X` against `X-r0` may differ.
    static func apkRevision(_ version: String, _ constraint: String) -> Bool {
        let bounds = constraint.split(whereSeparator: { " ,|<>=!".contains($0) }).map(String.init)
        return bounds.contains(version + "-r0")
            || (version.hasSuffix("-r0") && bounds.contains(String(version.dropLast(3))))
    }

    @Test(.enabled(if: VersionsOracle.corpusAvailable("constraint corpus")), arguments: cases)
    func matchesOracle(_ test: Case) throws {
        if let missing = VersionsOracle.missingTool(test.check, install: test.install) {
            Issue.record(Comment(rawValue: missing))
            return
        }
        let checks = try Self.checks(test)
        #expect(checks.count >= test.total / 2)
        let oracle = try VersionsOracle.answers(test.command, pairs: checks)
        let all = Corpus.constraintDisagreements(scheme: test.scheme, checks: checks, oracle: oracle)
        let disagreements = Corpus.constraintDisagreements(
            scheme: test.scheme, checks: checks, oracle: oracle,
            explained: test.scheme == .apk ? Self.apkRevision : { _, _ in false })
        print(
            "\(test) corpus: \(checks.count) checks, \(all.count) disagreements, "
                + "\(disagreements.count) not explained in docs/versions.md")
        for disagreement in disagreements.prefix(30) { print("  \(test): \(disagreement)") }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20))")
    }
}
