import DrydockModel
import Testing

@testable import DrydockMatch

@Suite("Alias grouping")
struct AliasGroupsTests {
    @Test("advisories that name each other, or share an alias, are one vulnerability")
    func grouping() {
        let ghsa = Advisory(id: "GHSA-aaaa-bbbb-cccc", aliases: ["CVE-2024-1"], source: "osv")
        let pysec = Advisory(id: "PYSEC-2024-9", aliases: ["CVE-2024-1"], source: "osv")
        let other = Advisory(id: "GHSA-dddd-eeee-ffff", source: "osv")
        let bridge = Advisory(id: "CVE-2024-2", aliases: ["GHSA-dddd-eeee-ffff"], source: "osv")
        let groups = AliasGroups.group([ghsa, other, pysec, bridge])
        #expect(
            groups.map { $0.map(\.id) } == [
                ["GHSA-aaaa-bbbb-cccc", "PYSEC-2024-9"], ["GHSA-dddd-eeee-ffff", "CVE-2024-2"],
            ])
    }

    @Test("two groups joined by a later advisory merge into one")
    func transitiveMerge() {
        let first = Advisory(id: "A-1", source: "osv")
        let second = Advisory(id: "B-1", source: "osv")
        let joiner = Advisory(id: "C-1", aliases: ["A-1", "B-1"], source: "osv")
        #expect(AliasGroups.group([first, second, joiner]).count == 1)
    }

    @Test(
        "the shown ID is a CVE, else a GHSA, else the smallest",
        arguments: [
            (["GHSA-x", "CVE-2020-2", "CVE-2020-1", "PYSEC-1"], "CVE-2020-1"),
            (["RUSTSEC-2020-1", "GHSA-y"], "GHSA-y"),
            (["RUSTSEC-2020-2", "RUSTSEC-2020-1"], "RUSTSEC-2020-1"),
        ])
    func preferred(ids: [String], expected: String) {
        #expect(AliasGroups.preferredID(ids) == expected)
    }
}
