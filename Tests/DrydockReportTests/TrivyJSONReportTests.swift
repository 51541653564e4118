import DrydockMatch
import DrydockModel
import DrydockPolicy
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockReport

@Suite("Trivy JSON report")
struct TrivyJSONReportTests {
    private func document(listAll: Bool = false, _ report: ScanReport = ReportFixtures.report()) throws -> JSONValue {
        try JSONParser.parse(TrivyJSONReport(listAllPackages: listAll).render(report))
    }

    @Test("top level fields follow Trivy's schema and order")
    func topLevel() throws {
        guard case .object(let members) = try document() else {
            Issue.record("report is not an object")
            return
        }
        #expect(
            members.map(\.0) == [
                "SchemaVersion", "ReportID", "CreatedAt", "ArtifactID", "ArtifactName", "ArtifactType", "Metadata",
                "Results", "Drydock",
            ])
        #expect(members[0].1 == .int(2))
        #expect(members[5].1 == .string("container_image"))
    }

    @Test("metadata carries OS, image ID, diff IDs and the image config")
    func metadata() throws {
        let metadata = try document()["Metadata"]
        #expect(metadata?["OS"] == .object([("Family", .string("alpine")), ("Name", .string("3.10.4"))]))
        #expect(metadata?["ImageID"] == .string("sha256:af341ccd"))
        #expect(metadata?["DiffIDs"] == .array([.string("sha256:531743b7")]))
        #expect(metadata?["ImageConfig"]?["architecture"] == .string("amd64"))
        #expect(metadata?["RepoTags"] == .array([.string("alpine:3.10")]))
    }

    @Test("a vulnerability has Trivy's fields")
    func vulnerability() throws {
        let results = try document()["Results"]
        guard case .array(let list) = results, case .array(let vulns) = list.first?["Vulnerabilities"],
            case .object(let fields) = vulns.first
        else {
            Issue.record("no vulnerability in \(String(describing: results))")
            return
        }
        #expect(
            fields.map(\.0) == [
                "VulnerabilityID", "PkgID", "PkgName", "PkgIdentifier", "InstalledVersion", "FixedVersion", "Status",
                "Layer",
                "SeveritySource", "PrimaryURL", "DataSource", "Fingerprint", "Title", "Description", "Severity", "CVSS",
                "References", "PublishedDate", "Namespace", "AdvisorySource", "Decision",
            ])
        let vuln = JSONValue.object(fields)
        #expect(vuln["PkgID"] == .string("musl@1.1.22-r2"))
        #expect(vuln["PkgIdentifier"]?["PURL"] == .string("pkg:apk/alpine/musl@1.1.22-r2?arch=x86_64&distro=3.10.4"))
        #expect(vuln["Status"] == .string("fixed"))
        #expect(vuln["CVSS"]?["nvd"]?["V3Score"] == .double(9.8))
        #expect(vuln["PrimaryURL"] == .string("https://nvd.nist.gov/vuln/detail/CVE-2019-14697"))
        #expect(vuln["PublishedDate"] == .string("2019-08-06T16:00:00Z"))
        #expect(vuln["DataSource"]?["ID"] == .string("alpine"))
    }

    @Test("packages are listed only with --list-all-pkgs")
    func packages() throws {
        guard case .array(let without) = try document(listAll: false)["Results"],
            case .array(let with) = try document(listAll: true)["Results"]
        else {
            Issue.record("no results")
            return
        }
        #expect(without.first?["Packages"] == nil)
        #expect(with.first?["Packages"]?.arrayCount == 1)
    }

    @Test("an unfixed finding has no FixedVersion and status affected")
    func unfixed() throws {
        let report = ReportFixtures.report(findings: [ModelFixtures.finding(fixedVersion: nil)])
        guard case .array(let list) = try document(report)["Results"],
            case .array(let vulns) = list.first?["Vulnerabilities"]
        else {
            Issue.record("no vulnerabilities")
            return
        }
        #expect(vulns.first?["FixedVersion"] == nil)
        #expect(vulns.first?["Status"] == .string("affected"))
    }

    @Test("the same inputs give byte-identical output apart from CreatedAt and the ReportID derived from it")
    func deterministic() {
        let first = TrivyJSONReport().render(ReportFixtures.report(createdAt: Date(timeIntervalSince1970: 1)))
        let second = TrivyJSONReport().render(ReportFixtures.report(createdAt: Date(timeIntervalSince1970: 2)))
        let strip = { (bytes: [UInt8]) in
            String(decoding: bytes, as: UTF8.self).split(separator: "\n").filter {
                !$0.contains("\"CreatedAt\"") && !$0.contains("\"ReportID\"")
            }
        }
        #expect(first != second)
        #expect(strip(first) == strip(second))
    }

    @Test("coverage and the verdict are added fields")
    func drydockFields() throws {
        let report = ReportFixtures.report(
            coverage: TargetCoverage(uncoveredNamespaces: ["Alpine:v3.12"]), failureExitCode: 1)
        let doc = try document(report)
        guard case .array(let list) = doc["Results"] else {
            Issue.record("no results")
            return
        }
        #expect(list.first?["Coverage"]?["Complete"] == .bool(false))
        #expect(list.first?["Coverage"]?["UncoveredNamespaces"] == .array([.string("Alpine:v3.12")]))
        #expect(doc["Drydock"]?["Verdict"]?["ExitCode"] == .int(1))
    }
}

extension JSONValue {
    var arrayCount: Int? {
        if case .array(let values) = self { values.count } else { nil }
    }
}
