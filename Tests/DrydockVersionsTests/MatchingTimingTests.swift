import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockVersions

/// Times `affects` on 10,000 (installed version, advisory) checks built from real OSV records. Issue 8's
/// budget is 100 ms for 10,000 packages; measure it in a release build with
/// `swift test -c release -Xswiftc -enable-testing --filter MatchingTimingTests`. The time is printed, never
/// asserted; what is checked is that range evaluation with prepared versions gives the same answers as
/// walking the sorted events with plain text comparisons.
@Suite struct MatchingTimingTests {
    /// The affected packages of one OSV folder with the versions they name (the candidates).
    static func packages(_ folder: String) -> [(AffectedPackage, [String])] {
        guard let shared = VersionsOracle.sharedRoot else { return [] }
        var result: [(AffectedPackage, [String])] = []
        for json in Corpus.jsonFiles(shared.appendingPathComponent("advisories/osv/\(folder)")) {
            guard let record = json as? [String: Any], let affected = record["affected"] as? [[String: Any]] else {
                continue
            }
            for entry in affected {
                var ranges: [AffectedRange] = []
                var names = entry["versions"] as? [String] ?? []
                for range in entry["ranges"] as? [[String: Any]] ?? [] where range["type"] as? String != "GIT" {
                    var events: [RangeEvent] = []
                    for event in range["events"] as? [[String: String]] ?? [] {
                        for (key, value) in event {
                            names.append(value)
                            switch key {
                            case "introduced": events.append(.introduced(value))
                            case "fixed": events.append(.fixed(value))
                            case "last_affected": events.append(.lastAffected(value))
                            default: events.append(.limit(value))
                            }
                        }
                    }
                    let kind: AffectedRange.Kind = range["type"] as? String == "SEMVER" ? .semver : .ecosystem
                    ranges.append(AffectedRange(kind: kind, events: events))
                }
                let package = AffectedPackage(
                    advisoryID: "T", namespace: folder, packageName: "p", ranges: ranges,
                    versions: entry["versions"] as? [String] ?? [])
                let candidates = names.filter { $0 != "0" && $0 != "*" }
                if !candidates.isEmpty { result.append((package, candidates)) }
            }
        }
        return result
    }

    /// OSV's walk over events sorted with text comparisons: the reference for `AffectedRange.contains`.
    static func reference(_ range: AffectedRange, _ version: String, _ scheme: VersionScheme) throws -> Bool {
        let sorted = try range.sortedEvents(scheme: scheme).map(\.0)
        var affected = false
        var limits: [String] = []
        for event in sorted {
            let text = event.version
            let order = event.rank == 1 ? try scheme.compare(version, text) : .greater
            switch event {
            case .introduced: if order != .less { affected = true }
            case .fixed: if order != .less { affected = false }
            case .lastAffected: if order == .greater { affected = false }
            case .limit: limits.append(text)
            }
        }
        guard affected, !limits.isEmpty else { return affected }
        for limit in limits {
            if limit == "*" { return true }
            if try scheme.compare(version, limit) == .less { return true }
        }
        return false
    }

    @Test(
        .enabled(if: VersionsOracle.corpusAvailable("matching timing")),
        arguments: [("PyPI", VersionScheme.pep440), ("crates.io", .cargo), ("Go", .go), ("AlmaLinux", .rpm)])
    func affectsTenThousand(_ folder: String, _ scheme: VersionScheme) throws {
        let packages = Self.packages(folder)
        try #require(!packages.isEmpty)
        var generator = Corpus.Generator(state: 42)
        var work: [(AffectedPackage, String)] = []
        while work.count < 10_000 {
            let (package, names) = packages[generator.next(packages.count)]
            work.append((package, names[generator.next(names.count)]))
        }
        var answers: [Bool?] = []
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            answers = work.map { try? $0.0.affects($0.1, scheme: scheme) }
        }
        print("\(scheme): 10,000 affects on osv/\(folder) in \(elapsed)")
        var mismatches: [String] = []
        for ((package, version), answer) in zip(work, answers) {
            let expected =
                try?
                (package.versions.contains(version)
                || package.ranges.contains { try Self.reference($0, version, $0.effectiveScheme(scheme)) })
            if let answer, let expected, answer != expected { mismatches.append(version) }
        }
        let evaluated = answers.count { $0 != nil }
        print("\(scheme): \(evaluated) evaluated, \(answers.count { $0 == true }) affected")
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
        #expect(evaluated > 9_000)
    }
}
