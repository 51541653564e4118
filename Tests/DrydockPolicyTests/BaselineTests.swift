import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockPolicy

@Suite("Baselines: fingerprints, new / existing / fixed, first seen")
struct BaselineTests {
    static let day: TimeInterval = 86_400
    static let then = Date(timeIntervalSince1970: 1_700_000_000)

    static func deb(_ name: String, _ version: String, distro: String = "debian-12.5") -> Package {
        Package(
            name: name, version: version, ecosystem: .debian, architecture: "amd64",
            purl: "pkg:deb/debian/\(name)@\(version)?arch=amd64&distro=\(distro)")
    }

    static func finding(_ id: String, _ package: Package, aliases: [String] = []) -> Finding {
        var finding = ModelFixtures.finding(id: id, package: package)
        finding.allIDs = [id] + aliases
        return .vulnerability(finding)
    }

    static func osTarget(_ findings: [Finding], name: String = "app:2 (debian 12.6)") -> DetectedTarget {
        DetectedTarget(name: name, kind: .osPackages, type: "debian", findings: findings)
    }

    @Test("package identity leaves out version, epoch, arch and distro; PkgName spelling from the purl")
    func packageIdentity() {
        let before = Self.deb("libssl3", "3.0.11-1~deb12u2")
        let after = Self.deb("libssl3", "1:3.0.13-1~deb12u1", distro: "debian-12.6")
        #expect(FindingFingerprint.packageIdentity(before) == "deb/libssl3")
        #expect(FindingFingerprint.packageIdentity(after) == "deb/libssl3")
        let maven = Package(
            name: "org.apache.logging.log4j:log4j-core", version: "2.14.1", ecosystem: .maven,
            purl: "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1")
        #expect(FindingFingerprint.packageIdentity(maven) == "maven/org.apache.logging.log4j:log4j-core")
        // A Trivy report without purls gives the same identity from the name and ecosystem.
        var bare = maven
        bare.purl = nil
        #expect(FindingFingerprint.packageIdentity(bare) == "maven/org.apache.logging.log4j:log4j-core")
        let django = Package(name: "Django", version: "3.2.0", ecosystem: .pypi)
        let djangoPURL = Package(name: "django", version: "3.2.4", ecosystem: .pypi, purl: "pkg:pypi/django@3.2.4")
        #expect(FindingFingerprint.packageIdentity(django) == FindingFingerprint.packageIdentity(djangoPURL))
        let npm = Package(name: "@angular/core", version: "1", ecosystem: .npm, purl: "pkg:npm/%40angular/core@1")
        #expect(FindingFingerprint.packageIdentity(npm) == "npm/@angular/core")
        #expect(
            FindingFingerprint(
                Self.finding("CVE-1", before), targetName: "img:1 (debian 12.5)", targetKind: .osPackages
            )
            .description == "vulnerability|CVE-1|deb/libssl3|os-pkgs")
    }

    @Test("a version bump keeps the finding existing; a new ID is new; a gone one is fixed")
    func newExistingFixed() throws {
        let baseline = Baseline(
            path: "old.json", createdAt: Self.then,
            entries: [
                .init(
                    targetName: "app:1 (debian 12.5)", targetKind: .osPackages,
                    finding: Self.finding("CVE-2024-0727", Self.deb("libssl3", "3.0.11-1~deb12u2")),
                    firstSeen: Self.then - 10 * Self.day),
                .init(
                    targetName: "app:1 (debian 12.5)", targetKind: .osPackages,
                    finding: Self.finding("CVE-2023-0001", Self.deb("zlib1g", "1:1.2.13.dfsg-1"))),
            ])
        let now = Self.then + 3 * Self.day
        let current = Self.osTarget([
            Self.finding("CVE-2024-0727", Self.deb("libssl3", "3.0.13-1~deb12u1", distro: "debian-12.6")),
            Self.finding("CVE-2024-9999", Self.deb("libssl3", "3.0.13-1~deb12u1", distro: "debian-12.6")),
        ])
        let result = baseline.compare([current], scanTime: now)
        let existing = try #require(result.states[0][0])
        #expect(existing.status == .existing)
        #expect(existing.firstSeen == BaselineState.timestamp(Self.then - 10 * Self.day))
        #expect(existing.daysOpen(at: now) == 13)
        let new = try #require(result.states[0][1])
        #expect(new.status == .new)
        #expect(new.firstSeen == BaselineState.timestamp(now))
        #expect(new.daysOpen(at: now) == 0)
        #expect(result.comparison.fixed.map(\.finding.id) == ["CVE-2023-0001"])
        // Without its own first-seen time, a baseline finding dates from the baseline scan.
        #expect(result.comparison.fixed.first?.firstSeen == BaselineState.timestamp(Self.then))
    }

    @Test("findings pair under aliases, in the same target only, and duplicates pair by file path first")
    func pairing() {
        let jar = { (path: String, version: String) -> Package in
            Package(
                name: "org.apache.logging.log4j:log4j-core", version: version, ecosystem: .maven,
                purl: "pkg:maven/org.apache.logging.log4j/log4j-core@\(version)", filePath: path)
        }
        let baseline = Baseline(
            path: "old.json", createdAt: Self.then,
            entries: [
                .init(
                    targetName: "Java", targetKind: .languagePackages,
                    finding: Self.finding("GHSA-jfh8-c2jp-5v3q", jar("b.jar", "2.14.0")), firstSeen: Self.then),
                .init(
                    targetName: "Java", targetKind: .languagePackages,
                    finding: Self.finding("GHSA-jfh8-c2jp-5v3q", jar("a.jar", "2.14.0")),
                    firstSeen: Self.then - Self.day),
            ])
        let current = DetectedTarget(
            name: "Java", kind: .languagePackages, type: "jar",
            findings: [
                Self.finding("CVE-2021-44228", jar("a.jar", "2.14.1"), aliases: ["GHSA-jfh8-c2jp-5v3q"]),
                Self.finding("CVE-2021-44228", jar("b.jar", "2.14.1"), aliases: ["GHSA-jfh8-c2jp-5v3q"]),
                Self.finding("CVE-2021-44228", jar("c.jar", "2.14.1")),
            ])
        let result = baseline.compare([current], scanTime: Self.then + Self.day)
        #expect(result.states[0].map { $0?.status } == [.existing, .existing, .new])
        #expect(result.states[0][0]?.firstSeen == BaselineState.timestamp(Self.then - Self.day), "a.jar pairs a.jar")
        #expect(result.states[0][1]?.firstSeen == BaselineState.timestamp(Self.then))
        #expect(result.comparison.fixed.isEmpty)
        // The same finding in another lockfile is another finding.
        let elsewhere = DetectedTarget(
            name: "other/pom.xml", kind: .languagePackages, type: "pom",
            findings: [Self.finding("GHSA-jfh8-c2jp-5v3q", jar("b.jar", "2.14.0"))])
        #expect(baseline.compare([elsewhere], scanTime: Self.then).states[0][0]?.status == .new)
    }

    @Test("kinds the baseline cannot hold get no state")
    func otherKinds() {
        let misconfiguration = Finding.secret(
            SecretFinding(
                filePath: "app/.env", ruleID: "aws-access-key-id", category: "AWS", severity: .critical, title: "AWS",
                startLine: 1, endLine: 1, match: "AKIA****"))
        let target = DetectedTarget(name: "app/.env", kind: .secret, type: "", findings: [misconfiguration])
        let result = Baseline(path: "old.json", createdAt: Self.then, entries: []).compare(
            [target], scanTime: Self.then)
        #expect(result.states == [[nil]])
    }

    @Test("first-seen dates read back in RFC 3339 or as a bare date")
    func firstSeenForms() {
        let state = BaselineState(status: .existing, firstSeen: "2026-01-01")
        #expect(state.daysOpen(at: Date(timeIntervalSince1970: 1_767_225_600 + 8 * Self.day + 5)) == 8)
        #expect(BaselineState(status: .existing, firstSeen: "garbage").daysOpen(at: Self.then) == nil)
        #expect(BaselineState(status: .new).daysOpen(at: Self.then) == nil)
    }
}
