import DrydockModel
import DrydockPolicy
import DrydockReport
import DrydockTestSupport
import Foundation
import Testing

@Suite("Reading JSON reports back")
struct TrivyJSONReportReaderTests {
    @Test("a written report reads back with the same findings, packages and artifact")
    func roundTrip() throws {
        let report = ReportFixtures.report(findings: [
            ModelFixtures.finding(), ModelFixtures.finding(id: "CVE-2020-28928", severity: .medium, fixedVersion: nil),
        ])
        let bytes = TrivyJSONReport(listAllPackages: true).render(report)
        let saved = try TrivyJSONReportReader.read(bytes, path: "report.json")
        #expect(saved.artifact.name == "alpine-310.tar.gz")
        #expect(saved.artifact.imageID == "sha256:af341ccd")
        #expect(saved.artifact.repoTags == ["alpine:3.10"])
        #expect(saved.operatingSystem?.family == .alpine)
        #expect(saved.createdAt == report.createdAt)
        let target = try #require(saved.targets.first)
        #expect(target.name == "alpine-310.tar.gz (alpine 3.10.4)")
        #expect(target.kind == .osPackages)
        #expect(target.packages.map(\.id) == ["musl@1.1.22-r2"])
        #expect(target.packages.first?.ecosystem == .alpine)
        let findings = target.findings.compactMap(\.vulnerability)
        #expect(findings.map(\.vulnerabilityID) == ["CVE-2019-14697", "CVE-2020-28928"])
        let first = try #require(findings.first)
        #expect(first.package.name == "musl")
        #expect(first.package.version == "1.1.22-r2")
        #expect(first.package.ecosystem == .alpine)
        #expect(first.fixedVersion == "1.1.22-r3")
        #expect(first.status == .fixed)
        #expect(first.severity == .critical)
        #expect(first.advisory.cvss.first?.score == 9.8)
        #expect(first.package.layer?.diffID == "sha256:531743b7")
        #expect(findings.last?.status == .affected)
        #expect(findings.last?.fixedVersion == nil)
    }

    @Test("Debian and RPM versions are joined back from Epoch, Version and Release")
    func splitVersions() throws {
        let json = """
            {"SchemaVersion":2,"ArtifactName":"x","ArtifactType":"container_image","Results":[
            {"Target":"x (debian 12.5)","Class":"os-pkgs","Type":"debian","Packages":[
            {"Name":"login","Identifier":{"PURL":"pkg:deb/debian/login@4.13%2Bdfsg1-1?epoch=1"},"Version":"4.13+dfsg1",
             "Release":"1","Epoch":1,"SrcName":"shadow","SrcVersion":"4.13+dfsg1","SrcRelease":"1","SrcEpoch":1}]}]}
            """
        let saved = try TrivyJSONReportReader.read(Array(json.utf8), path: "r.json")
        let package = try #require(saved.targets.first?.packages.first)
        #expect(package.version == "1:4.13+dfsg1-1")
        #expect(package.sourceName == "shadow")
        #expect(package.sourceVersion == nil)
        #expect(package.ecosystem == .debian)
    }

    @Test(
        "a file that is not a report fails naming the file and the problem",
        arguments: [
            ("[1,2]", "not a JSON report (no object)"),
            ("{\"Results\":[]}", "not a JSON report (no SchemaVersion)"),
            ("{\"SchemaVersion\":1}", "SchemaVersion 1 is not supported (only 2)"),
            ("{\"SchemaVersion\":2,\"Results\":[{\"Class\":\"os-pkgs\"}]}", "Results[0] has no Target"),
            ("{oops", "not JSON"),
        ])
    func malformed(text: String, reason: String) {
        #expect {
            try TrivyJSONReportReader.read(Array(text.utf8), path: "saved.json")
        } throws: { error in
            guard let error = error as? SavedReportError else { return false }
            return error.path == "saved.json" && error.reason.hasPrefix(reason)
        }
    }
}
