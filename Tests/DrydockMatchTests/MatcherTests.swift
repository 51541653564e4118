import DrydockMatch
import DrydockModel
import DrydockTestSupport
import Testing

/// Advisories held in memory, for matcher unit tests. (End-to-end tests use the real SQLite DB.)
struct InMemoryAdvisories: AdvisorySource {
    var affected: [AffectedPackage]
    var advisories: [Advisory]

    func affectedPackages(namespace: String, packageName: String) throws -> [AffectedPackage] {
        affected.filter { $0.namespace == namespace && $0.packageName == packageName }
    }

    func advisory(id: String) throws -> Advisory? {
        advisories.first { $0.id == id }
    }

    func covers(namespace: String) throws -> Bool {
        affected.contains { $0.namespace == namespace }
    }
}

@Suite("Matcher")
struct MatcherTests {
    static func fixed(_ id: String, _ version: String, package: String = "musl", namespace: String = "Alpine:v3.10")
        -> AffectedPackage
    {
        AffectedPackage(
            advisoryID: id, namespace: namespace, packageName: package,
            ranges: [AffectedRange(kind: .ecosystem, events: [.introduced("0"), .fixed(version)])])
    }

    static func inventory(
        _ packages: [Package], os: OperatingSystem = OperatingSystem(family: .alpine, version: "3.10.4")
    )
        -> Inventory
    {
        Inventory(
            operatingSystem: os,
            targets: [
                InventoryTarget(kind: .osPackages, name: "img (alpine 3.10.4)", type: "alpine", packages: packages)
            ])
    }

    let source = InMemoryAdvisories(
        affected: [
            fixed("CVE-2019-14697", "1.1.22-r3"), fixed("CVE-2016-8859", "1.1.15-r4"), fixed("CVE-2020-0000", "0"),
        ],
        advisories: [
            Advisory(id: "CVE-2019-14697", source: "alpine-secdb"),
            Advisory(id: "CVE-2016-8859", source: "alpine-secdb"),
            Advisory(id: "CVE-2020-0000", source: "alpine-secdb"),
        ])

    @Test("a package below a fixed version is vulnerable; at or above it, and fixed '0', is not")
    func fixedVersions() throws {
        let result = try Matcher(source: source).match(
            Self.inventory([ModelFixtures.muslPackage(version: "1.1.22-r2")]))
        let findings = result.allFindings
        #expect(findings.map(\.vulnerabilityID) == ["CVE-2019-14697"])
        #expect(findings.first?.fixedVersion == "1.1.22-r3")
        #expect(findings.first?.status == .fixed)
        #expect(result.targets[0].coverage.isComplete)
        let patched = try Matcher(source: source).match(
            Self.inventory([ModelFixtures.muslPackage(version: "1.1.22-r3")]))
        #expect(patched.allFindings.isEmpty)
    }

    @Test("Alpine packages match by origin, not by binary name")
    func origin() throws {
        let utils = Package(name: "musl-utils", version: "1.1.22-r2", ecosystem: .alpine, sourceName: "musl")
        let result = try Matcher(source: source).match(Self.inventory([utils]))
        #expect(result.allFindings.map(\.package.name) == ["musl-utils"])
    }

    @Test("a release the DB does not cover is reported as uncovered, never as clean")
    func uncoveredRelease() throws {
        let result = try Matcher(source: source).match(
            Self.inventory([ModelFixtures.muslPackage()], os: OperatingSystem(family: .alpine, version: "3.12.0")))
        #expect(result.allFindings.isEmpty)
        #expect(result.targets[0].coverage.uncoveredNamespaces == ["Alpine:v3.12"])
        #expect(!result.targets[0].coverage.isComplete)
    }

    @Test("an uncomparable version is listed as unmatchable")
    func unmatchable() throws {
        let odd = ModelFixtures.muslPackage(version: "not a version!")
        let result = try Matcher(source: source).match(Self.inventory([odd]))
        #expect(result.targets[0].coverage.unmatchable.map(\.packageID) == ["musl@not a version!"])
    }

    @Test("aliases of one vulnerability give one finding listing every ID")
    func aliasesMerge() throws {
        let source = InMemoryAdvisories(
            affected: [
                Self.fixed("DSA-5000-1", "1.2-1", package: "openssl", namespace: "Debian:12"),
                Self.fixed("CVE-2023-1", "1.2-1", package: "openssl", namespace: "Debian:12"),
            ],
            advisories: [
                Advisory(id: "DSA-5000-1", aliases: ["CVE-2023-1"], severity: .high, source: "osv"),
                Advisory(id: "CVE-2023-1", source: "osv"),
            ])
        let package = Package(name: "libssl3", version: "1.1-1", ecosystem: .debian, sourceName: "openssl")
        let result = try Matcher(source: source).match(
            Self.inventory([package], os: OperatingSystem(family: .debian, version: "12.5")))
        #expect(result.allFindings.count == 1)
        #expect(result.allFindings.first?.vulnerabilityID == "CVE-2023-1")
        #expect(result.allFindings.first?.allIDs == ["CVE-2023-1", "DSA-5000-1"])
        #expect(result.allFindings.first?.severity == .high)
    }

    @Test("withdrawn advisories never match")
    func withdrawn() throws {
        var source = self.source
        source.advisories[0].withdrawn = .now
        let result = try Matcher(source: source).match(
            Self.inventory([ModelFixtures.muslPackage(version: "1.1.22-r2")]))
        #expect(result.allFindings.isEmpty)
    }
}
