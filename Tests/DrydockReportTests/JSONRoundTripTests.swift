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

/// Reports Trivy wrote (shaped as its integration goldens: `Trivy`, `Fingerprint`, `UID`, numeric vendor
/// severities, misconfigurations, secrets, licenses, modified findings) read into every finding kind.
@Suite("Reading Trivy's own JSON reports")
struct TrivyWrittenReportTests {
    static let json = """
        {"SchemaVersion":2,"Trivy":{"Version":"0.65.0"},"ReportID":"017b7d41-e09f-7000-80ea-000000000001",
         "CreatedAt":"2021-08-25T12:20:30.000000005Z","ArtifactName":"testdata/fixtures/repo/mixed","ArtifactType":"repository",
         "Results":[
          {"Target":"Dockerfile","Class":"config","Type":"dockerfile","MisconfSummary":{"Successes":26,"Failures":1},
           "Misconfigurations":[{"Type":"Dockerfile Security Check","ID":"DS-0002","Title":"Image user should not be 'root'",
            "Message":"Specify at least 1 USER command","Namespace":"builtin.dockerfile.DS002","Query":"data.builtin.dockerfile.DS002.deny",
            "Resolution":"Add 'USER <non root user name>' line to the Dockerfile","Severity":"HIGH","Status":"FAIL",
            "CauseMetadata":{"Provider":"Dockerfile","Service":"general","StartLine":1,"EndLine":1}}]},
          {"Target":"deploy.sh","Class":"secret","Secrets":[{"RuleID":"aws-access-key-id","Category":"AWS","Severity":"CRITICAL",
            "Title":"AWS Access Key ID","StartLine":3,"EndLine":3,"Code":{"Lines":[{"Number":3,"Content":"export AWS_ACCESS_KEY_ID=****",
            "IsCause":true,"Annotation":"","Truncated":false,"Highlighted":"export AWS_ACCESS_KEY_ID=****","FirstCause":true,"LastCause":true}]},
            "Match":"export AWS_ACCESS_KEY_ID=****","Offset":36}]},
          {"Target":"Java","Class":"license","Licenses":[{"Severity":"MEDIUM","Category":"reciprocal",
            "PkgName":"org.eclipse.sisu:org.eclipse.sisu.plexus","FilePath":"","Name":"EPL-1.0","Text":"","Confidence":1,"Link":""}]},
          {"Target":"go.mod","Class":"lang-pkgs","Type":"gomod","Vulnerabilities":[
            {"VulnerabilityID":"CVE-2023-0001","PkgID":"golang.org/x/net@v0.1.0","PkgName":"golang.org/x/net",
             "PkgIdentifier":{"PURL":"pkg:golang/golang.org/x/net@v0.1.0","UID":"a9ed9c990b55c97e"},"InstalledVersion":"v0.1.0",
             "FixedVersion":"0.7.0","Status":"fixed","Fingerprint":"sha256:00","Severity":"HIGH","VendorSeverity":{"ghsa":3}}],
           "ExperimentalModifiedFindings":[{"Type":"vulnerability","Status":"not_affected","Statement":"not reachable",
             "Source":"vex.json","Finding":{"VulnerabilityID":"CVE-2023-0002","PkgName":"golang.org/x/net",
             "PkgIdentifier":{"PURL":"pkg:golang/golang.org/x/net@v0.1.0"},"InstalledVersion":"v0.1.0","Severity":"LOW"}}]}]}
        """

    @Test("every kind reads, and renders as SARIF and as a table")
    func readsAndRenders() throws {
        let saved = try TrivyJSONReportReader.read(Array(Self.json.utf8), path: "trivy.json")
        let kinds = saved.targets.flatMap(\.findings).map(\.kind)
        #expect(kinds == [.misconfiguration, .secret, .license, .vulnerability, .vulnerability])
        let misconfiguration = try #require(saved.targets.first?.findings.first?.misconfiguration)
        #expect(misconfiguration.fileType == "dockerfile")
        #expect(misconfiguration.cause.startLine == 1)
        #expect(saved.targets.first?.passedChecks == 26)
        let secret = try #require(saved.targets[1].findings.first?.secret)
        #expect(secret.filePath == "deploy.sh" && secret.offset == 36 && secret.code.lines.first?.isCause == true)
        let license = try #require(saved.targets[2].findings.first?.license)
        #expect(license.package?.name == "org.eclipse.sisu:org.eclipse.sisu.plexus")
        let vex = try #require(saved.decidedTargets[3].findings.last)
        #expect(vex.decision.action == .ignore)
        #expect(vex.decision.vex?.status == "not_affected")
        #expect(
            saved.decidedTargets[3].findings.first?.finding.vulnerability?.advisory.vendorSeverity == ["ghsa": .high])
        let report = saved.scanReport()
        #expect(report.verdict.passed)
        let (sarif, _) = SARIFReport(toolVersion: "0").render(report)
        let run = try #require(try JSONParser.parse(sarif)["runs"]?.arrayValue?.first)
        #expect(run["results"]?.arrayValue?.count == 4)
        let table = TableReport(colour: false).render(report)
        #expect(table.contains("DS-0002: Image user should not be 'root'"))
        #expect(table.contains("CRITICAL: AWS (aws-access-key-id)"))
    }
}
