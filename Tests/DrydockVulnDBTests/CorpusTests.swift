import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockVulnDB

private let sharedAdvisories: String? = {
    let path = VulnDBTestSupport.sharedAdvisoriesDirectory()
    if path == nil { print("VulnDB corpus test skipped: ../shared/advisories is absent") }
    return path
}()

/// Counts the corpus independently of the importers, with Foundation's JSONSerialization.
private struct IndependentCount {
    var osvRecords = 0
    var osvIDs: Set<String> = []
    var osvAffectedKeys: Set<Data> = []
    var gitRanges = 0
    var secfixStrings = 0
    var secfixNullLists = 0
    var notJSON = 0

    init(roots: [String]) throws {
        let files = try roots.flatMap { try SourceLoader.walk($0) }
        for file in files {
            let data = try Data(contentsOf: URL(fileURLWithPath: file.full))
            guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
                notJSON += 1
                continue
            }
            if let packages = object["packages"] as? [[String: Any]], object["distroversion"] != nil {
                for package in packages {
                    guard let secfixes = (package["pkg"] as? [String: Any])?["secfixes"] as? [String: Any] else {
                        continue
                    }
                    for (_, list) in secfixes {
                        if let list = list as? [String] { secfixStrings += list.count } else { secfixNullLists += 1 }
                    }
                }
            } else if let id = object["id"] as? String {
                osvRecords += 1
                osvIDs.insert(id)
                for affected in object["affected"] as? [[String: Any]] ?? [] {
                    let ranges = affected["ranges"] as? [[String: Any]] ?? []
                    let git = ranges.filter { $0["type"] as? String == "GIT" }.count
                    gitRanges += git
                    let versions = affected["versions"] as? [String] ?? []
                    let kept = ranges.filter {
                        $0["type"] as? String != "GIT" && !(($0["events"] as? [Any]) ?? []).isEmpty
                    }
                    guard !kept.isEmpty || !versions.isEmpty, let package = affected["package"] as? [String: Any]
                    else { continue }
                    // Identical entries of one record are stored once.
                    let key = try JSONSerialization.data(
                        withJSONObject: [
                            id, package["ecosystem"] ?? "", package["name"] ?? "",
                            kept.map { ["type": $0["type"] ?? "", "events": $0["events"] ?? []] }, versions,
                            (affected["ecosystem_specific"] as? [String: Any])?["severity"] ?? "",
                        ] as [Any], options: [.sortedKeys])
                    osvAffectedKeys.insert(key)
                }
            }
        }
    }
}

@Test(.enabled(if: sharedAdvisories != nil)) func everyRealAdvisoryImports() throws {
    let root = try #require(sharedAdvisories)
    let scratch = try VulnDBTestSupport.makeScratchDirectory("corpus")
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let output = (scratch as NSString).appendingPathComponent("drydock.db")
    // The OSV and Alpine secdb folders: the vendor feeds beside them have their own corpus tests
    // (RPMVendorCorpusTests, DebAPKVendorCorpusTests, RedHatCorpusTests, SUSECorpusTests, AmazonCorpusTests).
    let roots = [root + "/osv", root + "/alpine-secdb"]
    let expected = try IndependentCount(roots: roots)
    #expect(expected.osvRecords > 10_000)

    let started = Date()
    let summary = try DatabaseBuilder.build(output: output, sources: roots, builtAt: Date())
    print("VulnDB corpus build: \(Date().timeIntervalSince(started)) s, \(summary.advisoryCount) advisories")
    #expect(summary.sources.map(\.format) == ["osv", "alpine-secdb"])
    #expect(summary.sources.map(\.records).reduce(0, +) == expected.osvRecords + expected.secfixStrings)
    #expect(summary.sources.map(\.skipped).reduce(0, +) == expected.secfixNullLists)
    #expect(summary.sources.map(\.unknownFiles).reduce(0, +) == expected.notJSON)
    #expect(summary.sources.map(\.skippedRanges).reduce(0, +) == expected.gitRanges)

    let db = try VulnerabilityDatabase.open(path: output)
    let info = try db.info()
    let osvNamespaces = info.namespaces.filter { !$0.namespace.hasPrefix("Alpine:") }
    #expect(osvNamespaces.map(\.affectedPackages).reduce(0, +) == expected.osvAffectedKeys.count)
    #expect(info.advisoryCount >= expected.osvIDs.count)
    for id in expected.osvIDs.sorted().prefix(200) {
        #expect(try db.advisory(id: id) != nil, "\(id) is missing")
    }
    #expect(try db.hasNamespace("Alpine:v3.10"))
    #expect(try db.hasNamespace("AlmaLinux:9"))
    #expect(try !db.affected(namespace: "Alpine:v3.10", packageName: "musl").isEmpty)
    #expect(try !db.affected(namespace: "PyPI", packageName: "Django").isEmpty)
    let text = info.render(now: Date())
    #expect(text.contains("Alpine      9 releases (v3.3 … v3.11)"))
    #expect(text.contains("AlmaLinux   3 releases (8 … 10)"))
    print(text)

    // Not an assertion (machines are shared and noisy): how long one package lookup takes.
    let lookups = 2_000
    let lookupStart = Date()
    for _ in 0..<lookups { _ = try db.affected(namespace: "Alpine:v3.10", packageName: "busybox") }
    let perLookup = Date().timeIntervalSince(lookupStart) / Double(lookups) * 1_000_000
    let missStart = Date()
    for _ in 0..<lookups { _ = try db.affected(namespace: "Alpine:v3.10", packageName: "no-such-package") }
    let perMiss = Date().timeIntervalSince(missStart) / Double(lookups) * 1_000_000
    print("VulnDB lookup of a package with no advisories: \(Int(perMiss)) µs")
    let size = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
    print("VulnDB lookup: \(Int(perLookup)) µs per package; DB size \(size / 1_048_576) MiB")
}
