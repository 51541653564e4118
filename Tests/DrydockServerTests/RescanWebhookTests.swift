import AsyncHTTPClient
import Crypto
import DrydockModel
import DrydockRepository
import DrydockServer
import DrydockTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// A DB update rescans stored images and calls the webhooks — against both stores, with a real receiver.
@Suite("Rescans and webhooks")
struct RescanWebhookTests {
    @Test(
        "a DB update that adds and changes advisories reports new findings per image and calls the webhook, signed, retried",
        arguments: TestStoreKind.allCases)
    func rescanAfterUpdate(kind: TestStoreKind) async throws {
        let fixture = try await ServerFixture.make(kind)
        let server = fixture.server
        let receiver = try await WebhookReceiver.start(failures: 1)
        let secret = "webhook-secret-0123456789"
        _ = try await server.store.addWebhook(url: receiver.url, secret: secret, by: "test")
        let service = ScanService(store: server.store, database: server.database, toolVersion: "test")
        // Two images; only the first holds musl 1.1.22-r2 (the second has musl fixed).
        for (digest, musl) in [
            ("sha256:" + String(repeating: "1", count: 64), "1.1.22-r2"),
            ("sha256:" + String(repeating: "2", count: 64), "1.1.24-r0"),
        ] {
            _ = try await service.scan(
                ScanSubmission(
                    artifact: ArtifactMetadata(name: "app-\(musl)", type: "container_image", imageID: digest),
                    inventory: AdvisoryFeedFixtures.alpineInventory(musl: musl)))
        }
        let rescans = RescanService(store: server.store, database: server.database, logger: server.logger)
        let startup = DatabaseRefresher(
            database: server.database, rescans: rescans, metrics: server.metrics, logger: server.logger, interval: nil,
            update: nil)
        let refresher = DatabaseRefresher(
            database: server.database, rescans: rescans, metrics: server.metrics, logger: server.logger, interval: nil,
            update: {
                // The update: a new musl advisory and a higher severity for the requests one.
                try ServerFixture.buildDatabase(
                    at: server.database.path, feeds: fixture.directory + "/feeds-v2",
                    builtAt: Date(timeIntervalSince1970: 1.8e9)
                ) { directory in
                    var sources = try AdvisoryFeedFixtures.writeStandardFeeds(to: directory)
                    let secdb = AdvisoryFeedFixtures.alpineSecDB([
                        "musl": ["1.1.22-r3": ["CVE-2019-14697"], "1.1.23-r0": ["CVE-2099-0001"]],
                        "openssl": ["1.1.1d-r0": ["CVE-2019-1547"], "1.1.1g-r0": ["CVE-2020-1967"]],
                    ])
                    try Data(secdb.utf8).write(to: URL(fileURLWithPath: directory + "/alpine/v3.10/main.json"))
                    try Data(
                        AdvisoryFeedFixtures.osvPyPI(
                            id: "GHSA-j8r2-6x86-q33q", package: "requests", fixed: "2.31.0",
                            aliases: ["CVE-2023-32681"],
                            severity: "CRITICAL", modified: "2025-01-01T00:00:00Z"
                        ).utf8
                    ).write(to: URL(fileURLWithPath: directory + "/osv/PyPI/GHSA-j8r2-6x86-q33q.json"))
                    sources = Array(Set(sources)).sorted()
                    return sources
                }
            })
        // The first refresh matches everything once for the loaded DB: nothing changed.
        let first = try #require(await startup.refreshOnce())
        #expect(first.changes.isEmpty)
        #expect(await startup.refreshOnce() == nil)  // same build: already rescanned for
        // The update.
        let outcome = try #require(await refresher.refreshOnce())
        // Only musl (two versions) and requests are named by the changed advisories.
        #expect(outcome.packages == 3)
        #expect(
            outcome.changes.map(\.digest) == [
                "sha256:" + String(repeating: "1", count: 64), "sha256:" + String(repeating: "2", count: 64),
            ])
        let firstImage = try #require(outcome.changes.first)
        #expect(firstImage.new.map(\.vulnerabilityID) == ["CVE-2099-0001"])
        #expect(
            firstImage.severityChanged.map {
                "\($0.finding.vulnerabilityID) \($0.previousSeverity.rawValue)→\($0.finding.severity.rawValue)"
            } == ["CVE-2023-32681 HIGH→CRITICAL"])
        #expect(outcome.changes[1].new.isEmpty)  // musl 1.1.24-r0 is fixed
        #expect(outcome.changes[1].severityChanged.count == 1)
        let stored = try await server.store.images(affectedBy: "CVE-2099-0001")
        #expect(stored.items.map(\.image.name) == ["app-1.1.22-r2"])
        // Deliveries: the receiver fails the first one, the retry succeeds; each arrives signed.
        let dispatcher = WebhookDispatcher(store: server.store, metrics: nil, logger: server.logger)
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
        #expect(try await dispatcher.deliverDue(client: client) == 1)
        #expect(try await dispatcher.deliverDue(client: client, now: Date().addingTimeInterval(120)) == 1)
        try await client.shutdown()
        let requests = await receiver.log.requests
        #expect(requests.count == 3)
        let keys = requests.compactMap { $0.headers["idempotency-key"] }
        #expect(Set(keys).count == 2)  // the retried delivery kept its key
        for request in requests {
            let expected =
                "sha256="
                + HMAC<SHA256>.authenticationCode(for: request.body, using: SymmetricKey(data: Array(secret.utf8)))
                .map { String(format: "%02x", $0) }.joined()
            #expect(request.headers["x-drydock-signature"] == expected)
            #expect(request.headers["x-drydock-event"] == "image.findings.changed")
        }
        let payloads = try requests.map { try JSONResponse.decoder.decode(WebhookPayload.self, from: Data($0.body)) }
        #expect(payloads.contains { $0.image.new.map(\.vulnerabilityID) == ["CVE-2099-0001"] })
        let deliveries = try await server.store.deliveries()
        #expect(deliveries.allSatisfy { $0.state == "delivered" })
        // Queuing the same rescan again adds nothing (a replica repeating it).
        try await server.store.enqueueDeliveries(
            event: "image.findings.changed", key: "rescan-\(outcome.rescanID):\(firstImage.digest)", payload: [])
        #expect(try await server.store.deliveries().count == 2)
        await receiver.stop()
        await fixture.close()
    }

    @Test(
        "a DB replaced by rename (no updater) is compared with the build before it; one copied over in place is matched whole",
        arguments: TestStoreKind.allCases)
    func replacedDatabase(kind: TestStoreKind) async throws {
        let fixture = try await ServerFixture.make(kind)
        let server = fixture.server
        let service = ScanService(store: server.store, database: server.database, toolVersion: "test")
        _ = try await service.scan(
            ScanSubmission(
                artifact: ArtifactMetadata(
                    name: "app", type: "container_image", imageID: "sha256:" + String(repeating: "3", count: 64)),
                inventory: AdvisoryFeedFixtures.alpineInventory(musl: "1.1.22-r2")))
        let refresher = DatabaseRefresher(
            database: server.database,
            rescans: RescanService(store: server.store, database: server.database, logger: server.logger),
            metrics: nil, logger: server.logger, interval: nil, update: nil)
        #expect(try #require(await refresher.refreshOnce()).changes.isEmpty)
        func build(_ builtAt: Double, cve: String, to path: String) throws {
            try ServerFixture.buildDatabase(
                at: path, feeds: fixture.directory + "/feeds-\(cve)", builtAt: Date(timeIntervalSince1970: builtAt)
            ) { directory in
                let sources = try AdvisoryFeedFixtures.writeStandardFeeds(to: directory)
                let secdb = AdvisoryFeedFixtures.alpineSecDB([
                    "musl": ["1.1.22-r3": ["CVE-2019-14697"], "1.1.23-r0": [cve]],
                    "openssl": ["1.1.1d-r0": ["CVE-2019-1547"], "1.1.1g-r0": ["CVE-2020-1967"]],
                ])
                try Data(secdb.utf8).write(to: URL(fileURLWithPath: directory + "/alpine/v3.10/main.json"))
                return sources
            }
        }
        // Renamed over the file (what `db update` and `mv` do): only the changed advisory's package is matched.
        try build(1.8e9, cve: "CVE-2099-0002", to: server.database.path)
        let renamed = try #require(await refresher.refreshOnce())
        #expect(renamed.packages == 1)
        #expect(renamed.changes.first?.new.map(\.vulnerabilityID) == ["CVE-2099-0002"])
        // Copied over in place: the kept link now holds the new build too, so every stored package is matched.
        let staging = fixture.directory + "/staging.db"
        try build(1.9e9, cve: "CVE-2099-0003", to: staging)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: server.database.path))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: try Data(contentsOf: URL(fileURLWithPath: staging)))
        try handle.close()
        let copied = try #require(await refresher.refreshOnce())
        let stored = try await server.store.read { session in
            try await session.first("SELECT COUNT(*) FROM packages", [])?[0].int ?? 0
        }
        #expect(copied.packages == stored && stored > 1)
        #expect(copied.changes.first?.new.map(\.vulnerabilityID) == ["CVE-2099-0003"])
        #expect(copied.changes.first?.fixed.map(\.vulnerabilityID) == ["CVE-2099-0002"])
        let rescans = try await server.store.rescans()
        #expect(rescans.map(\.changedKeys).prefix(2) == [-1, 1])
        #expect(rescans.allSatisfy { $0.finishedAt != nil && ($0.seconds ?? -1) >= 0 })
        await fixture.close()
    }
}
