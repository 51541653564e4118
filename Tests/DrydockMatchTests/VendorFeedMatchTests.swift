import DrydockMatch
import DrydockModel
import DrydockVulnDB
import Testing

/// What the vendor feeds' entries carry into findings: states, the vendor's own rating, vendor advisories, source
/// packages, Red Hat's strict module streams, and the release namespaces of RHEL, CentOS and SUSE.
@Suite struct VendorFeedMatchTests {
    static let rhel9 = OperatingSystem(family: .redhat, version: "9.3")

    static func entry(
        _ id: String, namespace: String, package: String, fixed: String? = nil, status: VulnerabilityStatus,
        severity: Severity? = nil, vendorIDs: [String] = [], module: String? = nil
    ) -> AffectedPackage {
        let events: [RangeEvent] = fixed.map { [.introduced("0"), .fixed($0)] } ?? [.introduced("0")]
        return AffectedPackage(
            advisoryID: id, namespace: namespace, packageName: package,
            ranges: status == .notAffected ? [] : [AffectedRange(kind: .ecosystem, events: events)], module: module,
            status: status, severity: severity, vendorIDs: vendorIDs)
    }

    static func findings(
        _ packages: [Package], _ entries: [AffectedPackage], advisories: [Advisory]? = nil,
        os: OperatingSystem = rhel9
    ) throws -> [VulnerabilityFinding] {
        let source = InMemoryAdvisories(
            affected: entries,
            advisories: advisories
                ?? Array(Set(entries.map(\.advisoryID))).map { Advisory(id: $0, source: "redhat-csaf") })
        return try Matcher(source: source).match(DistroMatchTests.inventory(packages, os: os)).allFindings
    }

    static let openssl = Package(
        name: "openssl-libs", version: "1:3.0.7-24.el9", ecosystem: .redHat, sourceName: "openssl")

    @Test("RHEL namespaces: the main-stream repositories, then the release-wide product; CentOS uses them")
    func namespaces() {
        #expect(
            AdvisoryNamespace.namespaces(for: Self.rhel9) == [
                "Red Hat:enterprise_linux:9::baseos", "Red Hat:enterprise_linux:9::appstream",
                "Red Hat:enterprise_linux:9::crb", "Red Hat:enterprise_linux:9",
            ])
        #expect(
            AdvisoryNamespace.namespaces(for: OperatingSystem(family: .centos, version: "7.9.2009")) == [
                "Red Hat:enterprise_linux:7::server", "Red Hat:enterprise_linux:7",
            ])
        #expect(
            AdvisoryNamespace.namespaces(for: OperatingSystem(family: .redhat, version: "10.0")) == [
                "Red Hat:enterprise_linux:10.0", "Red Hat:enterprise_linux:10",
            ])
        #expect(
            AdvisoryNamespace.namespaces(for: OperatingSystem(family: .centos, version: "9")).last
                == "Red Hat:enterprise_linux:9")
    }

    @Test("a fix gives `fixed` with the RHSA as vendor ID and Red Hat's rating; unfixed entries keep their state")
    func statesAndRatings() throws {
        let entries = [
            Self.entry(
                "CVE-1", namespace: "Red Hat:enterprise_linux:9::baseos", package: "openssl-libs",
                fixed: "1:3.0.7-27.el9", status: .fixed, severity: .low, vendorIDs: ["RHSA-2024:2447"]),
            Self.entry("CVE-2", namespace: "Red Hat:enterprise_linux:9", package: "openssl-libs", status: .fixDeferred),
            Self.entry("CVE-3", namespace: "Red Hat:enterprise_linux:9", package: "openssl-libs", status: .willNotFix),
            Self.entry("CVE-4", namespace: "Red Hat:enterprise_linux:9", package: "openssl-libs", status: .notAffected),
        ]
        var nvdRated = Advisory(id: "CVE-1", severity: .critical, source: "redhat-csaf")
        nvdRated.vendorSeverity = ["nvd": .critical, "debian": .high, "redhat": .low]
        let advisories = [nvdRated] + ["CVE-2", "CVE-3", "CVE-4"].map { Advisory(id: $0, source: "redhat-csaf") }
        let findings = try Self.findings([Self.openssl], entries, advisories: advisories)
        #expect(findings.map(\.vulnerabilityID) == ["CVE-1", "CVE-2", "CVE-3"], "not_affected never matches")
        let fixed = try #require(findings.first)
        #expect(fixed.status == .fixed)
        #expect(fixed.fixedVersion == "1:3.0.7-27.el9")
        #expect(fixed.allIDs == ["CVE-1", "RHSA-2024:2447"])
        #expect(fixed.severity == .low)
        #expect(fixed.severitySource == "redhat")
        #expect(findings[1].status == .fixDeferred)
        #expect(findings[2].status == .willNotFix)
    }

    @Test("without a rating of its own, a finding takes the namespace vendor's rating over other vendors'")
    func vendorRatingByNamespace() throws {
        var advisory = Advisory(id: "CVE-9", severity: .high, source: "updateinfo")
        advisory.vendorSeverity = ["amazon": .medium, "redhat": .high, "debian": .low]
        advisory.severitySource = "amazon"
        let debian = Package(name: "libssl3", version: "3.0.11-1", ecosystem: .debian, sourceName: "openssl")
        let findings = try Self.findings(
            [debian],
            [
                AffectedPackage(
                    advisoryID: "CVE-9", namespace: "Debian:12", packageName: "openssl",
                    ranges: [AffectedRange(kind: .ecosystem, events: [.introduced("0"), .fixed("3.0.13-1")])])
            ],
            advisories: [advisory], os: OperatingSystem(family: .debian, version: "12.5"))
        #expect(findings.first?.severity == .low)
        #expect(findings.first?.severitySource == "debian")
    }

    @Test("an unfixed statement about a source package applies to every binary built from it")
    func sourcePackages() throws {
        let entries = [
            Self.entry("CVE-5", namespace: "Red Hat:enterprise_linux:9", package: "openssl.src", status: .affected)
        ]
        let findings = try Self.findings([Self.openssl], entries)
        #expect(findings.map(\.vulnerabilityID) == ["CVE-5"])
        #expect(findings.first?.status == .affected)
        let other = Package(name: "curl", version: "7.76.1-26.el9", ecosystem: .redHat, sourceName: "curl")
        #expect(try Self.findings([other], entries).isEmpty)
    }

    @Test("Red Hat's module rule is strict: a labelled package never matches an entry without a stream")
    func strictModules() throws {
        let labelled = Package(
            name: "golang-bin", version: "1.21.7-1.module+el8.10.0+21318+5ea197f8", ecosystem: .redHat,
            sourceName: "golang", modularityLabel: "go-toolset:rhel8:8100020240215083546:a6d3a7d1")
        let rhel8 = OperatingSystem(family: .redhat, version: "8.10")
        let entries = [
            Self.entry("PLAIN", namespace: "Red Hat:enterprise_linux:8", package: "golang-bin", status: .affected),
            Self.entry(
                "STREAM", namespace: "Red Hat:enterprise_linux:8", package: "golang-bin", status: .fixDeferred,
                module: "go-toolset:rhel8"),
        ]
        let findings = try Self.findings([labelled], entries, os: rhel8)
        #expect(findings.map(\.vulnerabilityID) == ["STREAM"])
        let plain = Package(name: "golang-bin", version: "1.21.7-1.el8", ecosystem: .redHat, sourceName: "golang")
        #expect(try Self.findings([plain], entries, os: rhel8).map(\.vulnerabilityID) == ["PLAIN"])
    }

    @Test("a CentOS image is checked against Red Hat's data")
    func centOS() throws {
        let centos = Package(name: "bash", version: "4.2.46-33.el7", ecosystem: .centOS, sourceName: "bash")
        let entries = [
            Self.entry(
                "CVE-2019-18276", namespace: "Red Hat:enterprise_linux:7", package: "bash", status: .willNotFix,
                severity: .low)
        ]
        let findings = try Self.findings(
            [centos], entries, os: OperatingSystem(family: .centos, version: "7.9.2009"))
        #expect(findings.first?.status == .willNotFix)
        #expect(findings.first?.severitySource == "redhat")
        #expect(findings.first?.namespace == "Red Hat:enterprise_linux:7")
    }
}
