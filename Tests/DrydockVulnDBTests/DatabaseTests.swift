import DrydockModel
import DrydockTestSupport
import Foundation
import GRDB
import Testing

@testable import DrydockVulnDB

/// A small two-format input tree: OSV records, a secdb file, a README and a malformed record.
func makeInputTree() throws -> String {
    let root = try VulnDBTestSupport.makeScratchDirectory()
    try VulnDBTestSupport.write(ghsaRecord, to: "osv/PyPI/GHSA-xxxx-yyyy-zzzz.json", in: root)
    try VulnDBTestSupport.write(
        #"""
        {"id": "GO-2024-9", "modified": "2024-01-01T00:00:00Z", "withdrawn": "2024-03-01T00:00:00Z",
         "affected": [{"package": {"ecosystem": "Go", "name": "example.org/x"},
                       "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}]}]}]}
        """#, to: "osv/Go/GO-2024-9.json", in: root)
    try VulnDBTestSupport.write(
        #"""
        {"id": "ALSA-2024:1", "modified": "2024-01-05T00:00:00Z", "aliases": ["CVE-2019-14697"],
         "affected": [{"package": {"ecosystem": "AlmaLinux:9", "name": "musl"},
                       "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.2-1.el9"}]}]}]}
        """#, to: "osv/AlmaLinux/ALSA-2024-1.json", in: root)
    try VulnDBTestSupport.write(#"{"id": "BROKEN-1", "affected": ["#, to: "osv/PyPI/BROKEN-1.json", in: root)
    try VulnDBTestSupport.write(secdbDocument, to: "alpine/v3.10/main.json", in: root)
    try VulnDBTestSupport.write("# Advisories\n", to: "README.md", in: root)
    try VulnDBTestSupport.write(#"{"unrelated": true}"#, to: "other.json", in: root)
    return root
}

@Test func buildAndLookUp() throws {
    let root = try makeInputTree()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let output = (root as NSString).appendingPathComponent("out/drydock.db")
    try FileManager.default.createDirectory(
        atPath: (output as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    let builtAt = try #require(Timestamp.parse("2026-11-23T12:00:00Z"))
    let summary = try DatabaseBuilder.build(output: output, sources: [root], builtAt: builtAt, drydockVersion: "0.1.0")
    let source = try #require(summary.sources.first)
    #expect(source.format == "alpine-secdb,osv")
    #expect(source.files == 7)
    #expect(source.records == 3 + 10)
    #expect(source.skipped == 1 + 2)  // the truncated OSV record; two secdb entries
    #expect(source.unknownFiles == 2)  // README.md, other.json
    #expect(source.skippedRanges == 2)
    #expect(source.newestModified.map(Timestamp.format) == "2024-02-03T04:05:06.789Z")
    #expect(source.sha256.count == 64)
    #expect(summary.warnings.contains { $0.contains("BROKEN-1.json") })

    let db = try VulnerabilityDatabase.open(path: output)
    // PEP 503: any spelling finds the PyPI package.
    let pypi = try db.affected(namespace: "PyPI", packageName: "foo.bar")
    #expect(pypi.map(\.advisoryID) == ["GHSA-xxxx-yyyy-zzzz"])
    #expect(pypi.first?.packageName == "Foo_Bar")
    #expect(pypi.first?.ranges.count == 2)
    #expect(pypi.first?.versions == ["1.0", "1.1"])
    #expect(try db.affected(namespace: "PyPI", packageName: "FOO-BAR").first?.severity == .low)
    #expect(try db.affected(namespace: "Debian:12", packageName: "foo").count == 1)
    #expect(try db.affected(namespace: "Debian:11", packageName: "foo").isEmpty)

    let musl = try db.affected(namespace: "Alpine:v3.10", packageName: "musl")
    #expect(Set(musl.map(\.advisoryID)) == ["CVE-2019-14697", "CVE-2016-8859"])
    #expect(try db.affected(namespace: "Alpine:v3.10", packageName: "openssl").count == 3)

    // Withdrawn advisories never match unless asked for.
    #expect(try db.affected(namespace: "Go", packageName: "example.org/x").isEmpty)
    #expect(try db.affected(namespace: "Go", packageName: "example.org/x", includeWithdrawn: true).count == 1)

    let advisory = try #require(try db.advisory(id: "GHSA-xxxx-yyyy-zzzz"))
    var imported = try parse(ghsaRecord).advisories[0].advisory
    imported.severitySource = "ghsa"  // `advisory(id:)` fills it in from the row
    #expect(advisory == imported)
    #expect(try db.advisoryRecord(id: "GHSA-xxxx-yyyy-zzzz")?.severitySource == "ghsa")
    #expect(try db.advisory(id: "CVE-2016-6258")?.aliases == ["XSA-182"])
    #expect(try db.advisory(id: "NOPE-1") == nil)
    #expect(try db.advisoryIDs(alias: "CVE-2019-14697") == ["ALSA-2024:1"])

    #expect(try db.hasNamespace("Alpine:v3.10"))
    #expect(try db.hasNamespace("AlmaLinux:9"))
    #expect(try !db.hasNamespace("Alpine:v3.11"))

    let info = try db.info()
    #expect(info.schemaVersion == DatabaseSchema.version)
    #expect(info.builtAt == builtAt)
    #expect(info.drydockVersion == "0.1.0")
    #expect(info.sources == summary.sources)
    #expect(info.advisoryCount == summary.advisoryCount)
    #expect(info.affectedCount == summary.affectedCount)
    #expect(info.namespaces.map(\.namespace) == ["AlmaLinux:9", "Alpine:v3.10", "Debian:12", "Go", "PyPI"])
    let text = info.render(now: builtAt.addingTimeInterval(3 * 86_400 + 60))
    #expect(text.contains("Schema version:  \(DatabaseSchema.version)"))
    #expect(text.contains("(3 days ago)"))
    #expect(text.contains("Alpine      1 release (v3.10)"))
    #expect(text.contains("format alpine-secdb,osv, 7 files, 13 records, 3 skipped, 2 unknown files"))
}

/// Every row of every table, as text, in a fixed order.
func dump(_ path: String) throws -> [String] {
    let queue = try DatabaseQueue(path: path)
    return try queue.read { db in
        var lines: [String] = []
        for table in ["metadata", "sources", "advisories", "aliases", "affected"] {
            for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2") {
                lines.append("\(table): \(row)")
            }
        }
        return lines
    }
}

@Test func buildsAreDeterministicApartFromBuiltAt() throws {
    let root = try makeInputTree()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let first = (root as NSString).appendingPathComponent("first.db")
    let second = (root as NSString).appendingPathComponent("second.db")
    let sources = [
        (root as NSString).appendingPathComponent("osv"), (root as NSString).appendingPathComponent("alpine"),
    ]
    _ = try DatabaseBuilder.build(output: first, sources: sources, builtAt: Date(timeIntervalSince1970: 1))
    _ = try DatabaseBuilder.build(output: second, sources: sources, builtAt: Date(timeIntervalSince1970: 2))
    let one = try dump(first).filter { !$0.contains("built_at") }
    let two = try dump(second).filter { !$0.contains("built_at") }
    #expect(one.count > 20)
    #expect(one == two)
}

@Test func explicitFileInUnknownFormatFailsAndKeepsTheOldDB() throws {
    let root = try makeInputTree()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let output = (root as NSString).appendingPathComponent("drydock.db")
    _ = try DatabaseBuilder.build(
        output: output, sources: [(root as NSString).appendingPathComponent("alpine")], builtAt: Date())
    let before = try dump(output)
    let readme = (root as NSString).appendingPathComponent("README.md")
    let error = try #require(throws: VulnDBError.self) {
        try DatabaseBuilder.build(output: output, sources: [readme], builtAt: Date())
    }
    #expect(error.code == .unknownFormat)
    #expect(error.location == readme)
    let missing = (root as NSString).appendingPathComponent("nope")
    let missingError = try #require(throws: VulnDBError.self) {
        try DatabaseBuilder.build(output: output, sources: [missing], builtAt: Date())
    }
    #expect(missingError.code == .notFound)
    #expect(try dump(output) == before)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.contains(".tmp-") }
    #expect(leftovers.isEmpty)
}

@Test func explicitOSVFileImports() throws {
    let root = try makeInputTree()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let output = (root as NSString).appendingPathComponent("one.db")
    let file = (root as NSString).appendingPathComponent("osv/PyPI/GHSA-xxxx-yyyy-zzzz.json")
    let summary = try DatabaseBuilder.build(output: output, sources: [file], builtAt: Date())
    #expect(summary.sources.first?.format == "osv")
    #expect(summary.sources.first?.records == 1)
    #expect(summary.advisoryCount == 1)
}

@Test func openRejectsMissingCorruptAndForeignFiles() throws {
    let root = try VulnDBTestSupport.makeScratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let missing = (root as NSString).appendingPathComponent("missing.db")
    let missingError = try #require(throws: VulnDBError.self) { try VulnerabilityDatabase.open(path: missing) }
    #expect(missingError.code == .notFound)
    #expect(missingError.description.contains(missing))

    let garbage = try VulnDBTestSupport.write(
        String(repeating: "this is not a database\n", count: 400), to: "garbage.db", in: root)
    let garbageError = try #require(throws: VulnDBError.self) { try VulnerabilityDatabase.open(path: garbage) }
    #expect(garbageError.code == .notADatabase)
    #expect(garbageError.description.contains(garbage))

    let foreign = (root as NSString).appendingPathComponent("foreign.db")
    try DatabaseQueue(path: foreign).write { db in try db.execute(sql: "CREATE TABLE t (x)") }
    let foreignError = try #require(throws: VulnDBError.self) { try VulnerabilityDatabase.open(path: foreign) }
    #expect(foreignError.code == .notADatabase)

    let old = (root as NSString).appendingPathComponent("old.db")
    _ = try DatabaseBuilder.build(output: old, sources: [], builtAt: Date())
    try DatabaseQueue(path: old).write { db in
        try db.execute(sql: "UPDATE metadata SET value = '999' WHERE key = 'schema_version'")
    }
    let versionError = try #require(throws: VulnDBError.self) { try VulnerabilityDatabase.open(path: old) }
    #expect(versionError.code == .schemaMismatch)
    #expect(versionError.description.contains("999"))
    #expect(versionError.description.contains(old))
}

@Test func packageLookupIsOneIndexedQuery() throws {
    let root = try makeInputTree()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let output = (root as NSString).appendingPathComponent("plan.db")
    _ = try DatabaseBuilder.build(output: output, sources: [root], builtAt: Date())
    let plan = try DatabaseQueue(path: output).read { db in
        try Row.fetchAll(
            db,
            sql: "EXPLAIN QUERY PLAN SELECT advisory_id, package_name, ranges, versions, severity FROM affected "
                + "WHERE namespace = ? AND name_key = ? AND withdrawn = 0 ORDER BY id",
            arguments: ["Alpine:v3.10", "musl"]
        ).map { $0["detail"] as String }
    }
    #expect(plan.contains { $0.contains("USING INDEX affected_by_package (namespace=? AND name_key=?)") })
    #expect(!plan.contains { $0.hasPrefix("SCAN affected") })
}

@Test func truncatedDBIsReportedAsCorrupt() throws {
    let root = try makeInputTree()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let output = (root as NSString).appendingPathComponent("whole.db")
    _ = try DatabaseBuilder.build(output: output, sources: [root], builtAt: Date())
    let bytes = try Data(contentsOf: URL(fileURLWithPath: output))
    #expect(bytes.count > 8192)
    let truncated = (root as NSString).appendingPathComponent("truncated.db")
    try bytes.prefix(4096).write(to: URL(fileURLWithPath: truncated))
    let error = try #require(throws: VulnDBError.self) {
        let db = try VulnerabilityDatabase.open(path: truncated)
        _ = try db.affected(namespace: "Alpine:v3.10", packageName: "musl")
    }
    #expect(error.code == .notADatabase)
    #expect(error.description.contains(truncated))
}
