import DrydockModel
import DrydockTestSupport
import Foundation
import GRDB
import Testing

@testable import DrydockVulnDB

/// The functions Go advisories name (OSV `ecosystem_specific.imports`) go from the record to the DB and back
/// with each affected row; other ecosystems' rows and Go rows without imports carry none.
@Suite struct GoImportsStoreTests {
    static let goRecord = """
        {"schema_version": "1.6.0", "id": "GO-2099-0201", "modified": "2024-01-02T03:04:05Z",
         "affected": [
           {"package": {"ecosystem": "Go", "name": "example.com/lib"},
            "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.2.0"}]}],
            "ecosystem_specific": {"imports": [
              {"path": "example.com/lib/parse", "symbols": ["Parse", "Decoder.Decode"]},
              {"path": "example.com/lib/util"},
              {"symbols": ["NoPath"]}]}},
           {"package": {"ecosystem": "Go", "name": "example.com/other"},
            "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "2.0.0"}]}]}]}
        """

    static let pypiRecord = """
        {"schema_version": "1.6.0", "id": "PYSEC-2099-1", "modified": "2024-01-02T03:04:05Z",
         "affected": [{"package": {"ecosystem": "PyPI", "name": "requests"},
            "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.0"}]}],
            "ecosystem_specific": {"imports": [{"path": "requests", "symbols": ["get"]}]}}]}
        """

    @Test func importsAreStoredAndReadBack() throws {
        let root = try VulnDBTestSupport.makeScratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let go = try VulnDBTestSupport.write(Self.goRecord, to: "GO-2099-0201.json", in: root)
        let pypi = try VulnDBTestSupport.write(Self.pypiRecord, to: "PYSEC-2099-1.json", in: root)
        let output = (root as NSString).appendingPathComponent("go.db")
        _ = try DatabaseBuilder.build(output: output, sources: [go, pypi], builtAt: Date())
        let database = try VulnerabilityDatabase.open(path: output)
        let lib = try database.affected(namespace: "Go", packageName: "example.com/lib")
        #expect(
            lib.map(\.goImports) == [
                [
                    GoVulnerableSymbols(importPath: "example.com/lib/parse", symbols: ["Parse", "Decoder.Decode"]),
                    GoVulnerableSymbols(importPath: "example.com/lib/util", symbols: []),
                ]
            ])
        #expect(try database.affected(namespace: "Go", packageName: "example.com/other").map(\.goImports) == [[]])
        #expect(try database.affected(namespace: "PyPI", packageName: "requests").map(\.goImports) == [[]])
        #expect(DatabaseSchema.version >= 5)
    }

    @Test("a DB written with schema 4 (no Go imports) is refused, with the way out")
    func schemaFourRefused() throws {
        let root = try VulnDBTestSupport.makeScratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let old = (root as NSString).appendingPathComponent("v4.db")
        _ = try DatabaseBuilder.build(output: old, sources: [], builtAt: Date())
        try DatabaseQueue(path: old).write { db in
            try db.execute(sql: "UPDATE metadata SET value = '4' WHERE key = 'schema_version'")
        }
        let error = try #require(throws: VulnDBError.self) { try VulnerabilityDatabase.open(path: old) }
        #expect(error.code == .schemaMismatch)
        #expect(error.description.contains("rebuild"))
    }

    @Test func storedCodingRoundTripsAndRefusesOtherShapes() throws {
        let imports = [
            GoVulnerableSymbols(importPath: "net/http", symbols: ["Server.Serve", "\"odd\\name"]),
            GoVulnerableSymbols(importPath: "crypto/tls", symbols: []),
        ]
        #expect(try StoredCoding.decodeGoImports(StoredCoding.encode(goImports: imports)) == imports)
        #expect(throws: VulnDBError.self) { try StoredCoding.decodeGoImports("{\"path\":1}") }
        #expect(throws: VulnDBError.self) { try StoredCoding.decodeGoImports("[{\"path\":\"a\",\"symbols\":[1]}]") }
    }
}
