import DrydockModel
import DrydockPolicy
import DrydockRepository
import DrydockTestSupport
import Foundation
import Testing

/// Server exceptions: stored in the policy file's format, versioned, audited, applied to stored findings — the
/// same tests against SQLite and PostgreSQL.
@Suite("Exception store")
struct ExceptionStoreTests {
    static let digest = "sha256:" + String(repeating: "e", count: 64)

    static func exception(_ text: String) throws -> PolicyException {
        try PolicyParser.parseException(Array(text.utf8), path: "test")
    }

    static func storeScan(_ store: any RepositoryStore) async throws {
        let finding = StoredFinding(
            target: "app (alpine 3.10.4)", vulnerabilityID: "CVE-2099-0042", allIDs: ["CVE-2099-0042", "GHSA-aaaa"],
            packageName: "zlib", installedVersion: "1.2.11-r1", purl: "pkg:apk/alpine/zlib@1.2.11-r1?arch=x86_64",
            severity: .critical, fixedVersion: nil, status: .affected, title: "zlib")
        _ = try await store.saveScan(
            StoredScan(
                digest: digest,
                artifact: ArtifactMetadata(
                    name: "registry.example/team/app:1.0", type: "container_image",
                    repoTags: ["registry.example/team/app:1.0"]),
                inventory: AdvisoryFeedFixtures.alpineInventory(),
                references: [ImageReferenceRecord(parsing: "registry.example/team/app:1.0")], labels: [:],
                scannedAt: Date(), source: .scan, findings: [finding]))
    }

    @Test("every change is a new version; history, removal and the audit log", arguments: TestStoreKind.allCases)
    func versions(kind: TestStoreKind) async throws {
        let store = try await kind.makeStore()
        let first = try await store.saveException(
            try Self.exception(
                #"{"id": "CVE-2099-0042", "owner": "team-a", "reason": "no fix", "expires": "2099-01-31", "purl": "pkg:apk/alpine/zlib"}"#
            ), by: "alice")
        #expect(first.version == 1)
        #expect(first.exception?.id == ["CVE-2099-0042"])
        #expect(first.exception?.purl == ["pkg:apk/alpine/zlib"])
        let second = try await store.saveException(
            try Self.exception(
                "id: CVE-2099-0042\nowner: team-a\nreason: still no fix\nexpires: 2099-02-28\naction: warn\n"),
            id: first.id, by: "bob")
        #expect(second.id == first.id)
        #expect(second.version == 2)
        #expect(try await store.exceptions().map(\.version) == [2])
        let removed = try await store.removeException(id: first.id, by: "carol")
        #expect(removed.version == 3 && removed.exception == nil)
        #expect(try await store.exceptions().isEmpty)
        #expect(try await store.exceptions(includeRemoved: true).map(\.version) == [3])
        let history = try await store.exceptionHistory(id: first.id)
        #expect(history.map(\.version) == [1, 2, 3])
        #expect(history.map(\.changedBy) == ["alice", "bob", "carol"])
        #expect(history[1].exception?.reason == "still no fix" && history[1].exception?.action == "warn")
        #expect(try await store.exceptionVersion(id: first.id, version: 1).exception?.expires == "2099-01-31")
        await #expect(throws: RepositoryError.self) { _ = try await store.removeException(id: first.id, by: "x") }
        await #expect(throws: RepositoryError.self) { _ = try await store.exceptionHistory(id: "x-unknown") }
        let log = try await store.auditLog()
        #expect(log.map(\.action) == ["exception.remove", "exception.update", "exception.add"])
        #expect(log.map(\.actor) == ["carol", "bob", "alice"])
        #expect(log.map { $0.detail?.version } == [3, 2, 1])
        #expect(log.allSatisfy { $0.object == first.id })
        #expect(try await store.auditLog(since: Date().addingTimeInterval(3600)).isEmpty)
        await store.close()
    }

    @Test("live exceptions decide stored findings, by ID or alias and scope", arguments: TestStoreKind.allCases)
    func appliedToFindings(kind: TestStoreKind) async throws {
        let store = try await kind.makeStore()
        try await Self.storeScan(store)
        #expect(try await store.findings(ofImage: Self.digest).first?.decision == nil)
        // Another image: does not apply.
        _ = try await store.saveException(
            try Self.exception(
                #"{"id": "CVE-2099-0042", "owner": "o", "reason": "r", "expires": "2099-01-01", "image": "other/*"}"#),
            by: "alice")
        // Expired: does not apply.
        _ = try await store.saveException(
            try Self.exception(
                #"{"id": "CVE-2099-0042", "owner": "o", "reason": "old", "expires": "2020-01-01", "purl": "pkg:apk/alpine/zlib"}"#
            ), by: "alice")
        #expect(try await store.findings(ofImage: Self.digest).first?.decision == nil)
        let applied = try await store.saveException(
            try Self.exception(
                #"{"id": "GHSA-aaaa", "owner": "team-a", "reason": "accepted", "expires": "2099-01-01", "action": "warn", "purl": "pkg:apk/alpine/zlib", "image": "registry.example/team/*"}"#
            ), by: "alice")
        let decision = try #require(try await store.findings(ofImage: Self.digest).first?.decision)
        #expect(decision.action == .warn)
        #expect(decision.rule.source == .exception)
        #expect(decision.rule.owner == "team-a")
        #expect(decision.rule.expires == "2099-01-01")
        #expect(decision.rule.location?.file == "/api/v1/exceptions/\(applied.id)/versions/1")
        let affected = try await store.images(affectedBy: "CVE-2099-0042")
        #expect(affected.items.first?.findings.first?.decision?.action == .warn)
        await store.close()
    }

    @Test(
        "a page's findings are triaged against the exceptions naming their IDs: current versions only, in order",
        arguments: TestStoreKind.allCases)
    func exceptionsNamingIDs(kind: TestStoreKind) async throws {
        let store = try await kind.makeStore()
        func save(_ ids: String, id: String? = nil) async throws -> ExceptionRecord {
            try await store.saveException(
                try Self.exception(#"{"id": \#(ids), "owner": "o", "reason": "r", "expires": "2099-01-01"}"#), id: id,
                by: "alice")
        }
        _ = try await save(#"["CVE-2099-0001", "GHSA-bbbb"]"#)
        let moved = try await save(#"["CVE-2099-0002"]"#)
        _ = try await save(#"["CVE-2099-0003"]"#)
        let gone = try await save(#"["CVE-2099-0001"]"#)
        _ = try await save(#"["CVE-2099-0004"]"#, id: moved.id)  // its new version names another ID
        _ = try await store.removeException(id: gone.id, by: "bob")
        func named(_ ids: Set<String>) async throws -> [[String]] {
            try await store.liveExceptions(naming: ids).map(\.ids)
        }
        #expect(try await named(["CVE-2099-0001"]) == [["CVE-2099-0001", "GHSA-bbbb"]])
        #expect(
            try await named(["GHSA-bbbb", "CVE-2099-0004"]) == [["CVE-2099-0001", "GHSA-bbbb"], ["CVE-2099-0004"]])
        #expect(try await named(["CVE-2099-0002"]).isEmpty)
        #expect(try await named([]).isEmpty)
        // More IDs than one lookup binds.
        let many = Set((0..<1_200).map { "CVE-2000-\($0)" }).union(["CVE-2099-0003"])
        #expect(try await named(many) == [["CVE-2099-0003"]])
        await store.close()
    }

    @Test(
        "exceptions stored before the ID index existed are found once the store migrates",
        arguments: TestStoreKind.allCases)
    func exceptionIDsBackfilled(kind: TestStoreKind) async throws {
        let location = try kind.makeLocation()
        let store = try await StoreLocation.parse(location).open()
        let first = try await store.saveException(
            try Self.exception(
                #"{"id": ["CVE-2099-0042", "GHSA-aaaa"], "owner": "o", "reason": "r", "expires": "2099-01-01"}"#),
            by: "alice")
        _ = try await store.saveException(
            try Self.exception(#"{"id": "CVE-2099-0043", "owner": "o", "reason": "r2", "expires": "2099-01-01"}"#),
            id: first.id, by: "alice")
        let removed = try await store.saveException(
            try Self.exception(#"{"id": "CVE-2099-0044", "owner": "o", "reason": "r", "expires": "2099-01-01"}"#),
            by: "alice")
        _ = try await store.removeException(id: removed.id, by: "bob")
        // The store as a Drydock before the index left it.
        try await store.transaction { session in
            try await session.execute("DROP TABLE exception_ids", [])
            try await session.execute("DELETE FROM repository_migrations WHERE name = 'v6-exception-ids'", [])
        }
        await store.close()
        let migrated = try await StoreLocation.parse(location).open()
        #expect(try await migrated.liveExceptions(naming: ["CVE-2099-0043"]).map(\.reason) == ["r2"])
        #expect(try await migrated.liveExceptions(naming: ["CVE-2099-0042", "GHSA-aaaa", "CVE-2099-0044"]).isEmpty)
        try await Self.storeScan(migrated)
        _ = try await migrated.saveException(
            try Self.exception(#"{"id": "GHSA-aaaa", "owner": "o", "reason": "alias", "expires": "2099-01-01"}"#),
            id: first.id, by: "carol")
        #expect(try await migrated.findings(ofImage: Self.digest).first?.decision?.action == .ignore)
        await migrated.close()
    }

    @Test("the policy parser refuses what a policy file may not say")
    func refusals() throws {
        #expect(throws: PolicyError.self) {
            try Self.exception(#"{"id": "CVE-1", "reason": "r", "expires": "2099-01-01"}"#)
        }
        #expect(throws: PolicyError.self) {
            try Self.exception(
                #"{"id": "CVE-1", "owner": "o", "reason": "r", "expires": "2099-01-01", "action": "fail"}"#)
        }
        #expect(throws: PolicyError.self) {
            try Self.exception(#"{"id": "CVE-1", "owner": "o", "reason": "r", "expires": "2099-01-01", "team": "x"}"#)
        }
        #expect(throws: PolicyError.self) {
            try Self.exception(
                #"{"id": "CVE-1", "owner": "o", "reason": "r", "expires": "2099-01-01", "purl": "zlib"}"#)
        }
        let exception = try Self.exception(
            #"{"id": ["CVE-1", "GHSA-1"], "owner": "o", "reason": "r", "expires": "2099-01-01T12:00:00Z", "path": "usr/**"}"#
        )
        let again = try PolicyParser.parseException(exception.documentJSON, path: "test")
        #expect(again.ids == exception.ids && again.expires == exception.expires && again.paths == exception.paths)
        #expect(String(decoding: exception.documentJSON, as: UTF8.self).contains(#""expires":"2099-01-01T12:00:00Z""#))
    }
}
