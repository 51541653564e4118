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
        #expect(existing.firstSeen == PolicyDate.timestamp(Self.then - 10 * Self.day))
        #expect(Self.openDays(existing, now: now) == 13)
        let new = try #require(result.states[0][1])
        #expect(new.status == .new)
        #expect(new.firstSeen == PolicyDate.timestamp(now))
        #expect(Self.openDays(new, now: now) == 0)
        #expect(result.comparison.fixed.map(\.id) == ["CVE-2023-0001"])
        #expect(result.comparison.fixed.first?.packageName == "zlib1g")
        #expect(result.comparison.fixed.first?.installedVersion == "1:1.2.13.dfsg-1")
        // Without its own first-seen time, a baseline finding dates from the baseline scan.
        #expect(result.comparison.fixed.first?.firstSeen == PolicyDate.timestamp(Self.then))
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
        #expect(result.states[0][0]?.firstSeen == PolicyDate.timestamp(Self.then - Self.day), "a.jar pairs a.jar")
        #expect(result.states[0][1]?.firstSeen == PolicyDate.timestamp(Self.then))
        #expect(result.comparison.fixed.isEmpty)
        // The same finding in another lockfile is another finding.
        let elsewhere = DetectedTarget(
            name: "other/pom.xml", kind: .languagePackages, type: "pom",
            findings: [Self.finding("GHSA-jfh8-c2jp-5v3q", jar("b.jar", "2.14.0"))])
        #expect(baseline.compare([elsewhere], scanTime: Self.then).states[0][0]?.status == .new)
    }

    /// The policy's `openDays` fact for a finding in `state`, judged at `now`.
    static func openDays(_ state: BaselineState, now: Date) -> Int {
        let context = FindingContext(
            finding: finding("CVE-1", deb("x", "1")), targetName: "", targetKind: .osPackages, targetType: "")
        return FindingFacts(context, baseline: state, artifact: ArtifactFacts(nil), now: now).openDays
    }

    @Test("secrets, checks and licenses take part by ID and target; passed checks do not")
    func otherKinds() {
        let secret = { (line: Int) in
            Finding.secret(
                SecretFinding(
                    filePath: "app/.env", ruleID: "aws-access-key-id", category: "AWS", severity: .critical,
                    title: "AWS", startLine: line, endLine: line, match: "AKIA****"))
        }
        let target = DetectedTarget(name: "app/.env", kind: .secret, type: "", findings: [secret(3), secret(9)])
        let baseline = Baseline(
            path: "old.json", createdAt: Self.then,
            entries: [.init(targetName: "app/.env", targetKind: .secret, finding: secret(1))])
        let result = baseline.compare([target], scanTime: Self.then + Self.day)
        #expect(result.states[0].map { $0?.status } == [.existing, .new], "a moved secret is the same secret")
        let check = MisconfigurationFinding(
            fileType: "dockerfile", filePath: "Dockerfile", id: "DS-0001", title: "latest tag", description: "",
            message: "", resolution: "", severity: .medium, status: .pass)
        let config = DetectedTarget(
            name: "Dockerfile", kind: .config, type: "dockerfile", findings: [.misconfiguration(check)])
        #expect(baseline.compare([config], scanTime: Self.then).states == [[nil]])
        #expect(
            Baseline(
                path: "old.json", createdAt: nil,
                entries: [
                    .init(targetName: "Dockerfile", targetKind: .config, finding: .misconfiguration(check))
                ]
            ).entries.isEmpty)
    }

    @Test("first-seen dates read back in RFC 3339 (any fraction) or as a bare date")
    func firstSeenForms() {
        let state = BaselineState(status: .existing, firstSeen: "2026-01-01")
        #expect(Self.openDays(state, now: Date(timeIntervalSince1970: 1_767_225_600 + 8 * Self.day + 5)) == 8)
        #expect(PolicyDate.parse("2023-01-16T19:07:16.853479631-06:00") != nil)
        #expect(PolicyDate.parse("garbage") == nil)
        // Unknown first-seen: the finding counts from this scan.
        #expect(Self.openDays(BaselineState(status: .existing, firstSeen: "garbage"), now: Self.then) == 0)
    }
}
