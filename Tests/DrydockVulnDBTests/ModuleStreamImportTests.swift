import DrydockModel
import DrydockTestSupport
import Foundation
import GRDB
import Testing

@testable import DrydockVulnDB

/// The module stream AlmaLinux OSV records give only in their summary, kept by the importer and the DB.
@Suite struct ModuleStreamImportTests {
    @Test(
        "streams named in a summary",
        arguments: [
            ("Important: nodejs:18 security update", ["nodejs:18"]),
            ("ALSA-2022:5468: php:8.0 security update (Important)", ["php:8.0"]),
            ("Moderate: httpd:2.4/httpd security update", ["httpd:2.4"]),
            (
                "Moderate: virt:rhel and virt-devel:rhel security, bug fix, and enhancement update",
                ["virt:rhel", "virt-devel:rhel"]
            ),
            ("new module: python39:3.9", ["python39:3.9"]),
            ("container-tools bug fix update", []),
            ("Important: kernel security update", []),
        ] as [(String, [String])])
    func summaries(summary: String, expected: [String]) {
        #expect(RPMModuleStreams.streams(inSummary: summary) == expected)
    }

    static func record(summary: String, fixed: String) -> String {
        """
        {"schema_version": "1.6.0", "id": "ALSA-2024:0001", "summary": "\(summary)",
         "modified": "2024-01-01T00:00:00Z",
         "affected": [{"package": {"ecosystem": "AlmaLinux:8", "name": "nodejs"},
           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "\(fixed)"}]}]}]}
        """
    }

    @Test("an entry gets the stream only when its versions are module builds")
    func importerSetsModule() throws {
        let importer = OSVImporter()
        let modular = try importer.parse(
            JSONParser.parse(
                Array(
                    Self.record(
                        summary: "Important: nodejs:18 security update", fixed: "1:18.18.2-1.module_el8.9.0+1+a"
                    )
                    .utf8)), file: "a.json")
        #expect(modular.affected.map(\.module) == ["nodejs:18"])
        let plain = try importer.parse(
            JSONParser.parse(
                Array(Self.record(summary: "Important: nodejs:18 security update", fixed: "1:10.24.1-1.el8").utf8)),
            file: "b.json")
        #expect(plain.affected.map(\.module) == [nil])
    }

    @Test("the DB stores the stream and reads it back; its schema is version 3 or later")
    func databaseRoundTrip() throws {
        let root = try VulnDBTestSupport.makeScratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let input = try VulnDBTestSupport.write(
            Self.record(summary: "Important: nodejs:18 security update", fixed: "1:18.18.2-1.module_el8.9.0+1+a"),
            to: "ALSA-2024-0001.json", in: root)
        let output = (root as NSString).appendingPathComponent("module.db")
        _ = try DatabaseBuilder.build(output: output, sources: [input], builtAt: Date())
        let database = try VulnerabilityDatabase.open(path: output)
        let rows = try database.affected(namespace: "AlmaLinux:8", packageName: "nodejs")
        #expect(rows.map(\.module) == ["nodejs:18"])
        #expect(DatabaseSchema.version >= 3)
    }

    @Test("a DB written with schema 2 (NuGet keys not yet lowercased, no module column) is refused")
    func schemaTwoRefused() throws {
        let root = try VulnDBTestSupport.makeScratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let old = (root as NSString).appendingPathComponent("v2.db")
        _ = try DatabaseBuilder.build(output: old, sources: [], builtAt: Date())
        try DatabaseQueue(path: old).write { db in
            try db.execute(sql: "UPDATE metadata SET value = '2' WHERE key = 'schema_version'")
        }
        let error = try #require(throws: VulnDBError.self) { try VulnerabilityDatabase.open(path: old) }
        #expect(error.code == .schemaMismatch)
        #expect(error.description.contains("rebuild"))
    }
}
