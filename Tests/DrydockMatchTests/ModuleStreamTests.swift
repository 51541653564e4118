import DrydockMatch
import DrydockModel
import Testing

/// Module streams decided by the package's `MODULARITYLABEL` and the advisory entry's stream, as Trivy does
/// for the Red Hat family; the release-string rule only where one side is unknown.
@Suite struct ModuleStreamTests {
    static let os = OperatingSystem(family: .alma, version: "8.8")

    static func entry(_ id: String, fixed: String, module: String?) -> AffectedPackage {
        AffectedPackage(
            advisoryID: id, namespace: "AlmaLinux:8", packageName: "nodejs",
            ranges: [AffectedRange(kind: .ecosystem, events: [.introduced("0"), .fixed(fixed)])], module: module)
    }

    static func findings(_ package: Package, _ entries: [AffectedPackage]) throws -> [String] {
        let source = InMemoryAdvisories(
            affected: entries, advisories: entries.map { Advisory(id: $0.advisoryID, source: "osv") })
        return try Matcher(source: source).match(DistroMatchTests.inventory([package], os: os)).allFindings
            .map(\.vulnerabilityID).sorted()
    }

    static let node18 = Package(
        name: "nodejs", version: "1:18.14.2-2.module_el8.8.0+3446+1a2b3c4d", ecosystem: .almaLinux,
        modularityLabel: "nodejs:18:8080020230512000000:1a2b3c4d")

    @Test("nodejs:18 installed: a nodejs:20 fix never matches, a nodejs:18 fix does")
    func sameStreamOnly() throws {
        let entries = [
            Self.entry("NODE20", fixed: "1:20.9.0-1.module_el8.9.0+3700+aaaaaaaa", module: "nodejs:20"),
            Self.entry("NODE18", fixed: "1:18.18.2-1.module_el8.9.0+3690+bbbbbbbb", module: "nodejs:18"),
        ]
        #expect(try Self.findings(Self.node18, entries) == ["NODE18"])
    }

    @Test("an advisory naming several streams matches a package of any of them")
    func severalStreams() throws {
        let entries = [Self.entry("BOTH", fixed: "1:18.18.2-1.module_el8.9.0+1+cc", module: "nodejs:20,nodejs:18")]
        #expect(try Self.findings(Self.node18, entries) == ["BOTH"])
    }

    @Test("a non-modular package never matches a module advisory, even with a plain-looking fix")
    func plainPackageModuleAdvisory() throws {
        let plain = Package(name: "nodejs", version: "1:10.24.0-1.el8", ecosystem: .almaLinux)
        let entries = [
            Self.entry("MODULE", fixed: "1:18.18.2-1.module_el8.9.0+3690+bbbbbbbb", module: "nodejs:18"),
            Self.entry("PLAIN", fixed: "1:10.24.1-1.el8", module: nil),
        ]
        #expect(try Self.findings(plain, entries) == ["PLAIN"])
    }

    @Test("a labelled module package never matches a plain advisory, even one whose version is higher")
    func modulePackagePlainAdvisory() throws {
        let entries = [
            Self.entry("PLAIN", fixed: "1:20.0.0-1.el8", module: nil),
            Self.entry("UNFIXED-UNKNOWN", fixed: "1:18.18.2-1.module_el8.9.0+1+dd", module: nil),
        ]
        // The second entry's stream is unknown: the release rule (module fix, module build) lets it match.
        #expect(try Self.findings(Self.node18, entries) == ["UNFIXED-UNKNOWN"])
    }

    @Test(
        "the label's name:stream",
        arguments: [
            ("nodejs:18:8080020230512000000:1a2b3c4d", "nodejs:18"), ("php:8.2:9020020230531000000:rhel9", "php:8.2"),
            ("nodejs", nil), (":18:1:2", nil),
        ] as [(String, String?)])
    func moduleStream(label: String, expected: String?) {
        let package = Package(name: "x", version: "1-1", ecosystem: .almaLinux, modularityLabel: label)
        #expect(package.moduleStream == expected)
    }

    @Test("the fallback without labels: module fixes only for module builds")
    func fallback() {
        let moduleEntry = Self.entry("M", fixed: "1:18.18.2-1.module_el8.9.0+1+cc", module: nil)
        let unlabelled = Package(name: "nodejs", version: "1:18.14.2-2.module_el8.8.0+1+aa", ecosystem: .almaLinux)
        let plain = Package(name: "nodejs", version: "1:10.24.0-1.el8", ecosystem: .almaLinux)
        #expect(RPMModularity.applies(moduleEntry, to: unlabelled))
        #expect(!RPMModularity.applies(moduleEntry, to: plain))
        let labelled = Self.entry("L", fixed: "1:18.18.2-1.module_el8.9.0+1+cc", module: "nodejs:18")
        #expect(!RPMModularity.applies(labelled, to: unlabelled))
    }
}
