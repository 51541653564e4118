import DrydockModel
import DrydockPolicy
import DrydockReport
import Foundation
import Testing

@testable import DrydockSBOM

/// The SBOM writers and readers on a hand-built scan: every package fact matching needs survives
/// CycloneDX → inventory and SPDX → inventory, licenses are classified as SPDX says, and decisions become
/// CycloneDX analyses.
@Suite("SBOM writers and readers")
struct SBOMRoundTripTests {
    static let layer = LayerReference(digest: "sha256:aa", diffID: "sha256:bb", createdBy: "RUN apt-get install")
    static let os = OperatingSystem(
        family: .debian, version: "12.5", prettyName: "Debian GNU/Linux 12 (bookworm)", id: "debian")

    static var inventory: Inventory {
        let zlib = Package(
            name: "zlib1g", version: "1:1.2.13.dfsg-1", ecosystem: .debian, sourceName: "zlib", architecture: "amd64",
            licenses: ["Zlib"], purl: "pkg:deb/debian/zlib1g@1.2.13.dfsg-1?arch=amd64&distro=debian-12.5&epoch=1",
            layer: layer, filePath: "var/lib/dpkg/status")
        let openssl = Package(
            name: "libssl3", version: "3.0.11-1~deb12u1", ecosystem: .debian, sourceName: "openssl",
            sourceVersion: "3.0.11-1~deb12u1", architecture: "amd64", licenses: ["Apache 2.0", "Custom: see COPYING"],
            purl: "pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64&distro=debian-12.5", layer: layer,
            dependsOn: ["zlib1g@1:1.2.13.dfsg-1"])
        let jackson = Package(
            name: "libjackson2-databind-java", version: "2.14.0-1", ecosystem: .debian, sourceName: "jackson-databind",
            architecture: "all", licenses: ["Apache-2.0"],
            purl: "pkg:deb/debian/libjackson2-databind-java@2.14.0-1?arch=all&distro=debian-12.5", layer: layer)
        let flask = Package(
            name: "Flask", version: "1.0", ecosystem: .pypi, licenses: ["BSD-3-Clause OR MIT"],
            purl: "pkg:pypi/flask@1.0", layer: layer,
            filePath: "usr/lib/python3/site-packages/Flask-1.0.dist-info/METADATA")
        let app = Package(
            name: "app", version: "1.0.0", ecosystem: .npm, purl: "pkg:npm/app@1.0.0",
            filePath: "srv/package-lock.json",
            relationship: .root, dependsOn: ["@scope/left@2.0.0"])
        let left = Package(
            name: "@scope/left", version: "2.0.0", ecosystem: .npm, licenses: ["MIT"],
            purl: "pkg:npm/%40scope/left@2.0.0",
            filePath: "srv/package-lock.json", relationship: .direct)
        let jar = Package(
            name: "com.fasterxml.jackson.core:jackson-databind", version: "2.14.0", ecosystem: .maven,
            purl: "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.14.0", layer: layer,
            filePath: "usr/share/java/jackson-databind.jar", installedBy: "libjackson2-databind-java@2.14.0-1")
        // Julia packages are identified by UUID (their ID and DependsOn), which the purl carries.
        let http = Package(
            name: "HTTP", version: "1.10.16", ecosystem: .julia,
            purl: "pkg:julia/HTTP@1.10.16?uuid=cd3eb016-35fb-5094-929b-558a96fad6f3", filePath: "Manifest.toml",
            relationship: .direct, dependsOn: ["739be429-bea8-5141-9913-cc70e7f3736d"],
            uuid: "cd3eb016-35fb-5094-929b-558a96fad6f3")
        let mbedTLS = Package(
            name: "MbedTLS", version: "1.1.9", ecosystem: .julia,
            purl: "pkg:julia/MbedTLS@1.1.9?uuid=739be429-bea8-5141-9913-cc70e7f3736d", filePath: "Manifest.toml",
            relationship: .indirect, uuid: "739be429-bea8-5141-9913-cc70e7f3736d")
        return Inventory(
            operatingSystem: os,
            targets: [
                InventoryTarget(
                    kind: .osPackages, name: "img (debian 12.5)", type: "debian", packages: [jackson, openssl, zlib]),
                InventoryTarget(kind: .languagePackages, name: "Python", type: "python-pkg", packages: [flask]),
                InventoryTarget(
                    kind: .languagePackages, name: "Manifest.toml", type: "julia", packages: [http, mbedTLS]),
                InventoryTarget(
                    kind: .languagePackages, name: "srv/package-lock.json", type: "npm", packages: [left, app]),
            ],
            ownedTargets: [
                InventoryTarget(
                    kind: .languagePackages, name: "usr/share/java/jackson-databind.jar", type: "jar", packages: [jar])
            ])
    }

    static func finding(_ package: Package, id: String) -> VulnerabilityFinding {
        VulnerabilityFinding(
            vulnerabilityID: id, allIDs: [id, "DSA-1"], package: package, fixedVersion: "3.0.13-1~deb12u1",
            status: .fixed,
            advisory: Advisory(
                id: id, description: "A flaw.",
                cvss: [
                    CVSSScore(
                        version: 3, vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", score: 9.8, source: "nvd")
                ],
                source: "osv"),
            severity: .critical, severitySource: "nvd", namespace: "Debian:12")
    }

    static var report: ScanReport {
        let inventory = inventory
        let openssl = inventory.targets[0].packages[1]
        let vexed = Decision(
            action: .ignore, rule: DecisionRule(source: .vex, description: "VEX"),
            vex: VEXAssessment(
                status: "not_affected", justification: "vulnerable_code_not_in_execute_path",
                location: SourceLocation(file: "app.vex.json")))
        let targets = inventory.targets.map { target in
            DecidedTarget(
                DetectedTarget(
                    name: target.name, kind: target.kind, type: target.type, packages: target.packages, findings: []),
                findings: target.kind == .osPackages
                    ? [
                        DecidedFinding(
                            finding: .vulnerability(finding(openssl, id: "CVE-2024-1")), decision: .warn("reported")),
                        DecidedFinding(finding: .vulnerability(finding(openssl, id: "CVE-2024-2")), decision: vexed),
                        DecidedFinding(
                            finding: .vulnerability(finding(openssl, id: "CVE-2024-3")), decision: .ignore("--severity")
                        ),
                    ] : [])
        }
        return ScanReport(
            createdAt: Date(timeIntervalSince1970: 1_700_000_000),
            artifact: ArtifactMetadata(
                name: "img", type: "container_image", imageID: "sha256:cc", diffIDs: ["sha256:bb"]),
            operatingSystem: os, targets: targets, verdict: Verdict(failingCount: 0, exitCode: 0), database: nil,
            warnings: [], inventory: inventory)
    }

    /// The inventory with the OS target renamed as a scan of the SBOM file `name` names it.
    static func expected(named name: String) -> Inventory {
        var expected = inventory
        expected.targets[0].name = "\(name) (debian 12.5)"
        return expected
    }

    @Test("CycloneDX → inventory: the same targets, packages and owned packages")
    func cycloneDXRoundTrip() throws {
        let bytes = CycloneDXWriter(toolVersion: "0.1.0").render(Self.report)
        let read = try SBOMReader.read(bytes, path: "bom.cdx.json")
        #expect(read.format == "CycloneDX 1.6")
        #expect(read.inventory == Self.expected(named: "bom.cdx.json"))
        #expect(read.artifact.imageID == "sha256:cc")
        #expect(read.artifact.diffIDs == ["sha256:bb"])
    }

    @Test("SPDX → inventory: the same targets, packages and owned packages")
    func spdxRoundTrip() throws {
        let bytes = SPDXWriter(toolVersion: "0.1.0").render(Self.report)
        let read = try SBOMReader.read(bytes, path: "bom.spdx.json")
        #expect(read.format == "SPDX-2.3")
        #expect(read.inventory == Self.expected(named: "bom.spdx.json"))
    }

    @Test("CycloneDX vulnerabilities: reported and VEX-decided ones with analysis; flag-filtered ones left out")
    func vulnerabilities() throws {
        let document = CycloneDXWriter(toolVersion: "0.1.0").document(Self.report)
        let entries = document["vulnerabilities"]?.elements ?? []
        #expect(entries.compactMap { $0.string("id") } == ["CVE-2024-1", "CVE-2024-2"])
        #expect(entries[0]["analysis"] == nil)
        #expect(entries[1]["analysis"]?.string("state") == "not_affected")
        #expect(entries[1]["analysis"]?.string("justification") == "code_not_reachable")
        #expect(entries[0]["ratings"]?.elements.first?.string("method") == "CVSSv31")
        #expect(entries[0].string("recommendation") == "Upgrade libssl3 to version 3.0.13-1~deb12u1")
        let ref = entries[0]["affects"]?.elements.first?.string("ref")
        #expect(ref?.hasPrefix("pkg:deb/debian/libssl3@") == true)
    }

    @Test("licenses: SPDX IDs as id, names as name, expressions as one expression; SPDX LicenseRefs")
    func licenses() throws {
        #expect(SPDXLicenseExpression("apache-2.0") == .identifier("Apache-2.0"))
        #expect(SPDXLicenseExpression("Apache 2.0") == .identifier("Apache-2.0"))
        #expect(
            SPDXLicenseExpression("mit or (gpl-2.0-or-later with classpath-exception-2.0)")
                == .expression("MIT OR (GPL-2.0-or-later WITH Classpath-exception-2.0)"))
        #expect(SPDXLicenseExpression("GPL-2.0+") == .identifier("GPL-2.0+"))
        #expect(SPDXLicenseExpression("BSD") == .name("BSD"))
        #expect(SPDXLicenseExpression("MIT AND") == .name("MIT AND"))
        #expect(SPDXLicenseExpression("MIT WITH MIT") == .name("MIT WITH MIT"))
        #expect(
            CycloneDXWriter.licenses(["MIT", "Custom"])
                == .array([
                    .object([("license", .object([("id", .string("MIT"))]))]),
                    .object([("license", .object([("name", .string("Custom"))]))]),
                ]))
        #expect(
            CycloneDXWriter.licenses(["MIT OR Apache-2.0", "Zlib"])
                == .array([
                    .object([("expression", .string("(MIT OR Apache-2.0) AND Zlib"))])
                ]))
        var extracted: [String: String] = [:]
        #expect(
            SPDXWriter.license(["Apache 2.0", "Custom: see COPYING"], extracted: &extracted)
                == "Apache-2.0 AND LicenseRef-Custom--see-COPYING")
        #expect(extracted == ["LicenseRef-Custom--see-COPYING": "Custom: see COPYING"])
        #expect(SPDXWriter.license([], extracted: &extracted) == nil)
    }

    @Test("bad input: not JSON, another JSON document, an unsupported version — each a clear error")
    func badInput() {
        #expect(throws: SBOMError.self) { try SBOMReader.read(Array("{".utf8), path: "x.json") }
        do {
            _ = try SBOMReader.read(Array(#"{"SchemaVersion": 2}"#.utf8), path: "report.json")
            Issue.record("a Trivy report is no SBOM")
        } catch {
            #expect(error.code == .unknownFormat)
            #expect(error.description.hasPrefix("report.json: neither a CycloneDX BOM"))
        }
        do {
            _ = try SBOMReader.read(Array(#"{"bomFormat": "CycloneDX", "specVersion": "2.0"}"#.utf8), path: "b.json")
            Issue.record("CycloneDX 2.0 is not read")
        } catch {
            #expect(error.code == .unsupportedVersion)
        }
        do {
            _ = try SBOMReader.read(
                Array(#"{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [{"type": "library"}]}"#.utf8),
                path: "c.json")
            Issue.record("a component without a name is an error")
        } catch {
            #expect(error.location == "components[0]")
        }
    }
}
