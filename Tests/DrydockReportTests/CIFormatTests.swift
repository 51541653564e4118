import DrydockModel
import DrydockPolicy
import Foundation
import FoundationXML
import Testing

@testable import DrydockReport

@Suite("JUnit and GitLab reports")
struct CIFormatTests {
    let report = AllKindsFixture.report()

    @Test("JUnit: well-formed XML, one testsuite per target, a failing testcase per reported finding")
    func junit() throws {
        let bytes = JUnitReport().render(report)
        let document = try XMLDocument(data: Data(bytes))
        let suites = try document.nodes(forXPath: "/testsuites/testsuite")
        #expect(suites.count == report.targets.count)
        let failures = try document.nodes(forXPath: "//testcase/failure")
        #expect(failures.count == 7)
        let config = try document.nodes(forXPath: "/testsuites/testsuite[@name='Dockerfile']").first as? XMLElement
        #expect(config?.attribute(forName: "tests")?.stringValue == "27", "26 passed checks and 1 failure")
        let names = try document.nodes(forXPath: "//testcase/@name").compactMap(\.stringValue)
        #expect(names.contains("[MEDIUM] CVE-2019-1549"))
        #expect(try document.nodes(forXPath: "/testsuites/@failures").first?.stringValue == "7")
    }

    @Test("GitLab: the container scanning schema's required fields, enums and patterns")
    func gitlab() throws {
        let document = try JSONParser.parse(GitLabReport(toolVersion: "0.1.0").render(report))
        #expect(document["version"]?.stringValue == GitLabReport.schemaVersion)
        let scan = try #require(document["scan"])
        for key in ["analyzer", "scanner"] {
            for field in ["id", "name", "version"] { #expect(scan[key]?[field]?.stringValue?.isEmpty == false) }
            #expect(scan[key]?["vendor"]?["name"]?.stringValue?.isEmpty == false)
        }
        #expect(scan["type"]?.stringValue == "container_scanning")
        #expect(scan["status"]?.stringValue == "success")
        let time = try #require(scan["start_time"]?.stringValue)
        #expect(time.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/) != nil, "\(time)")
        let vulnerabilities = try #require(document["vulnerabilities"]?.arrayValue)
        #expect(vulnerabilities.count == 3, "reported vulnerabilities only; ignored ones are left out")
        var ids: Set<String> = []
        for vulnerability in vulnerabilities {
            let id = try #require(vulnerability["id"]?.stringValue)
            #expect(ids.insert(id).inserted)
            #expect(
                ["Info", "Unknown", "Low", "Medium", "High", "Critical"].contains(
                    vulnerability["severity"]?.stringValue ?? ""))
            #expect((vulnerability["name"]?.stringValue?.count ?? 0) <= 255)
            let identifiers = try #require(vulnerability["identifiers"]?.arrayValue)
            #expect(!identifiers.isEmpty)
            for identifier in identifiers {
                for field in ["type", "name", "value"] { #expect(identifier[field]?.stringValue?.isEmpty == false) }
                if let url = identifier["url"]?.stringValue { #expect(url.hasPrefix("https://")) }
            }
            for link in vulnerability["links"]?.arrayValue ?? [] {
                #expect(link["url"]?.stringValue?.wholeMatch(of: /(https?|ftp):\/\/.+/) != nil)
            }
            let location = try #require(vulnerability["location"])
            #expect(location["dependency"]?["package"]?["name"]?.stringValue?.isEmpty == false)
            #expect(location["dependency"]?["version"]?.stringValue?.isEmpty == false)
            #expect(location["operating_system"]?.stringValue == "alpine 3.10.2")
            #expect(location["image"]?.stringValue == "ghcr.io/aquasecurity/trivy-test-images:alpine-310")
        }
        let spring = vulnerabilities.first {
            $0["identifiers"]?.arrayValue?.first?["name"]?.stringValue == "CVE-2022-22965"
        }
        #expect(spring?["solution"]?.stringValue == "Upgrade org.springframework:spring-beans to 5.3.18, 5.2.20")
        #expect(spring?["identifiers"]?.arrayValue?.map { $0["type"]?.stringValue ?? "" } == ["cve", "ghsa"])
    }
}
