import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockVersions

/// Shared machinery for the corpus tests: pair building and comparison with an oracle.
enum Corpus {
    /// A small deterministic generator so corpus pairs are the same on every run.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// Neighbour pairs of each group's sorted versions, plus `random` pairs drawn from all versions.
    static func pairs(groups: [[String]], random: Int, limit: Int = .max) -> [(String, String)] {
        var result: [(String, String)] = []
        var generator = Generator(state: 42)
        for group in groups {
            let sorted = Array(Set(group)).sorted()
            for index in sorted.indices.dropFirst() { result.append((sorted[index - 1], sorted[index])) }
        }
        if result.count > limit {
            var sampled: [(String, String)] = []
            let step = Double(result.count) / Double(limit)
            var position = 0.0
            while Int(position) < result.count && sampled.count < limit {
                sampled.append(result[Int(position)])
                position += step
            }
            result = sampled
        }
        let all = Array(Set(groups.joined())).sorted()
        if all.count > 1 {
            for _ in 0..<random { result.append((all[generator.next(all.count)], all[generator.next(all.count)])) }
        }
        return result
    }

    /// One disagreement between Drydock and an oracle.
    struct Disagreement: CustomStringConvertible {
        var lhs: String
        var rhs: String
        var drydock: String
        var oracle: String
        var description: String { "\(lhs) vs \(rhs): drydock \(drydock), oracle \(oracle)" }
    }

    /// Compares every pair with Drydock and with the oracle's answers (`<`, `=`, `>`, `!` for rejected).
    static func disagreements(
        scheme: VersionScheme, pairs: [(String, String)], oracle: [String]
    ) -> [Disagreement] {
        var result: [Disagreement] = []
        for (index, pair) in pairs.enumerated() {
            let ours: String
            do { ours = try scheme.compare(pair.0, pair.1).rawValue } catch { ours = "!" }
            let theirs = index < oracle.count ? oracle[index] : "missing"
            if ours != theirs {
                result.append(Disagreement(lhs: pair.0, rhs: pair.1, drydock: ours, oracle: theirs))
            }
        }
        return result
    }

    /// Checks every `(version, constraint)` pair with `satisfies` against the oracle's answers
    /// (`true`, `false`, `!` for rejected); returns one line per disagreement that `explained` does not excuse.
    static func constraintDisagreements(
        scheme: VersionScheme, checks: [(String, String)], oracle: [String],
        explained: (String, String) -> Bool = { _, _ in false }
    ) -> [String] {
        var result: [String] = []
        for (index, check) in checks.enumerated() {
            let ours: String
            do {
                ours = try scheme.satisfies(check.0, constraint: check.1) ? "true" : "false"
            } catch {
                ours = "!"
            }
            let theirs = index < oracle.count ? oracle[index] : "missing"
            if ours != theirs && !explained(check.0, check.1) {
                result.append("\(check.0) in \"\(check.1)\": drydock \(ours), oracle \(theirs)")
            }
        }
        return result
    }

    /// Reads every JSON file under `folder`.
    static func jsonFiles(_ folder: URL) -> [Any] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
            return []
        }
        var result: [Any] = []
        for case let url as URL in enumerator where url.pathExtension == "json" {
            if let data = try? Data(contentsOf: url), let json = try? JSONSerialization.jsonObject(with: data) {
                result.append(json)
            }
        }
        return result
    }
}
