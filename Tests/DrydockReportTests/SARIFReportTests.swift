import DrydockModel
import DrydockPolicy
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockReport

@Suite("SARIF for GitHub code scanning")
struct SARIFReportTests {
    let report = AllKindsFixture.report()

    func document(_ limits: SARIFLimits = SARIFLimits()) throws -> (JSONValue, [String]) {
        let (bytes, warnings) = SARIFReport(toolVersion: "0.1.0", limits: limits).render(report)
        return (try JSONParser.parse(bytes), warnings)
    }

    @Test("valid against the official SARIF 2.1.0 schema", .enabled(if: PackagePaths.hasShared))
    func schema() throws {
        let (bytes, _) = SARIFReport(toolVersion: "0.1.0").render(report)
        let file = try ReportChecks.write(bytes, name: "report.sarif")
        let schema = try #require(ReportChecks.sarifSchema)
        let violations = try ReportChecks.validate(schema: schema, files: [file])
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test("one rule per vulnerability, check, secret rule or license, with markdown help and security-severity")
    func rules() throws {
        let (document, warnings) = try document()
        #expect(warnings.isEmpty)
        let run = try #require(document["runs"]?.arrayValue?.first)
        let rules = try #require(run["tool"]?["driver"]?["rules"]?.arrayValue)
        let ids = rules.compactMap { $0["id"]?.stringValue }
        #expect(Set(ids).count == ids.count, "rules are unique: \(ids)")
        #expect(
            Set(ids) == [
                "CVE-2019-1549", "CVE-2022-22965", "CVE-2022-24999", "DS-0002", "aws-access-key-id",
                "license/GPL-2.0-only", "license/AGPL-3.0-only",
            ])
        let spring = try #require(rules.first { $0["id"]?.stringValue == "CVE-2022-22965" })
        #expect(spring["properties"]?["security-severity"]?.stringValue == "9.5", "no CVSS score agrees with CRITICAL")
        #expect(spring["shortDescription"]?["text"]?.stringValue == "Spring Framework RCE via Data Binding on JDK 9+.")
        #expect(
            spring["help"]?["markdown"]?.stringValue?.contains("| CRITICAL | org.springframework:spring-beans |")
                == true)
        let openssl = try #require(rules.first { $0["id"]?.stringValue == "CVE-2019-1549" })
        #expect(openssl["properties"]?["security-severity"]?.stringValue == "5.3", "NVD's v3 score agrees with MEDIUM")
        #expect(openssl["name"]?.stringValue == "OsPackageVulnerability")
    }

    @Test("locations: the Dockerfile line, the secret's lines, IMAGE/PATH for packages inside the image")
    func locations() throws {
        let (document, _) = try document()
        let run = try #require(document["runs"]?.arrayValue?.first)
        let results = try #require(run["results"]?.arrayValue)
        func location(_ rule: String) -> JSONValue? {
            results.first { $0["ruleId"]?.stringValue == rule }?["locations"]?.arrayValue?.first?["physicalLocation"]
        }
        #expect(
            location("DS-0002")?["artifactLocation"]?["uri"]?.stringValue
                == "ghcr.io/aquasecurity/trivy-test-images/Dockerfile")
        #expect(location("DS-0002")?["region"]?["startLine"] == .int(3))
        #expect(location("aws-access-key-id")?["region"]?["startLine"] == .int(3))
        #expect(
            location("CVE-2019-1549")?["artifactLocation"]?["uri"]?.stringValue
                == "ghcr.io/aquasecurity/trivy-test-images/lib/apk/db/installed")
        #expect(
            location("CVE-2022-22965")?["artifactLocation"]?["uri"]?.stringValue?.hasSuffix(
                "WEB-INF/lib/spring-beans-5.3.15.jar") == true)
        #expect(run["automationDetails"]?["id"]?.stringValue == "drydock/ghcr.io/aquasecurity/trivy-test-images/")
        #expect(results.first?["level"]?.stringValue == "error", "most severe first")
    }

    @Test("distinct automation IDs per artifact, so uploads for two images never replace each other")
    func automationIDs() {
        let first = SARIFReport.automationID(ArtifactMetadata(name: "registry.local/app:1.2", type: "container_image"))
        let second = SARIFReport.automationID(
            ArtifactMetadata(name: "registry.local/worker:1.2", type: "container_image"))
        #expect(first != second)
        #expect(first == "drydock/registry.local/app/", "the tag is left out: the next build replaces this one")
        let directory = SARIFReport.automationID(ArtifactMetadata(name: "../src/./service", type: "filesystem"))
        #expect(directory == "drydock/src/service/")
    }

    @Test("over GitHub's limits: cut to the most severe results, with a warning in the output and the file")
    func limits() throws {
        let (document, warnings) = try document(SARIFLimits(maxResultsPerRun: 3))
        let run = try #require(document["runs"]?.arrayValue?.first)
        let results = try #require(run["results"]?.arrayValue)
        #expect(results.count == 3)
        #expect(results.allSatisfy { $0["level"]?.stringValue == "error" })
        #expect(warnings.count == 1 && warnings[0].contains("3 most severe of 7 results"))
        let notification = run["invocations"]?.arrayValue?.first?["toolExecutionNotifications"]?.arrayValue?.first
        #expect(notification?["message"]?["text"]?.stringValue == warnings.first)
        let rules = try #require(run["tool"]?["driver"]?["rules"]?.arrayValue)
        #expect(rules.count == 3, "only the kept results' rules")
        let (_, sized) = try self.document(SARIFLimits(maxCompressedBytes: 2_000))
        #expect(sized.count == 1, "the compressed size limit cuts too")
    }
}
