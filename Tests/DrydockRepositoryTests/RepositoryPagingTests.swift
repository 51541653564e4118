import DrydockModel
import DrydockRepository
import DrydockTestSupport
import Foundation
import Testing

/// Pages that answer in the same time for any hit count (cursors over the scan order), the KEV facts of
/// stored findings, and the cross-image findings listing — against SQLite and PostgreSQL.
@Suite("Repository pages and KEV")
struct RepositoryPagingTests {
    typealias Fixtures = RepositoryStoreTests

    /// Five images holding musl, scanned one second apart (sha256:0 oldest); the even ones hold CVE-1.
    static func seed(_ store: any RepositoryStore) async throws {
        let t0 = Date(timeIntervalSince1970: 1_700_000_000)
        for index in 0..<5 {
            let kev = KnownExploited(dateAdded: "2024-01-10", dueDate: "2024-01-31", ransomwareUse: "Known")
            var findings = [Fixtures.finding("CVE-2", severity: .low)]
            if index.isMultiple(of: 2) {
                var exploited = Fixtures.finding("CVE-1", severity: .critical, aliases: ["GHSA-1"])
                exploited.knownExploited = kev
                findings.append(exploited)
            }
            try await store.saveScan(
                Fixtures.scan(
                    digest: "sha256:\(index)", findings: findings, at: t0 + Double(index),
                    labels: ["team": index < 3 ? "payments" : "search"]))
        }
    }

    @Test(
        "a cursor walks every image once, newest first, with the total on each page", arguments: TestStoreKind.allCases)
    func packageCursor(kind: TestStoreKind) async throws {
        let store = try await kind.makeStore()
        defer { Task { await store.close() } }
        try await Self.seed(store)
        var seen: [String] = []
        var cursor: String?
        var pages = 0
        repeat {
            let page = try await store.images(containing: PackageQuery(name: "musl", limit: 2, cursor: cursor))
            #expect(page.total == 5)
            #expect(page.items.allSatisfy { $0.packages.map(\.name) == ["musl"] })
            seen += page.items.map(\.image.digest)
            cursor = page.next
            pages += 1
        } while cursor != nil && pages < 10
        #expect(seen == ["sha256:4", "sha256:3", "sha256:2", "sha256:1", "sha256:0"])
        #expect(pages == 3)
        // A label narrows both the page and the total.
        let search = try await store.images(containing: PackageQuery(name: "musl", labels: ["team": "search"]))
        #expect(search.total == 2 && search.next == nil)
        #expect(search.items.map(\.image.digest) == ["sha256:4", "sha256:3"])
        await #expect(throws: RepositoryError.self) {
            try await store.images(containing: PackageQuery(name: "musl", cursor: "not-a-cursor"))
        }
    }

    @Test("images affected by a vulnerability page with a cursor too", arguments: TestStoreKind.allCases)
    func vulnerabilityCursor(kind: TestStoreKind) async throws {
        let store = try await kind.makeStore()
        defer { Task { await store.close() } }
        try await Self.seed(store)
        let first = try await store.images(affectedBy: "GHSA-1", limit: 2)
        #expect(first.total == 3)
        #expect(first.items.map(\.image.digest) == ["sha256:4", "sha256:2"])
        let next = try #require(first.next)
        let second = try await store.images(affectedBy: "CVE-1", limit: 2, cursor: next)
        #expect(second.items.map(\.image.digest) == ["sha256:0"])
        #expect(second.next == nil && second.total == 3)
        #expect(second.items.first?.findings.first?.finding.knownExploited?.dateAdded == "2024-01-10")
    }

    @Test("KEV entries are stored with findings and filter them", arguments: TestStoreKind.allCases)
    func knownExploited(kind: TestStoreKind) async throws {
        let store = try await kind.makeStore()
        defer { Task { await store.close() } }
        try await Self.seed(store)
        let all = try await store.findings(ofImage: "sha256:0")
        #expect(all.map(\.finding.vulnerabilityID) == ["CVE-1", "CVE-2"])
        let kev = try await store.findings(ofImage: "sha256:0", knownExploitedOnly: true)
        #expect(kev.map(\.finding.vulnerabilityID) == ["CVE-1"])
        #expect(
            kev.first?.finding.knownExploited
                == KnownExploited(dateAdded: "2024-01-10", dueDate: "2024-01-31", ransomwareUse: "Known"))
        let overdue = try await store.overdueFindings(
            sla: SLAPolicy(days: [.critical: 0, .low: 0]), now: Date(timeIntervalSince1970: 1_800_000_000),
            knownExploitedOnly: true)
        #expect(overdue.total == 3)
        // A later scan without the KEV entry (the DB dropped it) updates the stored finding, and one that adds
        // it back reports the change and records a `known-exploited` event.
        let t1 = Date(timeIntervalSince1970: 1_700_000_100)
        try await store.saveScan(
            Fixtures.scan(
                digest: "sha256:0",
                findings: [Fixtures.finding("CVE-1", severity: .critical), Fixtures.finding("CVE-2", severity: .low)],
                at: t1))
        #expect(try await store.findings(ofImage: "sha256:0", knownExploitedOnly: true).isEmpty)
        var listed = Fixtures.finding("CVE-1", severity: .critical)
        listed.knownExploited = KnownExploited(dateAdded: "2024-02-01")
        let changes = try await store.saveScan(
            Fixtures.scan(
                digest: "sha256:0", findings: [listed, Fixtures.finding("CVE-2", severity: .low)], at: t1 + 1))
        #expect(changes.knownExploited.map(\.vulnerabilityID) == ["CVE-1"])
        #expect(changes.new.isEmpty && changes.fixed.isEmpty)
        let history = try await store.history(ofImage: "sha256:0")
        #expect(history.last?.kind == "known-exploited")
        #expect(history.last?.vulnerabilityID == "CVE-1")
    }

    @Test(
        "open findings across every image: SQL filters, most severe first, pages by offset",
        arguments: TestStoreKind.allCases)
    func openFindingsPages(kind: TestStoreKind) async throws {
        let store = try await kind.makeStore()
        defer { Task { await store.close() } }
        try await Self.seed(store)
        let all = try await store.openFindings(FindingFilter(), limit: 4)
        #expect(all.total == 8)
        #expect(all.items.map(\.finding.finding.vulnerabilityID) == ["CVE-1", "CVE-1", "CVE-1", "CVE-2"])
        let rest = try await store.openFindings(FindingFilter(), limit: 4, offset: 4)
        #expect(rest.items.count == 4)
        #expect(
            Set((all.items + rest.items).map { "\($0.image.digest) \($0.finding.finding.vulnerabilityID)" }).count == 8)
        let kev = try await store.openFindings(FindingFilter(knownExploited: true))
        #expect(kev.total == 3)
        #expect(kev.items.allSatisfy { $0.finding.finding.knownExploited != nil })
        let notKEV = try await store.openFindings(FindingFilter(knownExploited: false))
        #expect(notKEV.total == 5)
        let team = try await store.openFindings(FindingFilter(severity: .critical, labels: ["team": "search"]))
        #expect(team.items.map(\.image.digest) == ["sha256:4"])
        let one = try await store.openFindings(FindingFilter(image: "sha256:1"))
        #expect(one.items.map(\.finding.finding.vulnerabilityID) == ["CVE-2"])
        let fixable = try await store.openFindings(FindingFilter(fixable: false))
        #expect(fixable.total == 0)  // every fixture finding has a fixed version
        let untriaged = try await store.openFindings(FindingFilter(triaged: false), limit: 3, offset: 6)
        #expect(untriaged.total == 8 && untriaged.items.count == 2)
        await #expect(throws: RepositoryError.self) {
            try await store.openFindings(FindingFilter(image: "sha256:none"))
        }
    }
}
