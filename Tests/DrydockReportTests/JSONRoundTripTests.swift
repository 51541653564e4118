import DrydockModel
import DrydockPolicy
import Foundation
import Testing

@testable import DrydockReport

/// `drydock convert` is lossless: a JSON report read back renders to the same bytes.
@Suite("JSON report round trip")
struct JSONRoundTripTests {
    @Test(
        "write, read, write: byte-identical",
        arguments: [true, false])
    func roundTrip(listAll: Bool) throws {
        let writer = TrivyJSONReport(listAllPackages: listAll, toolVersion: "0.1.0")
        let first = writer.render(AllKindsFixture.report())
        let saved = try TrivyJSONReportReader.read(first, path: "report.json")
        let second = TrivyJSONReport(listAllPackages: listAll, toolVersion: saved.toolVersion).render(
            saved.scanReport())
        #expect(String(decoding: second, as: UTF8.self) == String(decoding: first, as: UTF8.self))
    }

    @Test("the report fixture's decisions read back: set-aside findings keep their rule")
    func decisions() throws {
        let bytes = TrivyJSONReport(listAllPackages: true).render(AllKindsFixture.report())
        let saved = try TrivyJSONReportReader.read(bytes, path: "report.json")
        let os = try #require(saved.decidedTargets.first)
        #expect(os.findings.map(\.decision.action) == [.warn, .ignore])
        #expect(os.findings.last?.decision.rule.location?.file == ".trivyignore")
        #expect(saved.targets.first?.findings.count == 2, "set-aside findings are findings for policy diff")
        let npm = try #require(saved.decidedTargets.first { $0.name == "app/package-lock.json" })
        #expect(npm.findings.last?.decision.vex?.status == "not_affected")
        #expect(npm.packages.first { $0.name == "express" }?.relationship == .direct)
        #expect(saved.coverage?.support?.isEndOfLife == true)
        #expect(saved.verdict?.passed == true)
    }

    @Test("a report from an old Drydock with vendor severities as names still reads")
    func legacyVendorSeverity() throws {
        let json = """
            {"SchemaVersion":2,"ArtifactName":"x","ArtifactType":"container_image","Results":[
            {"Target":"x (alpine 3.10.2)","Class":"os-pkgs","Type":"alpine","Vulnerabilities":[
            {"VulnerabilityID":"CVE-1","PkgName":"musl","InstalledVersion":"1.1.22-r2","Severity":"HIGH",
             "VendorSeverity":{"nvd":"CRITICAL","redhat":1}}]}]}
            """
        let saved = try TrivyJSONReportReader.read(Array(json.utf8), path: "old.json")
        let finding = try #require(saved.targets.first?.findings.first?.vulnerability)
        #expect(finding.advisory.vendorSeverity == ["nvd": .critical, "redhat": .low])
    }
}
