import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockVersions

/// Compares Drydock's dpkg and apk ordering with the real tools on real version strings.
@Suite struct DebAPKCorpusTests {
    /// Debian versions from this machine's dpkg database and apt package lists.
    static func debianVersions() throws -> [[String]] {
        var groups: [[String]] = []
        let installed = try VersionsOracle.run(["dpkg-query", "-W", "-f=${Version}\\n"], input: Data())
        groups.append(String(decoding: installed.output, as: UTF8.self).split(separator: "\n").map(String.init))
        let lists = URL(fileURLWithPath: "/var/lib/apt/lists")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: lists.path)) ?? []
        for file in files where file.contains("_Packages") {
            let path = lists.appendingPathComponent(file).path
            // apt-helper decompresses the lists whatever their compression; without it, skip the lists.
            guard let text = try? VersionsOracle.run(["/usr/lib/apt/apt-helper", "cat-file", path], input: Data())
            else { continue }
            var versions: [String] = []
            for line in String(decoding: text.output, as: UTF8.self).split(separator: "\n")
            where line.hasPrefix("Version: ") {
                versions.append(String(line.dropFirst(9)))
            }
            groups.append(versions)
        }
        return groups
    }

    @Test(.enabled(if: VersionsOracle.corpusAvailable("deb corpus")))
    func debMatchesDpkg() throws {
        if let missing = VersionsOracle.missingTool(["dpkg", "--version"], install: "apt-get install -y dpkg") {
            Issue.record(Comment(rawValue: missing))
            return
        }
        let pairs = Corpus.pairs(groups: try Self.debianVersions(), random: 2_000, limit: 8_000)
        #expect(pairs.count > 300)
        let oracle = try VersionsOracle.answers(["python3", VersionsOracle.script("dpkg_compare.py")], pairs: pairs)
        let disagreements = Corpus.disagreements(scheme: .deb, pairs: pairs, oracle: oracle)
        print("deb corpus: \(pairs.count) pairs against dpkg --compare-versions, \(disagreements.count) disagreements")
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20))")
    }

    /// apk versions: the Alpine secdb `secfixes` keys per package, and `V:` lines of apk databases.
    static func alpineVersions(_ shared: URL) throws -> [[String]] {
        var byPackage: [String: [String]] = [:]
        for json in Corpus.jsonFiles(shared.appendingPathComponent("advisories/alpine-secdb")) {
            guard let root = json as? [String: Any], let packages = root["packages"] as? [[String: Any]] else {
                continue
            }
            for entry in packages {
                guard let pkg = entry["pkg"] as? [String: Any], let name = pkg["name"] as? String,
                    let fixes = pkg["secfixes"] as? [String: Any]
                else { continue }
                byPackage[name, default: []].append(contentsOf: fixes.keys)
            }
        }
        var groups = byPackage.keys.sorted().compactMap { byPackage[$0] }
        let installed = shared.appendingPathComponent("fixtures/trivy/pkg/fanal/analyzer/pkg/apk/testdata/apk")
        if let text = try? String(contentsOf: installed, encoding: .utf8) {
            groups.append(text.split(separator: "\n").filter { $0.hasPrefix("V:") }.map { String($0.dropFirst(2)) })
        }
        return groups
    }

    @Test(.enabled(if: VersionsOracle.corpusAvailable("apk corpus")))
    func apkMatchesUnivers() throws {
        guard let shared = VersionsOracle.sharedRoot else { return }
        if let missing = VersionsOracle.missingTool(
            ["python3", "-c", "import univers"], install: "pip install univers")
        {
            Issue.record(Comment(rawValue: missing))
            return
        }
        let pairs = Corpus.pairs(groups: try Self.alpineVersions(shared), random: 3_000)
        #expect(pairs.count > 1_000)
        let oracle = try VersionsOracle.answers(
            ["python3", VersionsOracle.script("univers_compare.py"), "apk"], pairs: pairs)
        let disagreements = Corpus.disagreements(scheme: .apk, pairs: pairs, oracle: oracle)
        let unexplained = disagreements.filter { !APKKnownDifferences.isExplained($0) }
        print(
            "apk corpus: \(pairs.count) pairs against univers, \(disagreements.count) disagreements, "
                + "\(unexplained.count) not explained in docs/versions.md")
        #expect(unexplained.isEmpty, "\(unexplained.prefix(20))")
    }
}

/// apk disagreements with univers that docs/versions.md explains (apk-tools is the reference).
enum APKKnownDifferences {
    /// apk-tools orders `X` below `X-r0` (the revision token outranks the end of the string);
    /// univers, following Gentoo, treats a missing revision as `-r0`.
    static func isExplained(_ disagreement: Corpus.Disagreement) -> Bool {
        guard disagreement.oracle == "=" else { return false }
        if disagreement.lhs + "-r0" == disagreement.rhs { return disagreement.drydock == "<" }
        if disagreement.rhs + "-r0" == disagreement.lhs { return disagreement.drydock == ">" }
        return false
    }
}
