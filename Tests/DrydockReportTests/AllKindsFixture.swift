import DrydockMatch
import DrydockModel
import DrydockPolicy
import Foundation

/// A decided report holding every kind of result Drydock writes, built from model values (the misconfiguration,
/// secret and license scanners do not exist yet): OS packages in an image, a jar read from inside the image,
/// a project lockfile with a dependency graph, a Dockerfile check with its code, a secret, package licenses,
/// a license file, and findings set aside by an ignore file and by a VEX statement.
enum AllKindsFixture {
    static let layer = LayerReference(
        digest: "sha256:9d48c3bd43c520dc2784e868a780e976b207cbf493eaff8c6596eb871cbd9609",
        diffID: "sha256:03901b4a2ea88eeaad62dbe59b072b28b6efa00491962b8741081c5df50c65e0",
        createdBy: "/bin/sh -c #(nop) ADD file:fe64057fbb83dccb960efabbf1cd8777920ef279a7fa8dbca0a8801c651bdf7c in / ")
    static let appLayer = LayerReference(
        digest: "sha256:5b1c0ac8d1c3e2a8a3a8c8e0f1f2d4b0b3e7f8a9c1d2e3f4a5b6c7d8e9f0a1b2",
        diffID: "sha256:7e8f1d3c2b4a59687a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f", createdBy: "COPY app /app")

    static var openssl: Package {
        Package(
            name: "libcrypto1.1", version: "1.1.1c-r0", ecosystem: .alpine, sourceName: "openssl",
            architecture: "x86_64", licenses: ["OpenSSL"],
            purl: "pkg:apk/alpine/libcrypto1.1@1.1.1c-r0?arch=x86_64&distro=3.10.2", layer: layer,
            filePath: "lib/apk/db/installed", installedFiles: ["lib/libcrypto.so.1.1"])
    }

    static var springBeans: Package {
        Package(
            name: "org.springframework:spring-beans", version: "5.3.15", ecosystem: .maven,
            purl: "pkg:maven/org.springframework/spring-beans@5.3.15", layer: appLayer,
            filePath: "usr/local/tomcat/webapps/helloworld.war/WEB-INF/lib/spring-beans-5.3.15.jar")
    }

    /// `app` → `express@4.17.1` → `body-parser@1.19.0` → `qs@6.7.0` (vulnerable).
    static var npmPackages: [Package] {
        [
            Package(
                name: "app", version: "1.0.0", ecosystem: .npm, purl: "pkg:npm/app@1.0.0",
                filePath: "app/package-lock.json", relationship: .root, dependsOn: ["express@4.17.1"]),
            Package(
                name: "body-parser", version: "1.19.0", ecosystem: .npm, purl: "pkg:npm/body-parser@1.19.0",
                filePath: "app/package-lock.json", relationship: .indirect, dependsOn: ["qs@6.7.0"]),
            Package(
                name: "express", version: "4.17.1", ecosystem: .npm, licenses: ["MIT"], purl: "pkg:npm/express@4.17.1",
                filePath: "app/package-lock.json", relationship: .direct, dependsOn: ["body-parser@1.19.0"]),
            Package(
                name: "qs", version: "6.7.0", ecosystem: .npm, purl: "pkg:npm/qs@6.7.0",
                filePath: "app/package-lock.json",
                relationship: .indirect, isDevelopment: false),
        ]
    }

    static func vulnerability(
        _ id: String, package: Package, severity: Severity, fixed: String?, title: String?, description: String,
        namespace: String, source: String = "osv"
    ) -> VulnerabilityFinding {
        var advisory = Advisory(
            id: id, aliases: [], title: title, description: description, severity: severity, severitySource: "nvd",
            cvss: [
                CVSSScore(version: 2, vector: "AV:N/AC:L/Au:N/C:P/I:N/A:N", score: 5, source: "nvd"),
                CVSSScore(
                    version: 3, vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N", score: 5.3, source: "nvd"),
                CVSSScore(
                    version: 3, vector: "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:N", score: 4.8, source: "redhat"),
            ],
            references: [
                "https://www.openssl.org/news/secadv/20190910.txt", "https://ubuntu.com/security/notices/USN-4376-1",
            ],
            published: Date(timeIntervalSince1970: 1_568_135_700), modified: Date(timeIntervalSince1970: 1_603_232_100),
            source: source)
        advisory.vendorSeverity = ["nvd": severity, "redhat": .low]
        advisory.cweIDs = ["CWE-330"]
        advisory.epss = EPSSScore(score: 0.00234, percentile: 0.61, date: "2024-05-01")
        return VulnerabilityFinding(
            vulnerabilityID: id, allIDs: [id, "GHSA-xxxx-yyyy-zzzz"], package: package, fixedVersion: fixed,
            status: fixed == nil ? .affected : .fixed, advisory: advisory, severity: severity, severitySource: "nvd",
            namespace: namespace)
    }

    static var misconfiguration: MisconfigurationFinding {
        MisconfigurationFinding(
            fileType: "dockerfile", filePath: "Dockerfile", id: "DS-0002", aliases: ["DS002", "AVD-DS-0002"],
            title: "Image user should not be 'root'",
            description: "Running containers with 'root' user can lead to a container escape situation.",
            message: "Last USER command in Dockerfile should not be 'root'", namespace: "builtin.dockerfile.DS002",
            resolution: "Add 'USER <non root user name>' line to the Dockerfile", severity: .high,
            primaryURL: "https://avd.aquasec.com/misconfig/ds-0002",
            references: ["https://docs.docker.com/develop/develop-images/dockerfile_best-practices/"],
            cause: CauseMetadata(
                provider: "Dockerfile", service: "general", startLine: 3, endLine: 3,
                code: CodeSnippet(lines: [
                    CodeLine(number: 3, content: "USER root", isCause: true, firstCause: true, lastCause: true)
                ])))
    }

    static var secret: SecretFinding {
        SecretFinding(
            filePath: "app/deploy.sh", ruleID: "aws-access-key-id", category: "AWS", severity: .critical,
            title: "AWS Access Key ID", startLine: 3, endLine: 3,
            code: CodeSnippet(lines: [
                CodeLine(number: 1, content: "#!/bin/sh"), CodeLine(number: 2, content: ""),
                CodeLine(
                    number: 3, content: "export AWS_ACCESS_KEY_ID=********************", isCause: true,
                    firstCause: true, lastCause: true),
            ]), match: "export AWS_ACCESS_KEY_ID=********************", layer: appLayer, offset: 36)
    }

    static func targets() -> [DecidedTarget] {
        let warn = Decision.warn("reported; no --exit-code set")
        let ignored = Decision(
            action: .ignore,
            rule: DecisionRule(
                source: .ignoreFile, description: "accepted until the next base image",
                location: SourceLocation(file: ".trivyignore", line: 4)))
        let vex = Decision(
            action: .ignore,
            rule: DecisionRule(source: .vex, description: "vulnerable code is never called"),
            vex: VEXAssessment(
                status: "not_affected", justification: "vulnerable_code_not_in_execute_path",
                statement: "vulnerable code is never called", location: SourceLocation(file: "vex.openvex.json")))
        func decided(_ finding: Finding, _ decision: Decision = warn) -> DecidedFinding {
            DecidedFinding(finding: finding, decision: decision)
        }
        let opensslVuln = vulnerability(
            "CVE-2019-1549", package: openssl, severity: .medium, fixed: "1.1.1d-r0",
            title: "openssl: information disclosure in fork()",
            description: "OpenSSL 1.1.1 introduced a rewritten random number generator (RNG).",
            namespace: "Alpine:v3.10", source: "alpine-secdb")
        let ignoredVuln = vulnerability(
            "CVE-2019-1551", package: openssl, severity: .low, fixed: "1.1.1d-r2", title: "openssl: overflow",
            description: "There is an overflow bug.", namespace: "Alpine:v3.10", source: "alpine-secdb")
        let springVuln = vulnerability(
            "CVE-2022-22965", package: springBeans, severity: .critical, fixed: "5.3.18, 5.2.20", title: nil,
            description: """
                Spring Framework RCE via Data Binding on JDK 9+. A Spring MVC or Spring WebFlux application \
                running on JDK 9+ may be vulnerable to remote code execution (RCE) via data binding.
                """, namespace: "Maven")
        let qsVuln = vulnerability(
            "CVE-2022-24999", package: npmPackages[3], severity: .high, fixed: "6.7.3",
            title: "express: \"qs\" prototype poisoning causes the hang of the node process",
            description: "qs before 6.10.3 allows attackers to cause a Node process hang.", namespace: "npm")
        let os = DetectedTarget(
            name: "alpine-310.tar.gz (alpine 3.10.2)", kind: .osPackages, type: "alpine", packages: [openssl],
            findings: [], coverage: TargetCoverage(namespaces: ["Alpine:v3.10"]), checkedPackageCount: 1)
        let jar = DetectedTarget(
            name: "Java", kind: .languagePackages, type: "jar", packages: [springBeans], findings: [])
        let npm = DetectedTarget(
            name: "app/package-lock.json", kind: .languagePackages, type: "npm", packages: npmPackages, findings: [])
        let config = DetectedTarget(
            name: "Dockerfile", kind: .config, type: "dockerfile", findings: [], passedChecks: 26)
        let secrets = DetectedTarget(name: "app/deploy.sh", kind: .secret, type: "", findings: [])
        let licenses = DetectedTarget(name: "OS Packages", kind: .license, type: "", findings: [])
        let licenseFiles = DetectedTarget(name: "Loose File License(s)", kind: .licenseFile, type: "", findings: [])
        return [
            DecidedTarget(
                os, findings: [decided(.vulnerability(opensslVuln)), decided(.vulnerability(ignoredVuln), ignored)]),
            DecidedTarget(jar, findings: [decided(.vulnerability(springVuln))]),
            DecidedTarget(npm, findings: [decided(.vulnerability(qsVuln)), decided(.vulnerability(qsVuln), vex)]),
            DecidedTarget(config, findings: [decided(.misconfiguration(misconfiguration))]),
            DecidedTarget(secrets, findings: [decided(.secret(secret))]),
            DecidedTarget(
                licenses,
                findings: [
                    decided(
                        .license(
                            LicenseFinding(
                                name: "GPL-2.0-only", category: .restricted, severity: .high, package: openssl,
                                filePath: "lib/apk/db/installed", layer: layer)))
                ]),
            DecidedTarget(
                licenseFiles,
                findings: [
                    decided(
                        .license(
                            LicenseFinding(
                                name: "AGPL-3.0-only", category: .forbidden, severity: .critical,
                                filePath: "app/LICENSE", text: "GNU AFFERO GENERAL PUBLIC LICENSE", confidence: 0.95,
                                link: "https://spdx.org/licenses/AGPL-3.0-only.html", layer: appLayer)))
                ]),
        ]
    }

    static func report(createdAt: Date = Date(timeIntervalSince1970: 1_629_894_030.25)) -> ScanReport {
        let targets = targets()
        return ScanReport(
            createdAt: createdAt,
            artifact: ArtifactMetadata(
                name: "alpine-310.tar.gz", type: "container_image",
                imageID: "sha256:961769676411f082461f9ef46626dd7a2d1e2b2a38e6a44364bcbecf51e66dd4",
                diffIDs: [layer.diffID ?? "", appLayer.diffID ?? ""],
                repoTags: ["ghcr.io/aquasecurity/trivy-test-images:alpine-310"], layers: [layer, appLayer],
                imageConfigJSON: Array(#"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers"}}"#.utf8)),
            operatingSystem: OperatingSystem(family: .alpine, version: "3.10.2"), targets: targets,
            verdict: Verdict(failingCount: 0, exitCode: 0),
            database: DatabaseSummary(
                path: "/tmp/db", schemaVersion: 1, builtAt: Date(timeIntervalSince1970: 1_629_800_000),
                digest: "sha256:80d748f2fc8ef5c787e506ddaf2f9924de1542eb25b719046936732ce936c5a5"),
            warnings: ["alpine 3.10 is end of life since 2021-05-01: its packages get no more fixes"],
            coverage: ScanCoverage(
                operatingSystem: OperatingSystem(family: .alpine, version: "3.10.2"), osState: .covered,
                osNamespace: "Alpine:v3.10",
                support: ReleaseSupport(
                    lifecycle: ReleaseLifecycle(id: "alpine", release: "3.10", standardEnd: "2021-05-01"),
                    phase: .endOfLife, day: "2021-08-25")))
    }
}
