import DrydockMatch
import DrydockModel
import DrydockPolicy
import Foundation
import Testing

@testable import DrydockReport

/// Trivy's `Modularitylabel`, `DependsOn` and `Metadata.OS.extended` fields.
@Suite struct PackageFieldsReportTests {
    static func document(packages: [Package], os: OperatingSystem) throws -> JSONValue {
        var report = ReportFixtures.report(findings: [])
        report.operatingSystem = os
        let target = InventoryTarget(kind: .osPackages, name: "img", type: os.family.rawValue, packages: packages)
        let gate = Gate(policy: ScanPolicy())
        report.targets = gate.decide(
            MatchResult(targets: [TargetMatch(target: target, findings: [], coverage: TargetCoverage())]))
        return try JSONParser.parse(TrivyJSONReport(listAllPackages: true).render(report))
    }

    static func element(_ value: JSONValue?, _ index: Int) -> JSONValue? {
        guard case .array(let items)? = value, items.indices.contains(index) else { return nil }
        return items[index]
    }

    static func keys(_ value: JSONValue?) -> [String] {
        guard case .object(let members)? = value else { return [] }
        return members.map(\.0)
    }

    @Test("Modularitylabel follows Licenses; DependsOn follows Relationship, as in Trivy's Package")
    func packageFields() throws {
        let modular = Package(
            name: "nodejs", version: "1:18.14.2-2.module_el8.8.0+1+aa", ecosystem: .almaLinux, licenses: ["MIT"],
            modularityLabel: "nodejs:18:8080020230512000000:1a2b3c4d", vendor: "AlmaLinux")
        let library = Package(
            name: "express", version: "4.18.2", ecosystem: .npm, relationship: .direct,
            dependsOn: ["body-parser@1.20.1", "debug@2.6.9"])
        let document = try Self.document(
            packages: [modular, library], os: OperatingSystem(family: .alma, version: "8.8"))
        let packages = Self.element(document["Results"], 0)?["Packages"]
        let first = Self.element(packages, 0)
        #expect(first?["Modularitylabel"] == .string("nodejs:18:8080020230512000000:1a2b3c4d"))
        let keys = Self.keys(first)
        #expect(keys.firstIndex(of: "Modularitylabel") == (keys.firstIndex(of: "Licenses") ?? -2) + 1)
        let second = Self.element(packages, 1)
        #expect(second?["ID"] == .string("express@4.18.2"))
        #expect(second?["DependsOn"] == .array([.string("body-parser@1.20.1"), .string("debug@2.6.9")]))
        #expect(Self.keys(second).contains("Modularitylabel") == false)
        #expect(Self.keys(first).contains("DependsOn") == false)
    }

    @Test("Metadata.OS.extended is written for Ubuntu Pro / ESM images only", arguments: [true, false])
    func extended(extended: Bool) throws {
        let os = OperatingSystem(family: .ubuntu, version: "18.04", extendedSupport: extended)
        let document = try Self.document(packages: [], os: os)
        let value = document["Metadata"]?["OS"]?["extended"]
        #expect(value == (extended ? .bool(true) : nil))
    }
}
