import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockVersions

/// Compares Drydock's PEP 440 specifier evaluation with PyPI `packaging` on versions and bounds taken
/// from the PyPI OSV records: every operator, with bounds and candidates from the same package.
@Suite struct SpecifierCorpusTests {
    static func checks() -> [(String, String)] {
        let groups = OSVCorpusTests.versions("PyPI").map { Array(Set($0)).sorted() }.filter { $0.count > 1 }
        var generator = Corpus.Generator(state: 7)
        var result: [(String, String)] = []
        let operators = ["<", "<=", ">", ">=", "==", "!=", "~=", "==*", "!=*"]
        for group in groups {
            for _ in 0..<6 {
                let candidate = group[generator.next(group.count)]
                let bound = group[generator.next(group.count)]
                let other = group[generator.next(group.count)]
                var op = operators[generator.next(operators.count)]
                var target = bound
                if op.hasSuffix("*") {
                    op.removeLast()
                    let parts = bound.split(separator: ".")
                    target = parts.prefix(max(1, parts.count - 1)).joined(separator: ".") + ".*"
                }
                result.append((candidate, "\(op)\(target)"))
                result.append((candidate, ">=\(min(bound, other)),<\(max(bound, other))"))
            }
        }
        return result
    }

    @Test(.enabled(if: VersionsOracle.corpusAvailable("PEP 440 specifier corpus")))
    func matchesPackaging() throws {
        if let missing = VersionsOracle.missingTool(
            ["python3", "-c", "import packaging"], install: "pip install packaging")
        {
            Issue.record(Comment(rawValue: missing))
            return
        }
        let checks = Self.checks()
        #expect(checks.count > 5_000)
        let oracle = try VersionsOracle.answers(
            ["python3", VersionsOracle.script("packaging_specifier.py")], pairs: checks)
        var disagreements: [String] = []
        for (index, check) in checks.enumerated() {
            let ours: String
            do {
                ours = try VersionScheme.pep440.satisfies(check.0, constraint: check.1) ? "true" : "false"
            } catch {
                ours = "!"
            }
            let theirs = index < oracle.count ? oracle[index] : "missing"
            if ours != theirs { disagreements.append("\(check.0) in \(check.1): drydock \(ours), packaging \(theirs)") }
        }
        print("pep440 specifier corpus: \(checks.count) checks against packaging, \(disagreements.count) disagreements")
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20))")
    }
}
