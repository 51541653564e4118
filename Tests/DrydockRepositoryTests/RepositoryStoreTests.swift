import DrydockCatalog
import DrydockModel
import DrydockRepository
import DrydockTestSupport
import Foundation
import Testing

/// The store's behaviour, the same test bodies against SQLite and PostgreSQL.
@Suite("RepositoryStore")
struct RepositoryStoreTests {
    static let day: TimeInterval = 86_400

    static func scan(
        digest: String = "sha256:" + String(repeating: "a", count: 64), inventory: Inventory? = nil,
        findings: [StoredFinding], at: Date, labels: [String: String] = ["team": "payments"],
        references: [String] = ["registry.example/team/app:1.0"]
    ) -> StoredScan {
        StoredScan(
            digest: digest, artifact: ArtifactMetadata(name: "registry.example/team/app:1.0", type: "container_image"),
            inventory: inventory ?? AdvisoryFeedFixtures.alpineInventory(),
            references: references.map(ImageReferenceRecord.init(parsing:)), labels: labels, scannedAt: at,
            source: .scan, findings: findings)
    }

    static func finding(
        _ id: String, package: String = "musl", version: String = "1.1.22-r2", severity: Severity = .high,
        aliases: [String] = []
    )
        -> StoredFinding
    {
        StoredFinding(
            target: "app (alpine 3.10.4)", vulnerabilityID: id, allIDs: [id] + aliases, packageName: package,
            installedVersion: version, purl: nil, severity: severity, fixedVersion: "9", status: .fixed, title: "t")
    }

    @Test("migrations apply once; opening again changes nothing", arguments: TestStoreKind.allCases)
    func migrationsAreIdempotent(kind: TestStoreKind) async throws {
        let location = try kind.makeLocation()
        let first = try await StoreLocation.parse(location).open()
        await first.close()
        let second = try await StoreLocation.parse(location).open()
        let names = try await second.read { session in
            try await session.query("SELECT name FROM repository_migrations ORDER BY name", []).compactMap {
                $0[0].string
            }
        }
        #expect(names == RepositoryMigrations.all.map(\.name).sorted())
        await second.close()
    }

    @Test("a closed store refuses requests, saying it is closed", arguments: TestStoreKind.allCases)
    func closedStoreRefuses(kind: TestStoreKind) async throws {
        let store = try await kind.makeStore()
        await store.close()
        for attempt in ["read", "write"] {
            do {
                if attempt == "read" {
                    _ = try await store.read { session in try await session.query("SELECT 1", []) }
                } else {
                    try await store.transaction { session in try await session.execute("SELECT 1", []) }
                }
                Issue.record("\(kind) \(attempt) after close did not fail")
            } catch let error as RepositoryError {
                #expect(error.code == .storage)
                #expect("\(error)".hasSuffix(": closed"), "\(kind) \(attempt): \(error)")
            }
        }
    }

    @Test(
        "a scan is stored by digest with references and labels; a rescan of it reports new, fixed and severity changes",
        arguments: TestStoreKind.allCases)
    func saveAndCompare(kind: TestStoreKind) async throws {
        let store = try await kind.makeStore()
        defer { Task { await store.close() } }
        let t0 = Date(timeIntervalSince1970: 1_700_000_000)
        let first = try await store.saveScan(
            Self.scan(findings: [Self.finding("CVE-1"), Self.finding("CVE-2", severity: .low)], at: t0))
        #expect(first.new.map(\.vulnerabilityID) == ["CVE-1", "CVE-2"])
        let second = try await store.saveScan(
            Self.scan(
                findings: [Self.finding("CVE-2", severity: .critical), Self.finding("CVE-3")],
                at: t0 + Self.day, references: ["registry.example/team/app:latest"]))
        #expect(second.new.map(\.vulnerabilityID) == ["CVE-3"])
        #expect(second.fixed.map(\.vulnerabilityID) == ["CVE-1"])
        #expect(
            second.severityChanged.map { [$0.finding.vulnerabilityID, $0.previousSeverity.rawValue] } == [
                ["CVE-2", "LOW"]
            ])
        let digest = "sha256:" + String(repeating: "a", count: 64)
        let image = try #require(try await store.image(digest: digest))
        #expect(image.references == ["registry.example/team/app:1.0", "registry.example/team/app:latest"])
        #expect(image.labels == ["team": "payments"])
        #expect(image.packageCount == 4)
        #expect(image.lastScanned == t0 + Self.day)
        let open = try await store.findings(ofImage: digest)
        #expect(open.map(\.finding.vulnerabilityID) == ["CVE-2", "CVE-3"])
        #expect(open.first?.firstSeen == t0)
        let all = try await store.findings(ofImage: digest, includeResolved: true)
        #expect(all.first { $0.finding.vulnerabilityID == "CVE-1" }?.resolvedAt == t0 + Self.day)
        let history = try await store.history(ofImage: digest)
        #expect(
            history.map { "\($0.kind) \($0.vulnerabilityID)" } == [
                "new CVE-1", "new CVE-2", "severity CVE-2", "new CVE-3", "fixed CVE-1",
            ])
        let stored = try #require(try await store.inventory(ofImage: digest))
        #expect(stored.1 == AdvisoryFeedFixtures.alpineInventory())
        await #expect(throws: RepositoryError.self) { try await store.findings(ofImage: "sha256:missing") }
    }

    @Test(
        "images containing a package: by name, by purl, with a version constraint in the ecosystem's syntax",
        arguments: TestStoreKind.allCases)
    func imagesContaining(kind: TestStoreKind) async throws {
        let store = try await kind.makeStore()
        defer { Task { await store.close() } }
        let t0 = Date(timeIntervalSince1970: 1_700_000_000)
        for (index, musl) in ["1.1.22-r2", "1.1.22-r3", "1.1.24-r0"].enumerated() {
            var inventory = AdvisoryFeedFixtures.alpineInventory(musl: musl)
            inventory.targets[0].packages[0].purl = "pkg:apk/alpine/musl@\(musl)?distro=3.10.4"
            try await store.saveScan(
                Self.scan(
                    digest: "sha256:\(index)", inventory: inventory, findings: [], at: t0 + Double(index),
                    labels: ["team": index == 2 ? "search" : "payments"]))
        }
        let all = try await store.images(containing: PackageQuery(name: "musl"))
        #expect(all.total == 3)
        #expect(all.items.map(\.image.digest) == ["sha256:2", "sha256:1", "sha256:0"])
        let old = try await store.images(containing: PackageQuery(name: "MUSL", versionConstraint: "<1.1.22-r3"))
        #expect(old.items.map(\.image.digest) == ["sha256:0"])
        #expect(old.items.first?.packages.map(\.version) == ["1.1.22-r2"])
        let byPURL = try await store.images(containing: PackageQuery(purl: "pkg:apk/alpine/musl@1.1.24-r0"))
        #expect(byPURL.items.map(\.image.digest) == ["sha256:2"])
        let python = try await store.images(
            containing: PackageQuery(name: "Requests", ecosystem: .pypi, versionConstraint: ">=2.0,<2.31.0"))
        #expect(python.total == 3)
        let team = try await store.images(containing: PackageQuery(name: "musl", labels: ["team": "search"]))
        #expect(team.items.map(\.image.digest) == ["sha256:2"])
        let limited = try await store.images(containing: PackageQuery(name: "musl", limit: 1))
        #expect(limited.total == 3 && limited.items.count == 1)
        #expect(try await store.images(containing: PackageQuery(name: "nothing")).total == 0)
        await #expect(throws: RepositoryError.self) {
            try await store.images(containing: PackageQuery(name: "musl", versionConstraint: ">=>"))
        }
    }

    @Test(
        "images affected by a vulnerability, asked by its ID or any alias; resolved findings do not count",
        arguments: TestStoreKind.allCases)
    func affectedBy(kind: TestStoreKind) async throws {
        let store = try await kind.makeStore()
        defer { Task { await store.close() } }
        let t0 = Date(timeIntervalSince1970: 1_700_000_000)
        let ghsa = Self.finding("GHSA-xxxx", package: "requests", version: "2.28.0", aliases: ["CVE-2023-32681"])
        try await store.saveScan(Self.scan(digest: "sha256:1", findings: [ghsa], at: t0))
        try await store.saveScan(Self.scan(digest: "sha256:2", findings: [ghsa], at: t0 + 1))
        try await store.saveScan(Self.scan(digest: "sha256:2", findings: [], at: t0 + 2))
        for id in ["GHSA-xxxx", "CVE-2023-32681"] {
            let page = try await store.images(affectedBy: id)
            #expect(page.items.map(\.image.digest) == ["sha256:1"], "\(id)")
            #expect(page.items.first?.findings.first?.finding.packageName == "requests")
        }
        let findings = try await store.findings(ofImage: "sha256:1")
        #expect(findings.first?.finding.allIDs == ["CVE-2023-32681", "GHSA-xxxx"])
    }

    @Test("findings open longer than their severity's SLA", arguments: TestStoreKind.allCases)
    func overdue(kind: TestStoreKind) async throws {
        let store = try await kind.makeStore()
        defer { Task { await store.close() } }
        let t0 = Date(timeIntervalSince1970: 1_700_000_000)
        try await store.saveScan(
            Self.scan(
                findings: [Self.finding("CVE-C", severity: .critical), Self.finding("CVE-L", severity: .low)], at: t0))
        let sla = SLAPolicy(days: [.critical: 7, .low: 90])
        let early = try await store.overdueFindings(sla: sla, now: t0 + 6 * Self.day)
        #expect(early.total == 0)
        let later = try await store.overdueFindings(sla: sla, now: t0 + 10 * Self.day)
        #expect(later.items.map(\.finding.finding.vulnerabilityID) == ["CVE-C"])
        #expect(later.items.first?.ageDays == 10)
        #expect(later.items.first?.slaDays == 7)
        let all = try await store.overdueFindings(sla: sla, now: t0 + 100 * Self.day)
        #expect(all.total == 2)
    }

    @Test("layer analyses: the store says which it lacks and returns those it has", arguments: TestStoreKind.allCases)
    func layers(kind: TestStoreKind) async throws {
        let store = try await kind.makeStore()
        defer { Task { await store.close() } }
        let a = "sha256:" + String(repeating: "1", count: 64)
        let b = "sha256:" + String(repeating: "2", count: 64)
        #expect(try await store.missingLayers([a, b], analyzerKey: "k1") == [a, b])
        try await store.storeLayers([LayerAnalysis(diffID: a)], analyzerKey: "k1")
        #expect(try await store.missingLayers([a, b], analyzerKey: "k1") == [b])
        #expect(try await store.missingLayers([a], analyzerKey: "k2") == [a])
        #expect(try await store.layers([a, b], analyzerKey: "k1").keys.sorted() == [a])
    }

    @Test("the exclusive lock is held by one holder at a time", arguments: TestStoreKind.allCases)
    func exclusiveLock(kind: TestStoreKind) async throws {
        let location = try kind.makeLocation()
        let one = try await StoreLocation.parse(location).open()
        let two = try await StoreLocation.parse(location).open()
        let inner = try await one.withExclusiveLock("updater") {
            try await two.withExclusiveLock("updater") { "second" }
        }
        #expect(inner == .some(nil))
        let after = try await two.withExclusiveLock("updater") { "free again" }
        #expect(after == "free again")
        await one.close()
        await two.close()
    }

    @Test("with PostgreSQL unreachable, the exclusive lock is refused with the reason instead of waiting for good")
    func exclusiveLockBounded() async throws {
        // Port 1: nothing listens, every connection is refused.
        guard case .postgres(let location) = try StoreLocation.parse("postgres://drydock@127.0.0.1:1/postgres") else {
            Issue.record("not a PostgreSQL location")
            return
        }
        let store = PostgresRepositoryStore(location: location)
        // Before, the pool's own error came after about a minute (a `ConnectionPoolError`, thrown past this
        // catch). No time bound here: under the whole suite, sync tests hold the cooperative threads for minutes.
        do {
            _ = try await store.withExclusiveLock("updater") { "ran" }
            Issue.record("the lock was taken without PostgreSQL")
        } catch let error as RepositoryError {
            #expect(error.description.contains("cannot be reached"), "\(error)")
            #expect(error.description.contains("127.0.0.1:1"), "\(error)")
        }
        await store.close()
    }
}
