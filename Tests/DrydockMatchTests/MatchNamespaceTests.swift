import DrydockMatch
import DrydockModel
import DrydockTestSupport
import Testing

@Suite("Match namespaces")
struct MatchNamespaceTests {
    @Test(
        "OS packages match their release's namespace",
        arguments: [
            (Ecosystem.alpine, OSFamily.alpine, "3.10.4", "Alpine:v3.10"),
            (.alpine, .alpine, "3.9", "Alpine:v3.9"),
            (.alpine, .alpine, "edge", "Alpine:edge"),
            (.debian, .debian, "12.5", "Debian:12"),
            (.debian, .debian, "10", "Debian:10"),
            (.debian, .ubuntu, "22.04", "Ubuntu:22.04:LTS"),
            (.debian, .ubuntu, "23.10", "Ubuntu:23.10"),
        ])
    func osNamespaces(ecosystem: Ecosystem, family: OSFamily, version: String, expected: String) {
        let package = Package(name: "p", version: "1", ecosystem: ecosystem)
        #expect(
            MatchNamespace.namespace(for: package, os: OperatingSystem(family: family, version: version)) == expected)
    }

    @Test("an OS package with no matching OS has no namespace: it is reported unmatchable, not clean")
    func mismatchedOS() {
        let package = ModelFixtures.muslPackage()
        #expect(MatchNamespace.namespace(for: package, os: nil) == nil)
        #expect(MatchNamespace.namespace(for: package, os: OperatingSystem(family: .debian, version: "12")) == nil)
    }
}
