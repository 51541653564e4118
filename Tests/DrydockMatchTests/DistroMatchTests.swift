import DrydockMatch
import DrydockModel
import Testing

/// One distribution's matching rules: where its advisories live and which name they use.
struct DistroCase: Sendable, CustomStringConvertible {
    var family: OSFamily
    var version: String
    /// The namespace the advisory under test is published in.
    var namespace: String
    /// A namespace of another release (or distribution), whose advisory must never match.
    var otherRelease: String
    /// Binary package name and the source / origin name.
    var binary: String
    var source: String
    var installed: String
    var fixed: String

    var description: String { "\(family.rawValue) \(version)" }

    /// RPM distributions publish binary names, except Azure Linux and CBL-Mariner (source names); Debian, Ubuntu
    /// and the apk ones source / origin names. Rocky Linux and Photon OS are looked up under both.
    var advisoryName: String {
        if family == .azureLinux || family == .cblMariner { return source }
        return (family.packageEcosystem?.isRPM ?? false) ? binary : source
    }
    var wrongName: String {
        if family == .rocky || family == .photon { return "unrelated-\(binary)" }
        return advisoryName == binary ? source : binary
    }
}

@Suite("Matching per distribution")
struct DistroMatchTests {
    static let cases: [DistroCase] = [
        .init(
            family: .alpine, version: "3.19.1", namespace: "Alpine:v3.19", otherRelease: "Alpine:v3.18",
            binary: "libcrypto3", source: "openssl", installed: "3.1.4-r5", fixed: "3.1.4-r6"),
        .init(
            family: .debian, version: "12.5", namespace: "Debian:12", otherRelease: "Debian:11", binary: "libssl3",
            source: "openssl", installed: "3.0.11-1~deb12u2", fixed: "3.0.13-1~deb12u1"),
        .init(
            family: .ubuntu, version: "22.04", namespace: "Ubuntu:22.04:LTS", otherRelease: "Ubuntu:20.04:LTS",
            binary: "libssl3", source: "openssl", installed: "3.0.2-0ubuntu1.12", fixed: "3.0.2-0ubuntu1.15"),
        .init(
            family: .redhat, version: "9.3", namespace: "Red Hat:enterprise_linux:9::appstream",
            otherRelease: "Red Hat:enterprise_linux:8::appstream", binary: "openssl-libs", source: "openssl",
            installed: "1:3.0.7-24.el9", fixed: "1:3.0.7-27.el9"),
        .init(
            family: .centos, version: "7.9.2009", namespace: "Red Hat:enterprise_linux:7::server",
            otherRelease: "Red Hat:enterprise_linux:8::baseos", binary: "bind-libs",
            source: "bind", installed: "32:9.11.4-26.P2.el7", fixed: "32:9.11.4-26.P2.el7_9.15"),
        .init(
            family: .rocky, version: "9.3", namespace: "Rocky Linux:9", otherRelease: "Rocky Linux:8",
            binary: "curl-minimal", source: "curl", installed: "7.76.1-26.el9", fixed: "7.76.1-26.el9_3.2"),
        .init(
            family: .alma, version: "8.9", namespace: "AlmaLinux:8", otherRelease: "AlmaLinux:9",
            binary: "glibc-common", source: "glibc", installed: "2.28-236.el8", fixed: "2.28-236.el8_9.12"),
        .init(
            family: .oracle, version: "9.3", namespace: "Oracle Linux:9", otherRelease: "Oracle Linux:8",
            binary: "libxml2", source: "libxml2-src", installed: "2.9.13-5.el9_3", fixed: "2.9.13-6.el9_4"),
        .init(
            family: .amazon, version: "2", namespace: "Amazon Linux:2", otherRelease: "Amazon Linux:2023",
            binary: "openssl-libs", source: "openssl", installed: "1:1.0.2k-24.amzn2.0.7",
            fixed: "1:1.0.2k-24.amzn2.0.10"),
        .init(
            family: .amazon, version: "2018.03", namespace: "Amazon Linux:1", otherRelease: "Amazon Linux:2",
            binary: "openssl", source: "openssl-src", installed: "1:1.0.2k-16.150.amzn1",
            fixed: "1:1.0.2k-16.159.amzn1"),
        .init(
            family: .amazon, version: "2023.3.20240131", namespace: "Amazon Linux:2023",
            otherRelease: "Amazon Linux:2", binary: "libcurl-minimal", source: "curl",
            installed: "8.5.0-1.amzn2023.0.1",
            fixed: "8.5.0-1.amzn2023.0.2"),
        .init(
            family: .fedora, version: "40", namespace: "Fedora:40", otherRelease: "Fedora:39", binary: "python3-libs",
            source: "python3.12", installed: "3.12.2-2.fc40", fixed: "3.12.3-2.fc40"),
        .init(
            family: .sles, version: "15.5", namespace: "SUSE:Linux Enterprise Server 15 SP5",
            otherRelease: "SUSE:Linux Enterprise Server 15 SP4", binary: "libopenssl3", source: "openssl-3",
            installed: "3.0.8-150500.5.20.1", fixed: "3.0.8-150500.5.27.1"),
        .init(
            family: .sles, version: "15.5", namespace: "SUSE:Linux Enterprise Module for Basesystem 15 SP5",
            otherRelease: "SUSE:Linux Enterprise Module for Basesystem 15 SP6", binary: "libopenssl3",
            source: "openssl-3", installed: "3.0.8-150500.5.20.1", fixed: "3.0.8-150500.5.27.1"),
        .init(
            family: .sleMicro, version: "5.5", namespace: "SUSE:Linux Enterprise Micro 5.5",
            otherRelease: "SUSE:Linux Enterprise Micro 5.4", binary: "libzypp", source: "libzypp-src",
            installed: "17.31.15-150400.3.40.1", fixed: "17.31.20-150400.3.49.1"),
        .init(
            family: .openSUSELeap, version: "15.5", namespace: "openSUSE:Leap 15.5", otherRelease: "openSUSE:Leap 15.4",
            binary: "libcurl4", source: "curl", installed: "8.0.1-150400.5.36.1", fixed: "8.0.1-150400.5.41.1"),
        .init(
            family: .openSUSETumbleweed, version: "20240101", namespace: "openSUSE:Tumbleweed",
            otherRelease: "openSUSE:Leap 15.5", binary: "libcurl4", source: "curl", installed: "8.5.0-1.1",
            fixed: "8.6.0-1.1"),
        .init(
            family: .photon, version: "5.0", namespace: "Photon OS:5.0", otherRelease: "Photon OS:4.0",
            binary: "openssl-libs", source: "openssl", installed: "3.0.9-1.ph5", fixed: "3.0.9-3.ph5"),
        .init(
            family: .cblMariner, version: "2.0.20240123", namespace: "Mariner:2.0", otherRelease: "Mariner:1.0",
            binary: "glibc-devel", source: "glibc", installed: "2.35-6.cm2", fixed: "2.35-7.cm2"),
        .init(
            family: .azureLinux, version: "3.0.20240727", namespace: "Azure Linux:3.0", otherRelease: "Mariner:2.0",
            binary: "libxml2-devel", source: "libxml2", installed: "2.11.5-1.azl3", fixed: "2.11.5-2.azl3"),
        .init(
            family: .wolfi, version: "20230201", namespace: "Wolfi", otherRelease: "Chainguard", binary: "libcrypto3",
            source: "openssl", installed: "3.2.1-r0", fixed: "3.2.1-r1"),
        .init(
            family: .chainguard, version: "20230214", namespace: "Chainguard", otherRelease: "Wolfi",
            binary: "libcrypto3", source: "openssl", installed: "3.2.1-r0", fixed: "3.2.1-r1"),
    ]

    static func fixed(_ id: String, _ version: String, package: String, namespace: String) -> AffectedPackage {
        AffectedPackage(
            advisoryID: id, namespace: namespace, packageName: package,
            ranges: [AffectedRange(kind: .ecosystem, events: [.introduced("0"), .fixed(version)])])
    }

    /// The namespaces an OS package of `os` is matched under.
    static func namespaces(_ os: OperatingSystem) -> [String] {
        guard let ecosystem = os.family.packageEcosystem else { return [] }
        return MatchNamespace.namespaces(for: Package(name: "p", version: "1", ecosystem: ecosystem), os: os)
    }

    static func inventory(_ packages: [Package], os: OperatingSystem) -> Inventory {
        Inventory(
            operatingSystem: os,
            targets: [InventoryTarget(kind: .osPackages, name: "img", type: os.family.rawValue, packages: packages)])
    }

    @Test(
        "the family's advisories match by the name its vendor publishes; another release's never do",
        arguments: cases)
    func family(_ distro: DistroCase) throws {
        let ecosystem = try #require(distro.family.packageEcosystem)
        let os = OperatingSystem(family: distro.family, version: distro.version)
        #expect(Self.namespaces(os).contains(distro.namespace))
        #expect(!Self.namespaces(os).contains(distro.otherRelease))
        let package = Package(
            name: distro.binary, version: distro.installed, ecosystem: ecosystem, sourceName: distro.source)
        let source = InMemoryAdvisories(
            affected: [
                Self.fixed("ADV-RIGHT", distro.fixed, package: distro.advisoryName, namespace: distro.namespace),
                Self.fixed(
                    "ADV-OTHER-RELEASE", distro.fixed, package: distro.advisoryName, namespace: distro.otherRelease),
                Self.fixed("ADV-WRONG-NAME", distro.fixed, package: distro.wrongName, namespace: distro.namespace),
                Self.fixed(
                    "ADV-ALREADY-FIXED", distro.installed, package: distro.advisoryName, namespace: distro.namespace),
            ],
            advisories: ["ADV-RIGHT", "ADV-OTHER-RELEASE", "ADV-WRONG-NAME", "ADV-ALREADY-FIXED"].map {
                Advisory(id: $0, source: "osv")
            })
        let result = try Matcher(source: source).match(Self.inventory([package], os: os))
        #expect(result.allFindings.map(\.vulnerabilityID) == ["ADV-RIGHT"])
        #expect(result.allFindings.first?.fixedVersion == distro.fixed)
        #expect(result.targets.first?.coverage.namespaces.contains(distro.namespace) == true)
        #expect(result.targets.first?.coverage.isComplete == true)
    }

    @Test("a release without advisories in the DB is reported uncovered, never clean", arguments: cases)
    func uncovered(_ distro: DistroCase) throws {
        let ecosystem = try #require(distro.family.packageEcosystem)
        let os = OperatingSystem(family: distro.family, version: distro.version)
        let package = Package(name: distro.binary, version: distro.installed, ecosystem: ecosystem)
        let source = InMemoryAdvisories(
            affected: [Self.fixed("X", distro.fixed, package: distro.binary, namespace: distro.otherRelease)],
            advisories: [])
        let result = try Matcher(source: source).match(Self.inventory([package], os: os))
        #expect(result.allFindings.isEmpty)
        #expect(result.targets.first?.coverage.uncoveredNamespaces == [Self.namespaces(os)[0]])
    }

    @Test("RPM comparison honours the epoch: 1:3.0.7 is newer than a fix 3.0.8 without epoch")
    func epochs() throws {
        let os = OperatingSystem(family: .rocky, version: "9.3")
        let package = Package(name: "openssl", version: "1:3.0.7-24.el9", ecosystem: .rockyLinux)
        let source = InMemoryAdvisories(
            affected: [
                Self.fixed("NO-EPOCH", "3.0.8-1.el9", package: "openssl", namespace: "Rocky Linux:9"),
                Self.fixed("EPOCH-2", "2:1.0-1.el9", package: "openssl", namespace: "Rocky Linux:9"),
            ],
            advisories: [Advisory(id: "NO-EPOCH", source: "osv"), Advisory(id: "EPOCH-2", source: "osv")])
        let result = try Matcher(source: source).match(Self.inventory([package], os: os))
        #expect(result.allFindings.map(\.vulnerabilityID) == ["EPOCH-2"])
    }

    @Test("module streams: module advisories match only module builds, plain advisories only plain builds")
    func moduleStreams() throws {
        let os = OperatingSystem(family: .alma, version: "9.3")
        let plain = Package(name: "nodejs", version: "1:16.18.1-3.el9_1", ecosystem: .almaLinux)
        let modular = Package(
            name: "nodejs", version: "1:18.14.2-2.module_el9.2.0+29+de583a0b", ecosystem: .almaLinux)
        let source = InMemoryAdvisories(
            affected: [
                Self.fixed("PLAIN", "1:16.19.1-1.el9_2", package: "nodejs", namespace: "AlmaLinux:9"),
                Self.fixed("PLAIN-HIGH", "1:20.0.0-1.el9", package: "nodejs", namespace: "AlmaLinux:9"),
                Self.fixed(
                    "MODULE", "1:18.14.2-3.module_el9.2.0+30+e3312493", package: "nodejs", namespace: "AlmaLinux:9"),
                AffectedPackage(
                    advisoryID: "UNFIXED", namespace: "AlmaLinux:9", packageName: "nodejs",
                    ranges: [AffectedRange(kind: .ecosystem, events: [.introduced("0")])]),
            ],
            advisories: ["PLAIN", "PLAIN-HIGH", "MODULE", "UNFIXED"].map { Advisory(id: $0, source: "osv") })
        let onPlain = try Matcher(source: source).match(Self.inventory([plain], os: os))
        #expect(onPlain.allFindings.map(\.vulnerabilityID).sorted() == ["PLAIN", "PLAIN-HIGH", "UNFIXED"])
        let onModule = try Matcher(source: source).match(Self.inventory([modular], os: os))
        #expect(onModule.allFindings.map(\.vulnerabilityID).sorted() == ["MODULE", "UNFIXED"])
        #expect(RPMModularity.isModuleBuild("3.0.7-1.module+el8.5.0+12345+abcdef01"))
        #expect(!RPMModularity.isModuleBuild("3.0.7-1.el8"))
    }

    @Test("Ubuntu Pro / ESM advisories apply only when the image has ESM enabled")
    func ubuntuPro() throws {
        let package = Package(
            name: "libssl1.1", version: "1.1.1-1ubuntu2.1~18.04.23", ecosystem: .debian,
            sourceName: "openssl")
        let source = InMemoryAdvisories(
            affected: [
                Self.fixed("USN-LTS", "1.1.1-1ubuntu2.1~18.04.22", package: "openssl", namespace: "Ubuntu:18.04:LTS"),
                Self.fixed(
                    "USN-PRO", "1.1.1-1ubuntu2.1~18.04.23+esm1", package: "openssl",
                    namespace: "Ubuntu:Pro:18.04:LTS"),
            ],
            advisories: [Advisory(id: "USN-LTS", source: "osv"), Advisory(id: "USN-PRO", source: "osv")])
        let plain = OperatingSystem(family: .ubuntu, version: "18.04")
        #expect(try Matcher(source: source).match(Self.inventory([package], os: plain)).allFindings.isEmpty)
        let pro = OperatingSystem(family: .ubuntu, version: "18.04", extendedSupport: true)
        let findings = try Matcher(source: source).match(Self.inventory([package], os: pro)).allFindings
        #expect(findings.map(\.vulnerabilityID) == ["USN-PRO"])
        #expect(Self.namespaces(pro) == ["Ubuntu:18.04:LTS", "Ubuntu:18.04", "Ubuntu:Pro:18.04:LTS"])
    }

    @Test("an RPM on an image whose OS is unknown, or another family's, is never matched")
    func rpmWithoutItsDistribution() throws {
        let package = Package(name: "openssl", version: "1:3.0.7-24.el9", ecosystem: .redHat)
        #expect(MatchNamespace.namespaces(for: package, os: nil).isEmpty)
        #expect(MatchNamespace.namespaces(for: package, os: OperatingSystem(family: .unknown, version: "1")).isEmpty)
        #expect(MatchNamespace.namespaces(for: package, os: OperatingSystem(family: .rocky, version: "9")).isEmpty)
        let source = InMemoryAdvisories(
            affected: [
                Self.fixed("A", "1:3.0.7-27.el9", package: "openssl", namespace: "Red Hat:enterprise_linux:9::baseos")
            ],
            advisories: [Advisory(id: "A", source: "osv")])
        let result = try Matcher(source: source).match(
            Self.inventory([package], os: OperatingSystem(family: .unknown, version: "1")))
        #expect(result.allFindings.isEmpty)
        #expect(result.targets.first?.coverage.unmatchable.map(\.packageID) == ["openssl@3.0.7-24.el9"])
    }
}
