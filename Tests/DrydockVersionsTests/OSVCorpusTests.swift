import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockVersions

/// Compares Drydock with the ecosystems' real implementations on the versions named in real OSV records.
@Suite struct OSVCorpusTests {
    /// Versions named by the OSV records of one ecosystem folder, grouped by package name.
    static func versions(_ folder: String) -> [[String]] {
        guard let shared = VersionsOracle.sharedRoot else { return [] }
        var byPackage: [String: [String]] = [:]
        for json in Corpus.jsonFiles(shared.appendingPathComponent("advisories/osv/\(folder)")) {
            guard let record = json as? [String: Any], let affected = record["affected"] as? [[String: Any]] else {
                continue
            }
            for entry in affected {
                let name = (entry["package"] as? [String: Any])?["name"] as? String ?? ""
                var found = entry["versions"] as? [String] ?? []
                for range in entry["ranges"] as? [[String: Any]] ?? [] where range["type"] as? String != "GIT" {
                    for event in range["events"] as? [[String: String]] ?? [] {
                        found.append(contentsOf: event.values.filter { $0 != "0" })
                    }
                }
                byPackage[name, default: []].append(contentsOf: found)
            }
        }
        return byPackage.keys.sorted().compactMap { byPackage[$0] }
    }

    struct Case: Sendable, CustomStringConvertible {
        var scheme: VersionScheme
        var folder: String
        var command: [String]
        var check: [String]
        var install: String
        var random: Int
        var description: String { "\(scheme) on \(folder)" }
    }

    static let cases: [Case] = [
        Case(
            scheme: .rpm, folder: "AlmaLinux", command: ["/usr/bin/python3", VersionsOracle.script("rpm_compare.py")],
            check: ["/usr/bin/python3", "-c", "import rpm"], install: "apt-get install -y python3-rpm rpm",
            random: 10_000),
        Case(
            scheme: .pep440, folder: "PyPI", command: ["python3", VersionsOracle.script("packaging_compare.py")],
            check: ["python3", "-c", "import packaging"], install: "pip install packaging", random: 10_000),
        Case(
            scheme: .go, folder: "Go", command: ["python3", VersionsOracle.script("univers_compare.py"), "go"],
            check: ["python3", "-c", "import univers"], install: "pip install univers", random: 5_000),
        Case(
            scheme: .cargo, folder: "crates.io",
            command: ["python3", VersionsOracle.script("univers_compare.py"), "cargo"],
            check: ["python3", "-c", "import univers"], install: "pip install univers", random: 3_000),
    ]

    @Test(.enabled(if: VersionsOracle.corpusAvailable("OSV version corpus")), arguments: cases)
    func matchesOracle(_ test: Case) throws {
        if let missing = VersionsOracle.missingTool(test.check, install: test.install) {
            Issue.record(Comment(rawValue: missing))
            return
        }
        let pairs = Corpus.pairs(groups: Self.versions(test.folder), random: test.random)
        #expect(pairs.count > 1_000)
        let oracle = try VersionsOracle.answers(test.command, pairs: pairs)
        let disagreements = Corpus.disagreements(scheme: test.scheme, pairs: pairs, oracle: oracle)
        print(
            "\(test.scheme) corpus: \(pairs.count) pairs from osv/\(test.folder), \(disagreements.count) disagreements")
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20))")
    }
}
