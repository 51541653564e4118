import DrydockModel
import DrydockPolicy
import Foundation
import Testing

@testable import DrydockReport

/// The JSON report against Trivy's Go types and integration goldens, for every kind of result.
@Suite("Trivy JSON report: every kind of result")
struct TrivyJSONSchemaTests {
    let document = TrivyJSONReport(listAllPackages: true, toolVersion: "0.1.0").document(AllKindsFixture.report())

    func result(_ target: String) throws -> JSONValue {
        let results = try #require(document["Results"]?.arrayValue)
        return try #require(results.first { $0["Target"]?.stringValue == target })
    }

    @Test("top level: Trivy's fields in Trivy's order, IDs derived as Trivy derives them")
    func topLevel() throws {
        guard case .object(let members) = document else { Issue.record("not an object"); return }
        #expect(
            members.map(\.0) == [
                "SchemaVersion", "ReportID", "CreatedAt", "ArtifactID", "ArtifactName", "ArtifactType", "Metadata",
                "Results", "Drydock",
            ])
        #expect(document["CreatedAt"]?.stringValue == "2021-08-25T12:20:30.25Z")
        let reportID = try #require(document["ReportID"]?.stringValue)
        #expect(reportID.count == 36 && reportID.dropFirst(14).hasPrefix("7"), "UUID v7: \(reportID)")
        let expected = ReportIdentity.sha256(
            "sha256:961769676411f082461f9ef46626dd7a2d1e2b2a38e6a44364bcbecf51e66dd4:"
                + "ghcr.io/aquasecurity/trivy-test-images")
        #expect(document["ArtifactID"]?.stringValue == expected)
        #expect(document["Metadata"]?["Reference"]?.stringValue == "ghcr.io/aquasecurity/trivy-test-images:alpine-310")
        #expect(document["Metadata"]?["ImageConfig"]?["architecture"]?.stringValue == "amd64")
        #expect(document["Drydock"]?["Version"]?.stringValue == "0.1.0")
    }

    @Test("docker.io references normalise as Docker does")
    func repositories() {
        #expect(ReportIdentity.repositoryContext("alpine:3.10") == "index.docker.io/library/alpine")
        #expect(
            ReportIdentity.repositoryContext("docker.io/bitnami/redis@sha256:ab") == "index.docker.io/bitnami/redis")
        #expect(ReportIdentity.repositoryContext("localhost:5000/app:1") == "localhost:5000/app")
    }

    @Test("vulnerability: field order, numeric VendorSeverity, CVSS vectors before scores, fingerprint, UID")
    func vulnerability() throws {
        let os = try result("alpine-310.tar.gz (alpine 3.10.2)")
        let vulnerability = try #require(os["Vulnerabilities"]?.arrayValue?.first)
        guard case .object(let members) = vulnerability else { Issue.record("not an object"); return }
        #expect(
            Array(members.map(\.0).prefix(21)) == [
                "VulnerabilityID", "VendorIDs", "PkgID", "PkgName", "PkgIdentifier", "InstalledVersion",
                "FixedVersion", "Status", "Layer", "SeveritySource", "PrimaryURL", "DataSource", "Fingerprint", "Title",
                "Description", "Severity", "CweIDs", "VendorSeverity", "CVSS", "References", "PublishedDate",
            ])
        #expect(vulnerability["VendorSeverity"]?["nvd"] == .int(2))
        #expect(vulnerability["VendorSeverity"]?["redhat"] == .int(1))
        guard case .object(let cvss) = vulnerability["CVSS"]?["nvd"] else { Issue.record("no CVSS"); return }
        #expect(cvss.map(\.0) == ["V2Vector", "V3Vector", "V2Score", "V3Score"])
        #expect(vulnerability["PublishedDate"]?.stringValue == "2019-09-10T17:15:00Z")
        #expect(vulnerability["Status"]?.stringValue == "fixed")
        #expect(vulnerability["DataSource"]?["ID"]?.stringValue == "alpine")
        let fingerprint = ReportIdentity.sha256(
            "\(document["ArtifactID"]?.stringValue ?? ""):alpine-310.tar.gz (alpine 3.10.2):libcrypto1.1@1.1.1c-r0:CVE-2019-1549"
        )
        #expect(vulnerability["Fingerprint"]?.stringValue == fingerprint)
        let uid = try #require(vulnerability["PkgIdentifier"]?["UID"]?.stringValue)
        #expect(uid.count == 16)
        #expect(os["Packages"]?.arrayValue?.first?["Identifier"]?["UID"]?.stringValue == uid)
        #expect(vulnerability["PkgPath"] == nil, "OS packages have no PkgPath")
    }

    @Test("a jar read from inside the image has PkgPath; a lockfile's packages do not")
    func pkgPath() throws {
        let jar = try #require(try result("Java")["Vulnerabilities"]?.arrayValue?.first)
        #expect(
            jar["PkgPath"]?.stringValue == "usr/local/tomcat/webapps/helloworld.war/WEB-INF/lib/spring-beans-5.3.15.jar"
        )
        let npm = try result("app/package-lock.json")
        #expect(npm["Vulnerabilities"]?.arrayValue?.first?["PkgPath"] == nil)
        let express = try #require(npm["Packages"]?.arrayValue?.first { $0["Name"]?.stringValue == "express" })
        #expect(express["Relationship"]?.stringValue == "direct")
        #expect(express["DependsOn"]?.stringArray == ["body-parser@1.19.0"])
        #expect(express["SrcName"] == nil, "language packages have no source package")
    }

    @Test("misconfiguration: MisconfSummary, Trivy's check Type, Query, CauseMetadata with Code")
    func misconfiguration() throws {
        let config = try result("Dockerfile")
        #expect(config["MisconfSummary"] == .object([("Successes", .int(26)), ("Failures", .int(1))]))
        let finding = try #require(config["Misconfigurations"]?.arrayValue?.first)
        #expect(finding["Type"]?.stringValue == "Dockerfile Security Check")
        #expect(finding["Query"]?.stringValue == "data.builtin.dockerfile.DS002.deny")
        #expect(finding["Status"]?.stringValue == "FAIL")
        #expect(finding["CauseMetadata"]?["StartLine"] == .int(3))
        let line = try #require(finding["CauseMetadata"]?["Code"]?["Lines"]?.arrayValue?.first)
        guard case .object(let fields) = line else { Issue.record("no line"); return }
        #expect(
            fields.map(\.0) == ["Number", "Content", "IsCause", "Annotation", "Truncated", "FirstCause", "LastCause"])
    }

    @Test("secret and licenses: every field Trivy writes, FilePath for license files and language packages")
    func secretsAndLicenses() throws {
        let secret = try #require(try result("app/deploy.sh")["Secrets"]?.arrayValue?.first)
        #expect(secret["Offset"] == .int(36))
        #expect(secret["Code"]?["Lines"]?.arrayValue?[2]["Highlighted"]?.stringValue?.hasPrefix("export") == true)
        #expect(secret["Layer"]?["CreatedBy"]?.stringValue == "COPY app /app")
        let package = try #require(try result("OS Packages")["Licenses"]?.arrayValue?.first)
        #expect(package["PkgName"]?.stringValue == "libcrypto1.1")
        #expect(package["FilePath"]?.stringValue == "")
        #expect(package["Confidence"] == .double(1))
        let file = try #require(try result("Loose File License(s)")["Licenses"]?.arrayValue?.first)
        #expect(file["FilePath"]?.stringValue == "app/LICENSE")
        #expect(file["PkgName"]?.stringValue == "")
        #expect(try result("Loose File License(s)")["Class"]?.stringValue == "license-file")
        #expect(try result("app/deploy.sh")["Type"] == nil, "secrets have no Type")
    }

    @Test("set-aside findings go to ExperimentalModifiedFindings with status, statement and source")
    func modified() throws {
        let os = try result("alpine-310.tar.gz (alpine 3.10.2)")
        #expect(os["Vulnerabilities"]?.arrayValue?.count == 1)
        let ignored = try #require(os["ExperimentalModifiedFindings"]?.arrayValue?.first)
        #expect(ignored["Type"]?.stringValue == "vulnerability")
        #expect(ignored["Status"]?.stringValue == "ignored")
        #expect(ignored["Source"]?.stringValue == ".trivyignore")
        #expect(ignored["Finding"]?["VulnerabilityID"]?.stringValue == "CVE-2019-1551")
        let vex = try #require(try result("app/package-lock.json")["ExperimentalModifiedFindings"]?.arrayValue?.first)
        #expect(vex["Status"]?.stringValue == "not_affected")
        // As Trivy fills it from OpenVEX and CycloneDX statements: the justification, not the free text.
        #expect(vex["Statement"]?.stringValue == "vulnerable_code_not_in_execute_path")
        #expect(vex["Source"]?.stringValue == "vex.openvex.json")
    }
}
