import DrydockMatch
import DrydockModel
import DrydockVulnDB
import Testing

/// Advisories with the vendor's per-package status, as the DB returns them.
struct StatusAdvisories: AdvisorySource {
    var entries: [AffectedPackage]
    var advisories: [Advisory]

    func affectedPackages(namespace: String, packageName: String) throws -> [AffectedPackage] {
        entries.filter { $0.namespace == namespace && $0.packageName == packageName }
    }

    func advisory(id: String) throws -> Advisory? { advisories.first { $0.id == id } }

    func covers(namespace: String) throws -> Bool { entries.contains { $0.namespace == namespace } }
}

@Suite("Vendor statuses, names and flavors in matching")
struct VendorStatusMatchTests {
    static func entry(
        _ id: String, _ namespace: String, _ name: String, fixed: String? = nil, status: VulnerabilityStatus? = nil
    ) -> AffectedPackage {
        var events: [RangeEvent] = [.introduced("0")]
        if let fixed { events.append(.fixed(fixed)) }
        return AffectedPackage(
            advisoryID: id, namespace: namespace, packageName: name,
            ranges: [AffectedRange(kind: .ecosystem, events: events)], status: status)
    }

    static func match(
        _ package: Package, os: OperatingSystem, _ entries: [AffectedPackage], aliases: [String: [String]] = [:]
    )
        throws -> [VulnerabilityFinding]
    {
        let ids = Set(entries.map(\.advisoryID))
        let source = StatusAdvisories(
            entries: entries, advisories: ids.map { Advisory(id: $0, aliases: aliases[$0] ?? [], source: "test") })
        let inventory = Inventory(
            operatingSystem: os,
            targets: [InventoryTarget(kind: .osPackages, name: "img", type: os.family.rawValue, packages: [package])])
        return try Matcher(source: source).match(inventory).allFindings
    }

    @Test("the vendor's unfixed status is reported; not_affected never matches; a fix wins")
    func statuses() throws {
        let os = OperatingSystem(family: .wolfi, version: "20230201")
        let package = Package(name: "libcrypto3", version: "3.3.1-r0", ecosystem: .wolfi, sourceName: "openssl")
        let findings = try Self.match(
            package, os: os,
            [
                Self.entry("CGA-1", "Wolfi", "openssl", status: .fixDeferred),
                Self.entry("CGA-2", "Wolfi", "openssl", status: .willNotFix),
                Self.entry("CGA-3", "Wolfi", "openssl", status: .underInvestigation),
                Self.entry("CGA-4", "Wolfi", "openssl", status: .notAffected),
                Self.entry("CGA-5", "Wolfi", "openssl", fixed: "3.3.1-r3", status: .fixed),
                Self.entry("CGA-6", "Wolfi", "openssl", status: .willNotFix),
                Self.entry("CGA-6", "Wolfi", "openssl", status: .affected),
            ])
        let byID = Dictionary(uniqueKeysWithValues: findings.map { ($0.vulnerabilityID, $0.status) })
        #expect(
            byID == [
                "CGA-1": .fixDeferred, "CGA-2": .willNotFix, "CGA-3": .underInvestigation, "CGA-5": .fixed,
                "CGA-6": .affected,
            ])
    }

    @Test("Azure Linux and CBL-Mariner match by source package and source version")
    func microsoftSourceNames() throws {
        let os = OperatingSystem(family: .azureLinux, version: "3.0")
        let package = Package(
            name: "curl-libs", version: "8.8.0-2.azl3", ecosystem: .azureLinux, sourceName: "curl")
        let findings = try Self.match(
            package, os: os,
            [
                Self.entry("CVE-1", "Azure Linux:3.0", "curl", fixed: "8.8.0-3.azl3"),
                Self.entry("CVE-2", "Azure Linux:3.0", "curl-libs", fixed: "8.8.0-3.azl3"),
            ])
        #expect(findings.map(\.vulnerabilityID) == ["CVE-1"])
    }

    @Test("Oracle Linux flavors: ksplice and fips fixes apply only to their own builds")
    func oracleFlavors() throws {
        let os = OperatingSystem(family: .oracle, version: "9.2")
        let entries = [
            Self.entry("NORMAL", "Oracle Linux:9", "glibc", fixed: "2.34-60.0.3.el9_2.7"),
            Self.entry("KSPLICE", "Oracle Linux:9", "glibc", fixed: "2:2.34-60.0.3.ksplice1.el9_2.7"),
            Self.entry("FIPS", "Oracle Linux:9", "glibc", fixed: "2.34-60.0.4.el9_fips"),
            Self.entry("UNFIXED", "Oracle Linux:9", "glibc"),
        ]
        let normal = Package(name: "glibc", version: "2.34-60.0.2.el9_2.6", ecosystem: .oracleLinux)
        #expect(Set(try Self.match(normal, os: os, entries).map(\.vulnerabilityID)) == ["NORMAL", "UNFIXED"])
        let ksplice = Package(name: "glibc", version: "2:2.34-60.0.2.ksplice1.el9_2.6", ecosystem: .oracleLinux)
        #expect(Set(try Self.match(ksplice, os: os, entries).map(\.vulnerabilityID)) == ["KSPLICE", "UNFIXED"])
        #expect(OracleFlavor(version: "10:3.6.16-4.0.1.el8_fips") == .fips)
    }

    @Test("Rocky Linux and Photon OS entries are found under the source package too")
    func bothNames() throws {
        let os = OperatingSystem(family: .rocky, version: "9.4")
        let package = Package(name: "ruby-libs", version: "3.3.0-1.el9", ecosystem: .rockyLinux, sourceName: "ruby")
        let findings = try Self.match(
            package, os: os, [Self.entry("RLSA-1", "Rocky Linux:9", "ruby", fixed: "3.3.1-1.el9")])
        #expect(findings.map(\.vulnerabilityID) == ["RLSA-1"])
    }

    @Test("Ubuntu's CVE records group with the CVE they alias")
    func ubuntuAliases() throws {
        let os = OperatingSystem(family: .ubuntu, version: "22.04")
        let package = Package(
            name: "openssh-client", version: "1:8.9p1-3ubuntu0.7", ecosystem: .debian, sourceName: "openssh")
        let findings = try Self.match(
            package, os: os,
            [Self.entry("UBUNTU-CVE-2024-6387", "Ubuntu:22.04:LTS", "openssh", fixed: "1:8.9p1-3ubuntu0.10")],
            aliases: ["UBUNTU-CVE-2024-6387": ["CVE-2024-6387"]])
        #expect(findings.map(\.vulnerabilityID) == ["CVE-2024-6387"])
        #expect(findings.first?.allIDs == ["CVE-2024-6387", "UBUNTU-CVE-2024-6387"])
    }
}
