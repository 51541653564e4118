import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockPolicy
@testable import DrydockSBOM

/// How statements apply to findings: Trivy's matching rules (`pkg/vex` and its tests), plus the operating
/// system by CPE and vendors' `distro` spellings.
@Suite("VEX matching")
struct VEXIndexTests {
    // MARK: fixtures shaped like Trivy's pkg/vex tests

    static let debianImage = ArtifactMetadata(
        name: "debian:12", type: "container_image", imageID: "sha256:config",
        repoTags: ["debian:12"],
        repoDigests: ["debian@sha256:4482958b4461ff7d9fabc24b3a9ab1e9a2c85ece07b2db1840c7cbc01d053e90"],
        imageConfigJSON: Array(#"{"architecture":"amd64"}"#.utf8))

    static func deb(_ name: String, _ version: String = "5.3", dependsOn: [String] = []) -> Package {
        Package(
            name: name, version: version, ecosystem: .debian, architecture: "amd64",
            purl: "pkg:deb/debian/\(name)@\(version)?arch=amd64&distro=debian-12.5", dependsOn: dependsOn)
    }

    static func go(_ name: String, _ version: String, _ relationship: PackageRelationship, dependsOn: [String] = [])
        -> Package
    {
        Package(
            name: "github.com/aquasecurity/\(name)", version: version, ecosystem: .go,
            purl: "pkg:golang/github.com/aquasecurity/\(name)@\(version)", relationship: relationship,
            dependsOn: dependsOn.map { "github.com/aquasecurity/\($0)" })
    }

    static func finding(_ id: String, _ package: Package, aliases: [String] = []) -> Finding {
        var finding = ModelFixtures.finding(id: id, package: package)
        finding.allIDs = [id] + aliases
        return .vulnerability(finding)
    }

    static func target(_ packages: [Package], finding: Finding, kind: TargetKind = .osPackages) -> DetectedTarget {
        DetectedTarget(
            name: "debian:12 (debian 12.5)", kind: kind, type: kind == .osPackages ? "debian" : "gomod",
            packages: packages, findings: [finding])
    }

    static func index(_ statements: [String], timestamp: String = "2023-01-16T19:07:16Z") throws -> VEXIndex {
        let json = """
            {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "x", "author": "t", "timestamp": "\(timestamp)",
             "version": 1, "statements": [\(statements.joined(separator: ","))]}
            """
        return VEXIndex(documents: [try VEXReader.read(Array(json.utf8), path: "vex.json")])
    }

    static func statement(
        _ id: String, product: String, subcomponents: [String] = [], status: String = "not_affected",
        timestamp: String? = nil
    ) -> String {
        let subs = subcomponents.map { #"{"@id": "\#($0)"}"# }.joined(separator: ",")
        let time = timestamp.map { #""timestamp": "\#($0)","# } ?? ""
        let extra = status == "not_affected" ? #", "justification": "vulnerable_code_not_in_execute_path""# : ""
        return """
            {"vulnerability": {"name": "\(id)"}, \(time) "products": [{"@id": "\(product)", "subcomponents": [\(subs)]}],
             "status": "\(status)"\(extra)}
            """
    }

    func assess(
        _ index: VEXIndex, _ target: DetectedTarget, artifact: ArtifactMetadata = debianImage,
        os: OperatingSystem? = OperatingSystem(family: .debian, version: "12.5")
    ) -> VEXAssessment? {
        index.assess(
            target.findings[0], in: target, context: VEXScanContext(artifact: artifact, operatingSystem: os))
    }

    // MARK: Trivy's cases

    @Test("the image as product (pkg:oci/debian, any digest) with the package as subcomponent")
    func imageProduct() throws {
        let bash = Self.deb("bash")
        let target = Self.target([bash], finding: Self.finding("CVE-2022-3715", bash))
        let matching = try Self.index([
            Self.statement("CVE-2022-3715", product: "pkg:oci/debian", subcomponents: ["pkg:deb/debian/bash"])
        ])
        let assessment = try #require(assess(matching, target))
        #expect(assessment.status == "not_affected")
        #expect(assessment.justification == "vulnerable_code_not_in_execute_path")
        #expect(assessment.location.file == "vex.json")
        let mismatch = try Self.index([
            Self.statement("CVE-2022-3715", product: "pkg:oci/mismatch", subcomponents: ["pkg:deb/debian/bash"])
        ])
        #expect(assess(mismatch, target) == nil)
        // The same vulnerability in a package the statement does not list as subcomponent stays.
        let baseFiles = Self.deb("base-files")
        let other = Self.target([bash, baseFiles], finding: Self.finding("CVE-2022-3715", baseFiles))
        #expect(assess(matching, other) == nil)
    }

    @Test("the image by its exact digest purl, repository digest or sha-256 hash; not by another digest")
    func imageByDigest() throws {
        let bash = Self.deb("bash")
        let target = Self.target([bash], finding: Self.finding("CVE-2022-3715", bash))
        let digest = "4482958b4461ff7d9fabc24b3a9ab1e9a2c85ece07b2db1840c7cbc01d053e90"
        let products = [
            "pkg:oci/debian@sha256%3A\(digest)?arch=amd64&repository_url=index.docker.io%2Flibrary%2Fdebian",
            "pkg:oci/debian@sha256:\(digest)?repository_url=docker.io/library/debian",
            "debian@sha256:\(digest)",
        ]
        for product in products {
            let index = try Self.index([
                Self.statement("CVE-2022-3715", product: product, subcomponents: ["pkg:deb/debian/bash"])
            ])
            #expect(assess(index, target)?.status == "not_affected", "\(product)")
        }
        let other = try Self.index([
            Self.statement(
                "CVE-2022-3715", product: "pkg:oci/debian@sha256:0000", subcomponents: ["pkg:deb/debian/bash"])
        ])
        #expect(assess(other, target) == nil)
        let hashed = """
            {"vulnerability": {"name": "CVE-2022-3715"}, "status": "fixed",
             "products": [{"hashes": {"sha-256": "\(digest)"}, "subcomponents": [{"@id": "pkg:deb/debian/bash"}]}]}
            """
        #expect(assess(try Self.index([hashed]), target)?.status == "fixed")
    }

    @Test("an image read from a docker save archive has no digest: versionless and tag purls match, digests do not")
    func archiveImage() throws {
        let bash = Self.deb("bash")
        let target = Self.target([bash], finding: Self.finding("CVE-2022-3715", bash))
        let archive = ArtifactMetadata(name: "debian.tar", type: "container_image", repoTags: ["debian:12"])
        for (product, applies) in [
            ("pkg:oci/debian", true), ("pkg:oci/debian?tag=12", true), ("pkg:oci/debian?tag=11", false),
            ("pkg:oci/debian@sha256:4482958b", false),
        ] {
            let index = try Self.index([
                Self.statement("CVE-2022-3715", product: product, subcomponents: ["pkg:deb/debian/bash"])
            ])
            #expect((assess(index, target, artifact: archive) != nil) == applies, "\(product)")
        }
    }

    @Test("the package itself as product, any version or its own; another version does not match")
    func packageProduct() throws {
        let bash = Self.deb("bash")
        let target = Self.target([bash], finding: Self.finding("CVE-2022-3715", bash))
        for (product, applies) in [
            ("pkg:deb/debian/bash", true), ("pkg:deb/debian/bash@5.3", true), ("pkg:deb/debian/bash@5.2", false),
            ("pkg:deb/debian/bash?arch=arm64", false), ("pkg:deb/debian/bash?distro=bookworm", true),
            ("pkg:deb/ubuntu/bash", false),
        ] {
            let index = try Self.index([Self.statement("CVE-2022-3715", product: product)])
            #expect((assess(index, target) != nil) == applies, "\(product)")
        }
    }

    @Test("a finding known by an alias matches a statement naming the alias")
    func aliases() throws {
        let bash = Self.deb("bash")
        let target = Self.target([bash], finding: Self.finding("GHSA-aaaa-bbbb-cccc", bash, aliases: ["CVE-2022-3715"]))
        let index = try Self.index([Self.statement("CVE-2022-3715", product: "pkg:deb/debian/bash")])
        #expect(assess(index, target) != nil)
        let other = try Self.index([Self.statement("CVE-2022-9999", product: "pkg:deb/debian/bash")])
        #expect(assess(other, target) == nil)
    }

    @Test("a dependency reached through one path only is set aside by its parent's statement; through two, not")
    func dependencyPaths() throws {
        let statement = Self.statement(
            "CVE-2024-0001", product: "pkg:golang/github.com/aquasecurity/go-direct1@v2.0.0",
            subcomponents: ["pkg:golang/github.com/aquasecurity/go-transitive@v4.0.0"])
        let index = try Self.index([statement])
        let transitive = Self.go("go-transitive", "v4.0.0", .indirect)
        let single = [
            Self.go("go-module", "v1.0.0", .root, dependsOn: ["go-direct1@v2.0.0"]),
            Self.go("go-direct1", "v2.0.0", .direct, dependsOn: ["go-transitive@v4.0.0"]), transitive,
        ]
        let finding = Self.finding("CVE-2024-0001", transitive)
        #expect(assess(index, Self.target(single, finding: finding, kind: .languagePackages))?.status == "not_affected")
        let multi = [
            Self.go("go-module", "v1.0.0", .root, dependsOn: ["go-direct1@v2.0.0", "go-direct2@v3.0.0"]),
            Self.go("go-direct1", "v2.0.0", .direct, dependsOn: ["go-transitive@v4.0.0"]),
            Self.go("go-direct2", "v3.0.0", .direct, dependsOn: ["go-transitive@v4.0.0"]), transitive,
        ]
        #expect(assess(index, Self.target(multi, finding: finding, kind: .languagePackages)) == nil)
    }

    @Test("a package cut off from the image by a dependency cycle is never set aside (Trivy's fail-safe)")
    func cycle() throws {
        let bash = Self.deb("bash", dependsOn: ["base-files@5.3"])
        let baseFiles = Self.deb("base-files", dependsOn: ["bash@5.3"])
        let index = try Self.index([
            Self.statement("CVE-2022-3715", product: "pkg:oci/debian", subcomponents: ["pkg:deb/debian/bash"])
        ])
        #expect(assess(index, Self.target([bash, baseFiles], finding: Self.finding("CVE-2022-3715", bash))) == nil)
        // Two parents that both belong to the OS: every path reaches the image, which the statement names.
        let viaTwo = [
            Self.deb("bash"), Self.deb("base-files", dependsOn: ["bash@5.3"]),
            Self.deb("base-files2", dependsOn: ["bash@5.3"]),
        ]
        #expect(assess(index, Self.target(viaTwo, finding: Self.finding("CVE-2022-3715", viaTwo[0]))) != nil)
    }

    // MARK: time and status

    @Test("the latest statement about a product wins; an affected one is kept as a fact and sets nothing aside")
    func latestWins() throws {
        let bash = Self.deb("bash")
        let target = Self.target([bash], finding: Self.finding("CVE-2022-3715", bash))
        let older = Self.statement("CVE-2022-3715", product: "pkg:deb/debian/bash", timestamp: "2023-01-01T00:00:00Z")
        let newer = Self.statement(
            "CVE-2022-3715", product: "pkg:deb/debian/bash", status: "affected", timestamp: "2023-06-01T00:00:00Z")
        #expect(assess(try Self.index([newer, older]), target)?.status == "affected")
        #expect(assess(try Self.index([older, newer]), target)?.status == "affected")
        // Same time: the later statement in the document wins.
        let first = Self.statement("CVE-2022-3715", product: "pkg:deb/debian/bash", status: "under_investigation")
        let second = Self.statement("CVE-2022-3715", product: "pkg:deb/debian/bash")
        #expect(assess(try Self.index([first, second]), target)?.status == "not_affected")
        #expect(assess(try Self.index([second, first]), target)?.status == "under_investigation")
    }

    // MARK: beyond Trivy

    @Test("a CSAF product named by the OS's CPE applies to that release's packages only")
    func operatingSystemCPE() throws {
        let curl = Package(
            name: "curl", version: "7.61.1-33.el8", ecosystem: .redHat, architecture: "x86_64",
            purl: "pkg:rpm/redhat/curl@7.61.1-33.el8?arch=x86_64&distro=redhat-8.9")
        let target = DetectedTarget(
            name: "ubi8 (redhat 8.9)", kind: .osPackages, type: "redhat", packages: [curl],
            findings: [Self.finding("CVE-2023-38545", curl)])
        let index = try Self.index([
            Self.statement(
                "CVE-2023-38545", product: "cpe:/o:redhat:enterprise_linux:8", subcomponents: ["pkg:rpm/redhat/curl"])
        ])
        let artifact = ArtifactMetadata(name: "ubi8.tar", type: "container_image")
        #expect(assess(index, target, artifact: artifact, os: OperatingSystem(family: .redhat, version: "8.9")) != nil)
        #expect(assess(index, target, artifact: artifact, os: OperatingSystem(family: .redhat, version: "9.3")) == nil)
        #expect(assess(index, target, artifact: artifact, os: OperatingSystem(family: .rocky, version: "8.9")) == nil)
    }

    @Test(
        "CPE products and operating systems",
        arguments: [
            ("cpe:/o:redhat:enterprise_linux:8", OSFamily.redhat, "8.9", true),
            ("cpe:/a:redhat:enterprise_linux:8::appstream", .redhat, "8.9", true),
            ("cpe:/o:redhat:enterprise_linux:10.0", .redhat, "10.0", true),
            ("cpe:/o:redhat:enterprise_linux:10.0", .redhat, "10.1", false),
            ("cpe:/o:redhat:enterprise_linux:8", .redhat, "80.1", false),
            ("cpe:/o:redhat:enterprise_linux", .redhat, "9.3", true),
            ("cpe:/o:suse:sle-module-basesystem:15:sp5", .sles, "15.5", true),
            ("cpe:/o:suse:sles:15:sp4", .sles, "15.5", false),
            ("cpe:2.3:o:canonical:ubuntu_linux:22.04:*:*:*:lts:*:*:*", .ubuntu, "22.04", true),
            ("cpe:/o:debian:debian_linux:12", .ubuntu, "12", false),
        ])
    func cpeMatching(cpe: String, family: OSFamily, version: String, matches: Bool) throws {
        let name = try #require(CPEName(cpe))
        #expect(OperatingSystemCPE.matches(name, OperatingSystem(family: family, version: version)) == matches)
    }

    @Test("Ubuntu's own distro spelling (jammy, esm-infra/focal) matches Drydock's ubuntu-22.04")
    func distroSpellings() throws {
        let pattern = try #require(
            PackageURL("pkg:deb/ubuntu/curl@7.68.0-1ubuntu2.24?arch=amd64&distro=esm-infra/focal"))
        let installed = try #require(
            PackageURL("pkg:deb/ubuntu/curl@7.68.0-1ubuntu2.24?arch=amd64&distro=ubuntu-20.04"))
        #expect(VEXPurlMatcher.matches(pattern, installed))
        let jammy = try #require(PackageURL("pkg:deb/ubuntu/curl?distro=jammy"))
        #expect(!VEXPurlMatcher.matches(jammy, installed))
        #expect(VEXPurlMatcher.canonicalDistro("bookworm") == "debian-12")
        #expect(VEXPurlMatcher.canonicalDistro("debian-12.5") == "debian-12")
    }

    @Test("only vulnerabilities are assessed")
    func onlyVulnerabilities() throws {
        let secret = Finding.secret(
            SecretFinding(
                filePath: "a", ruleID: "CVE-2022-3715", category: "x", severity: .high, title: "t", startLine: 1,
                endLine: 1, match: "x"))
        let target = DetectedTarget(name: "a", kind: .secret, type: "", findings: [secret])
        let index = try Self.index([Self.statement("CVE-2022-3715", product: "pkg:oci/debian")])
        #expect(assess(index, target) == nil)
    }
}
