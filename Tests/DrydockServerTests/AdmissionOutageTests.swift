import DrydockAdmission
import DrydockRepository
import DrydockServer
import DrydockTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// When the repository cannot answer: fail closed (deny, rule `store-unavailable`) or open (allow with a
/// warning), per namespace; images already looked up are answered from the cache meanwhile.
@Suite("Admission with the store down")
struct AdmissionOutageTests {
    static func configuration() -> AdmissionConfiguration {
        var configuration = AdmissionConfiguration()
        configuration.timeBudget = .seconds(2)
        configuration.lookupCacheTTL = 600
        configuration.namespaceOverrides = [NamespaceOverride(namespaces: [GlobText("dev-*")], failurePolicy: .open)]
        return configuration
    }

    /// Checks the three answers around an outage that `stop` causes (one router: the webhook's caches live as
    /// long as the server's router).
    static func check(_ fixture: ServerFixture, stop: @escaping @Sendable () async throws -> Void) async throws {
        let unknown = "registry.example/team/unknown:9"
        try await fixture.test { client in
            let (_, before, _) = try await AdmissionWebhookTests.post(
                client, AdmissionFixtures.review(AdmissionFixtures.deployment([AdmissionWebhookTests.clean])))
            #expect(before["allowed"] as? Bool == true, "\(before)")
            try await stop()
            let uid = UUID().uuidString
            let (status, closed, body) = try await AdmissionWebhookTests.post(
                client, AdmissionFixtures.review(AdmissionFixtures.deployment([unknown]), uid: uid))
            #expect(status == .ok)
            #expect(AdmissionFixtures.responseProblems(body, uid: uid) == [])
            #expect(closed["allowed"] as? Bool == false)
            let message = AdmissionWebhookTests.message(closed)
            #expect(
                message.contains("image \(unknown): [store-unavailable] the repository has no answer"), "\(message)")
            #expect(message.contains("failing closed"))
            let (_, open, _) = try await AdmissionWebhookTests.post(
                client, AdmissionFixtures.review(AdmissionFixtures.deployment([unknown], namespace: "dev-bob")))
            #expect(open["allowed"] as? Bool == true)
            let expected = "\(unknown): allowed (failurePolicy: open): the repository has no answer"
            #expect(AdmissionWebhookTests.warnings(open).contains { $0.hasPrefix(expected) }, "\(open)")
            let (_, cached, _) = try await AdmissionWebhookTests.post(
                client, AdmissionFixtures.review(AdmissionFixtures.deployment([AdmissionWebhookTests.clean])))
            #expect(cached["allowed"] as? Bool == true, "\(cached)")
        }
    }

    @Test("SQLite store closed")
    func sqlite() async throws {
        let fixture = try await AdmissionWebhookTests.server(Self.configuration())
        try await Self.check(fixture) { await fixture.server.store.close() }
    }

    @Test("PostgreSQL unreachable: connections ended and refused")
    func postgres() async throws {
        let postgres = try PostgresServer.shared()
        let location = try postgres.makeDatabase()
        let name = String(location.split(separator: "/").last ?? "")
        let store = try await StoreLocation.parse(location).open()
        let base = try await ServerFixture.make(.sqlite)
        await base.close()
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        var configuration = base.server.configuration
        configuration.admission = Self.configuration()
        let fixture = ServerFixture(
            server: DrydockServer(configuration: configuration, store: store, toolVersion: "test", logger: logger),
            directory: base.directory)
        try await fixture.test { client in
            try await fixture.storeImage(
                [AdmissionWebhookTests.clean], digest: "sha256:" + String(repeating: "e", count: 64),
                inventory: cleanInventory(), client: client)
        }
        try await Self.check(fixture) {
            try postgres.psql("ALTER DATABASE \(name) ALLOW_CONNECTIONS false")
            try postgres.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(name)'")
        }
        try postgres.psql("ALTER DATABASE \(name) ALLOW_CONNECTIONS true")
        await store.close()
    }
}
