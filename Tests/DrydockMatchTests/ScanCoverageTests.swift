import DrydockMatch
import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

/// The report-wide coverage: OS state, namespace, support and unchecked packages by reason.
@Suite("Scan coverage")
struct ScanCoverageTests {
    static let day = Date(timeIntervalSince1970: 1_700_000_000)  // 2023-11-14

    let source = InMemoryAdvisories(
        affected: [MatcherTests.fixed("CVE-2019-14697", "1.1.22-r3")],
        advisories: [Advisory(id: "CVE-2019-14697", source: "alpine-secdb")])

    func assess(_ inventory: Inventory, isProject: Bool = false) throws -> ScanCoverage {
        let result = try Matcher(source: source).match(inventory)
        return try ScanCoverage.assess(inventory, result: result, source: source, on: Self.day, isProject: isProject)
    }

    @Test("a covered release with every package checked is complete, with its support judged on the given day")
    func covered() throws {
        let coverage = try assess(MatcherTests.inventory([ModelFixtures.muslPackage()]))
        #expect(coverage.osState == .covered)
        #expect(coverage.osNamespace == "Alpine:v3.10")
        #expect(coverage.isComplete)
        #expect(coverage.osSummary == "alpine 3.10.4: advisories for Alpine:v3.10 are in the DB")
        #expect(coverage.support?.isEndOfLife == true)
        #expect(coverage.support?.day == "2023-11-14")
        #expect(coverage.uncheckedSummaries.isEmpty)
    }

    @Test("a release without advisories is incomplete and counts its packages as unchecked")
    func noAdvisories() throws {
        let os = OperatingSystem(family: .alpine, version: "3.18.4", id: "alpine")
        let coverage = try assess(MatcherTests.inventory([ModelFixtures.muslPackage()], os: os))
        #expect(coverage.osState == .noAdvisories)
        #expect(!coverage.isComplete)
        #expect(coverage.uncheckedByReason == [.noAdvisories: 1])
        #expect(coverage.osSummary.contains("has no advisories for Alpine:v3.18"))
        #expect(coverage.osSummary.contains("NOT checked"))
        #expect(coverage.support?.phase == .standard)
    }

    @Test("an unsupported distribution: OS packages unmatchable as unsupported-os, never clean")
    func unsupported() throws {
        let os = OperatingSystem(family: .unknown, version: "9.3", prettyName: "Rocky Linux 9.3", id: "rocky")
        let package = Package(name: "bash", version: "5.1.8-6.el9", ecosystem: .debian)
        let coverage = try assess(MatcherTests.inventory([package], os: os))
        #expect(coverage.osState == .unsupported)
        #expect(coverage.osNamespace == nil)
        #expect(coverage.uncheckedByReason == [.unsupportedOS: 1])
        #expect(
            coverage.osSummary
                == "rocky 9.3: this distribution is not supported; its packages were NOT checked (unknown, not clean)")
        #expect(coverage.support?.lifecycle.id == "rocky")
        #expect(!coverage.isComplete)
    }

    @Test("no OS: not detected for images, not applicable for project directories")
    func noOS() throws {
        let target = InventoryTarget(
            kind: .languagePackages, name: "requirements.txt", type: "pip",
            packages: [Package(name: "flask", version: "not!a!version", ecosystem: .pypi)])
        let inventory = Inventory(operatingSystem: nil, targets: [target])
        let image = try assess(inventory)
        #expect(image.osState == .notDetected)
        #expect(!image.isComplete)
        let project = try assess(inventory, isProject: true)
        #expect(project.osState == .notApplicable)
        #expect(project.support == nil)
    }

    @Test(
        "unmatched packages are grouped by reason",
        arguments: [
            (Ecosystem.cocoaPods, "1.0", UnmatchableReason.noAdvisories),
            (Ecosystem.alpine, "not a version!", UnmatchableReason.unparseableVersion),
        ])
    func reasons(ecosystem: Ecosystem, version: String, reason: UnmatchableReason) throws {
        let kind: TargetKind = ecosystem == .alpine ? .osPackages : .languagePackages
        let package = Package(name: "musl", version: version, ecosystem: ecosystem, sourceName: "musl")
        let inventory = Inventory(
            operatingSystem: OperatingSystem(family: .alpine, version: "3.10.4", id: "alpine"),
            targets: [InventoryTarget(kind: kind, name: "t", type: "x", packages: [package])])
        let coverage = try assess(inventory)
        #expect(coverage.uncheckedByReason == [reason: 1])
        #expect(coverage.uncheckedSummaries == ["1 package(s) not checked: \(reason.explanation)"])
    }
}
