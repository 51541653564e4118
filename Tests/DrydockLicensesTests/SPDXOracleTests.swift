import DrydockLicenses
import DrydockTestSupport
import Foundation
import Testing

/// Drydock's SPDX table and normaliser checked against PyPI's license-expression, an independent copy of the
/// SPDX license list (`scripts/oracles/spdx_validate.py`).
struct SPDXOracleTests {
    static let oracle = PackagePaths.root.appendingPathComponent("scripts/oracles/spdx_validate.py").path

    static var available: Bool {
        guard (try? ProcessRunner.run("python3", ["-c", "import license_expression"]).status) == 0 else {
            print("skipped: license-expression is not installed (scripts/install-test-deps installs it)")
            return false
        }
        return true
    }

    @Test(.enabled(if: available))
    func everyIDTheOracleKnowsIsInTheTable() throws {
        let run = try ProcessRunner.run("python3", [Self.oracle, "--ids"])
        try #require(run.status == 0, "\(run.stderr)")
        let known = run.output.split(separator: "\n").map(String.init)
        #expect(known.count > 500)
        let missing = known.filter { SPDXIdentifiers.license($0) == nil && SPDXIdentifiers.exception($0) == nil }
        #expect(missing.isEmpty, "not in SPDX list \(SPDXIdentifiers.listVersion): \(missing)")
    }

    @Test(.enabled(if: available))
    func everyNormalisedNameIsAValidSPDXExpression() throws {
        var expressions = Set<String>()
        for (name, _) in LicenseNamesTests.names {
            expressions.insert(LicenseNames.normalize(name).description)
        }
        for (expression, _) in LicenseExpressionParserTests.splits {
            if let parsed = LicenseExpressionParser.parse(expression) { expressions.insert(parsed.description) }
        }
        // Drydock's own names (LicenseRef-, AdditionRef-) are valid SPDX but unknown to any list.
        let checked = expressions.filter { !$0.contains("LicenseRef-") && !$0.contains("AdditionRef-") }.sorted()
        #expect(checked.count > 50)
        let run = try ProcessRunner.run("python3", [Self.oracle], input: Data(checked.joined(separator: "\n").utf8))
        try #require(run.status == 0, "\(run.stderr)")
        #expect(run.output.isEmpty, "invalid per license-expression:\n\(run.output)")
    }

    @Test func normalisingIsIdempotent() {
        for (name, _) in LicenseNamesTests.names {
            let once = LicenseNames.normalize(name).description
            #expect(LicenseExpressionParser.parse(once)?.description == once, "\(name) → \(once)")
        }
    }
}
