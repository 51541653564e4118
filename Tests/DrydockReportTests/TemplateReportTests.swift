import DrydockModel
import DrydockPolicy
import DrydockTestSupport
import Foundation
import FoundationXML
import Testing

@testable import DrydockReport

@Suite("Mustache templates and the shipped contrib/ templates")
struct TemplateReportTests {
    let report = AllKindsFixture.report()

    func render(_ name: String, environment: [String: String] = [:]) throws -> String {
        let path = PackagePaths.root.appendingPathComponent("contrib/\(name)").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let bytes = try TemplateReport(
            template: text, templateName: path, toolVersion: "0.1.0", environment: environment
        ).render(report)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("the report's fields under Trivy's names, helpers for what a template cannot compute")
    func fields() throws {
        let template = """
            {{ArtifactName}}|{{#Results}}{{Target}};{{/Results}}|{{#AllVulnerabilities}}{{VulnerabilityID}}={{SeverityTitle}}{{^last()}},{{/last()}}{{/AllVulnerabilities}}
            """
        let text = String(
            decoding: try TemplateReport(template: template, templateName: "inline", toolVersion: "0.1.0").render(
                report),
            as: UTF8.self)
        #expect(text.hasPrefix("alpine-310.tar.gz|alpine-310.tar.gz (alpine 3.10.2);Java;"))
        #expect(text.hasSuffix("|CVE-2019-1549=Medium,CVE-2022-22965=Critical,CVE-2022-24999=High"))
    }

    @Test("a template that does not parse fails naming the template")
    func malformed() {
        #expect {
            try TemplateReport(template: "{{#Results}}", templateName: "broken.mustache", toolVersion: "0").render(
                report)
        } throws: { error in
            (error as? ReportError)?.reason.hasPrefix("template broken.mustache cannot be parsed") == true
        }
    }

    @Test("contrib/gitlab.mustache, gitlab-codequality.mustache and asff.mustache write valid JSON")
    func jsonTemplates() throws {
        let gitlab = try JSONParser.parse(Array(try render("gitlab.mustache").utf8))
        #expect(gitlab["vulnerabilities"]?.arrayValue?.count == 3)
        #expect(
            gitlab["vulnerabilities"]?.arrayValue?.first?["name"]?.stringValue
                == "openssl: information disclosure in fork()")
        let quality = try JSONParser.parse(Array(try render("gitlab-codequality.mustache").utf8))
        #expect(quality.arrayValue?.count == 7)
        #expect(quality.arrayValue?.first { $0["check_name"] != nil }?["location"]?["lines"]?["begin"] != nil)
        let asff = try JSONParser.parse(
            Array(
                try render("asff.mustache", environment: ["AWS_REGION": "eu-west-1", "AWS_ACCOUNT_ID": "123456789012"])
                    .utf8))
        let findings = try #require(asff["Findings"]?.arrayValue)
        #expect(findings.count == 7)
        #expect(findings.first?["AwsAccountId"]?.stringValue == "123456789012")
        #expect(findings.contains { $0["Severity"]?["Label"]?.stringValue == "CRITICAL" })
    }

    @Test("contrib/junit.mustache writes well-formed XML; contrib/html.mustache escapes advisory text")
    func markupTemplates() throws {
        let junit = try XMLDocument(data: Data(try render("junit.mustache").utf8))
        #expect(try junit.nodes(forXPath: "//testcase").count == 7)
        let html = try render("html.mustache")
        #expect(html.contains("<td>CVE-2022-24999</td>"))
        #expect(html.contains("<tr class=\"severity-CRITICAL\">"))
        #expect(!html.contains("<non root"), "advisory and check text is HTML-escaped")
    }
}
