import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockPolicy
@testable import DrydockSBOM

/// The three VEX readers on documents the tests write (shaped like Trivy's and the vendors' own) and on the
/// vendors' real documents in `../shared/advisories`.
@Suite("VEX documents: OpenVEX, CycloneDX VEX, CSAF VEX")
struct VEXReaderTests {
    static let openVEX = """
        {
          "@context": "https://openvex.dev/ns/v0.2.0",
          "@id": "https://example.com/vex/1",
          "author": "Example Security",
          "timestamp": "2023-01-16T19:07:16.853479631-06:00",
          "version": 1,
          "statements": [
            {
              "vulnerability": {"name": "CVE-2022-3715", "aliases": ["GHSA-xxxx-yyyy-zzzz"]},
              "products": [
                {"@id": "pkg:oci/debian", "subcomponents": [{"@id": "pkg:deb/debian/bash"}]}
              ],
              "status": "not_affected",
              "justification": "vulnerable_code_not_in_execute_path",
              "impact_statement": "bash is never run"
            },
            {
              "vulnerability": {"@id": "https://nvd.nist.gov/vuln/detail/CVE-2024-1", "name": "CVE-2024-1"},
              "timestamp": "2024-02-01T00:00:00Z",
              "products": [{"identifiers": {"purl": "pkg:npm/lodash@4.17.20"}, "hashes": {"sha-256": "ABCD"}}],
              "status": "affected",
              "action_statement": "upgrade lodash"
            }
          ]
        }
        """

    @Test("OpenVEX 0.2.0: vulnerability names and aliases, products with subcomponents, identifiers and hashes")
    func openVEXStatements() throws {
        let document = try VEXReader.read(Array(Self.openVEX.utf8), path: "vex.json")
        #expect(document.format == .openVEX)
        #expect(document.id == "https://example.com/vex/1")
        #expect(document.statements.count == 2)
        let first = document.statements[0]
        #expect(first.vulnerabilityIDs == ["CVE-2022-3715", "GHSA-xxxx-yyyy-zzzz"])
        #expect(first.status == .notAffected)
        #expect(first.justification == "vulnerable_code_not_in_execute_path")
        #expect(first.impactStatement == "bash is never run")
        #expect(
            first.products == [
                VEXProduct(
                    identifiers: [.purl(try #require(PackageURL("pkg:oci/debian")))],
                    subcomponents: [[.purl(try #require(PackageURL("pkg:deb/debian/bash")))]])
            ])
        #expect(first.path == "statements[0]")
        #expect(first.line == 8)
        // The statement inherits the document's time (nanoseconds and an offset are read).
        #expect(abs((first.timestamp?.timeIntervalSince1970 ?? 0) - 1_673_917_636.853) < 0.001)
        let second = document.statements[1]
        #expect(second.vulnerabilityIDs == ["CVE-2024-1", "https://nvd.nist.gov/vuln/detail/CVE-2024-1"])
        #expect(second.products.first?.identifiers.contains(.hash(algorithm: "sha-256", value: "abcd")) == true)
        #expect(second.actionStatement == "upgrade lodash")
        #expect(second.timestamp == Date(timeIntervalSince1970: 1_706_745_600))
        #expect(second.line == 17)
    }

    @Test("OpenVEX 0.0.1: plain-string vulnerability and products, statement-level subcomponents")
    func openVEXLegacy() throws {
        let text = """
            {"@context": "https://openvex.dev/ns/v0.0.1", "author": "Wolfi", "timestamp": "2023-01-08T18:02:03Z",
             "version": "1", "statements": [{"vulnerability": "CVE-2023-12345",
             "products": ["pkg:apk/wolfi/git@2.39.0-r1?arch=x86_64"], "subcomponents": ["pkg:apk/wolfi/libcurl"],
             "status": "fixed"}]}
            """
        let statement = try #require(try VEXReader.read(Array(text.utf8), path: "old.json").statements.first)
        #expect(statement.vulnerabilityIDs == ["CVE-2023-12345"])
        #expect(statement.status == .fixed)
        #expect(statement.products.first?.subcomponents.count == 1)
    }

    @Test(
        "malformed documents are errors naming the file and the place",
        arguments: [
            ("not json", VEXError.Code.notJSON, ""),
            (#"{"hello": "world"}"#, .unknownFormat, ""),
            (#"{"@context": "https://openvex.dev/ns/v0.9.0", "statements": []}"#, .unsupportedVersion, "@context"),
            (
                #"{"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "CVE-1"}, "status": "maybe"}]}"#,
                .invalid, "statements[0].status"
            ),
            (
                #"{"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "CVE-1"}}]}"#,
                .invalid, "statements[0]"
            ),
            (#"{"bomFormat": "CycloneDX", "specVersion": "1.3"}"#, .unsupportedVersion, "specVersion"),
            (
                #"{"bomFormat": "CycloneDX", "specVersion": "1.5", "vulnerabilities": [{"id": "CVE-1", "analysis": {"state": "fine"}}]}"#,
                .invalid, "vulnerabilities[0].analysis.state"
            ),
            (#"{"document": {"csaf_version": "1.0"}}"#, .unsupportedVersion, "document.csaf_version"),
            (#"{"document": {"csaf_version": "2.0"}, "vulnerabilities": {"cve": 1}}"#, .invalid, "vulnerabilities"),
        ])
    func malformed(text: String, code: VEXError.Code, path: String) {
        #expect {
            try VEXReader.read(Array(text.utf8), path: "bad.json")
        } throws: { error in
            guard let error = error as? VEXError else { return false }
            return error.code == code && error.path == path && error.file == "bad.json"
                && error.description.hasPrefix("bad.json: ")
        }
    }

    @Test("a truncated copy of a real document is an error, never a partial read")
    func truncated() throws {
        let bytes = Array(Self.openVEX.utf8)
        for length in stride(from: 0, to: bytes.count, by: 97) {
            #expect(throws: VEXError.self) { try VEXReader.read(Array(bytes.prefix(length)), path: "cut.json") }
        }
    }

    static let cycloneDX = """
        {
          "bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
          "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
          "metadata": {"timestamp": "2024-03-01T00:00:00Z"},
          "components": [
            {"type": "library", "name": "spring-boot", "bom-ref": "spring",
             "purl": "pkg:maven/org.springframework.boot/spring-boot@2.6.0"}
          ],
          "vulnerabilities": [
            {"id": "CVE-2021-44228", "references": [{"id": "GHSA-jfh8-c2jp-5v3q", "source": {"name": "GitHub"}}],
             "analysis": {"state": "not_affected", "justification": "code_not_reachable", "detail": "JNDI off"},
             "affects": [{"ref": "spring"},
                         {"ref": "urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#pkg:deb/ubuntu/libstdc%2B%2B6"}]},
            {"id": "CVE-2022-1", "analysis": {"state": "resolved"},
             "affects": [{"ref": "pkg:npm/left-pad", "versions": [{"version": "1.3.0"}, {"range": "vers:npm/<1.0.0"}]},
                         {"ref": "nowhere"}]},
            {"id": "CVE-2022-2", "affects": [{"ref": "spring"}]}
          ]
        }
        """

    @Test("CycloneDX VEX: affects refs through components, BOM-Links and purls; versions narrow; ranges warn")
    func cycloneDXStatements() throws {
        let document = try VEXReader.read(Array(Self.cycloneDX.utf8), path: "cdx.json")
        #expect(document.format == .cycloneDX)
        #expect(document.statements.count == 2, "a vulnerability without analysis says nothing")
        let first = document.statements[0]
        #expect(first.vulnerabilityIDs == ["CVE-2021-44228", "GHSA-jfh8-c2jp-5v3q"])
        #expect(first.status == .notAffected)
        #expect(first.justification == "code_not_reachable")
        #expect(first.impactStatement == "JNDI off")
        #expect(
            first.products.map(\.identifiers) == [
                [.purl(try #require(PackageURL("pkg:maven/org.springframework.boot/spring-boot@2.6.0")))],
                [.purl(try #require(PackageURL("pkg:deb/ubuntu/libstdc++6")))],
            ])
        #expect(first.path == "vulnerabilities[0].analysis")
        let second = document.statements[1]
        #expect(second.status == .fixed)
        #expect(second.products.map(\.identifiers) == [[.purl(try #require(PackageURL("pkg:npm/left-pad@1.3.0")))]])
        #expect(document.warnings.count == 2)
        #expect(document.warnings.contains { $0.contains("vers:npm/<1.0.0") && $0.contains("not evaluated") })
        #expect(document.warnings.contains { $0.contains("'nowhere'") })
    }

    @Test("the CycloneDX VEX documents the tests use are valid CycloneDX 1.5 (cyclonedx-python-lib)")
    func cycloneDXIsValid() throws {
        let directory = try PackagePaths.temporaryDirectory("cdx-valid")
        let file = directory.appendingPathComponent("vex.cdx.json")
        try Data(Self.cycloneDX.utf8).write(to: file)
        let script = """
            import sys
            from cyclonedx.schema import SchemaVersion
            from cyclonedx.validation.json import JsonStrictValidator
            errors = JsonStrictValidator(SchemaVersion.V1_5).validate_str(open(sys.argv[1]).read())
            print(errors or "valid")
            sys.exit(1 if errors else 0)
            """
        let result = try ProcessRunner.run("python3", ["-c", script, file.path])
        #expect(result.status == 0, "cyclonedx-python-lib: \(result.output) \(result.stderr)")
    }

    static let csaf = """
        {
          "document": {"category": "csaf_vex", "csaf_version": "2.0", "publisher": {"name": "Bitnami"},
                       "tracking": {"id": "T-1", "current_release_date": "2024-01-04T17:17:25+01:00"}},
          "product_tree": {
            "branches": [{"category": "vendor", "name": "bar", "branches": [{"category": "product_name",
              "name": "go-direct1", "branches": [{"category": "product_version", "name": "2.0.0",
              "product": {"name": "go-direct1 v2.0.0", "product_id": "direct",
                "product_identification_helper": {"purl": "pkg:golang/github.com/aquasecurity/go-direct1@v2.0.0"}}}]}]}],
            "full_product_names": [{"name": "transitive", "product_id": "transitive",
              "product_identification_helper": {"purl": "pkg:golang/github.com/aquasecurity/go-transitive@v4.0.0"}},
              {"name": "os", "product_id": "os", "product_identification_helper": {"cpe": "cpe:/o:redhat:enterprise_linux:8"}},
              {"name": "no helper", "product_id": "bare"}],
            "relationships": [
              {"category": "default_component_of", "product_reference": "transitive",
               "relates_to_product_reference": "direct",
               "full_product_name": {"name": "direct uses transitive", "product_id": "direct:transitive"}},
              {"category": "default_component_of", "product_reference": "transitive",
               "relates_to_product_reference": "os",
               "full_product_name": {"name": "os ships transitive", "product_id": "os:transitive"}}
            ],
            "product_groups": [{"group_id": "g1", "product_ids": ["os:transitive"]}]
          },
          "vulnerabilities": [{
            "cve": "CVE-2024-0001",
            "flags": [{"label": "vulnerable_code_cannot_be_controlled_by_adversary", "product_ids": ["direct:transitive"]},
                      {"label": "component_not_present", "group_ids": ["g1"]}],
            "threats": [{"category": "impact", "details": "only in tests", "product_ids": ["direct:transitive"]}],
            "remediations": [{"category": "none_available", "details": "no fix", "product_ids": ["transitive"]}],
            "product_status": {"known_not_affected": ["direct:transitive", "os:transitive", "bare"],
                               "known_affected": ["transitive"]}
          }]
        }
        """

    @Test("CSAF VEX: relationships make product + subcomponent; flags, threats and remediations per product")
    func csafStatements() throws {
        let document = try VEXReader.read(Array(Self.csaf.utf8), path: "csaf.json")
        #expect(document.format == .csaf)
        #expect(document.author == "Bitnami")
        #expect(document.statements.map(\.status) == [.notAffected, .notAffected, .affected])
        let direct = document.statements[0]
        #expect(direct.justification == "vulnerable_code_cannot_be_controlled_by_adversary")
        #expect(direct.impactStatement == "only in tests")
        #expect(direct.products.count == 1)
        #expect(
            direct.products[0].identifiers.first?.description == "pkg:golang/github.com/aquasecurity/go-direct1@v2.0.0")
        #expect(direct.products[0].subcomponents.first?.first?.description.hasSuffix("go-transitive@v4.0.0") == true)
        let os = document.statements[1]
        #expect(os.justification == "component_not_present", "a flag given through a product group")
        #expect(os.products.first?.identifiers == [.cpe(try #require(CPEName("cpe:/o:redhat:enterprise_linux:8")))])
        #expect(document.statements[2].actionStatement == "none_available: no fix")
        #expect(direct.path == "vulnerabilities[0].product_status.known_not_affected")
        #expect(
            document.warnings == [
                "csaf.json: 1 product(s) have no purl or CPE in the product tree and cannot be matched (e.g. bare)"
            ])
    }

    @Test("CSAF VEX shaped like Trivy's testdata: a threat without product_ids is every product's impact")
    func csafThreatForAll() throws {
        let text = """
            {"document": {"category": "csaf_vex", "csaf_version": "2.0", "tracking": {"id": "2022-EVD-UC-01-A-001"}},
             "product_tree": {"branches": [{"category": "product_version", "name": "v4.0.0", "product": {
               "name": "go-transitive v4.0.0", "product_id": "go-transitive-v4.0.0",
               "product_identification_helper": {"purl": "pkg:golang/github.com/aquasecurity/go-transitive@v4.0.0"}}}]},
             "vulnerabilities": [{"cve": "CVE-2024-0001",
               "product_status": {"known_not_affected": ["go-transitive-v4.0.0"]},
               "threats": [{"category": "impact", "details": "vulnerable_code_not_in_execute_path"}]}]}
            """
        let statement = try #require(try VEXReader.read(Array(text.utf8), path: "csaf.json").statements.first)
        #expect(statement.status == .notAffected)
        #expect(statement.justification == nil)
        #expect(statement.impactStatement == "vulnerable_code_not_in_execute_path")
    }

    @Test("CPE names in both spellings")
    func cpeNames() throws {
        let uri = try #require(CPEName("cpe:/o:redhat:enterprise_linux:9::baseos"))
        #expect([uri.part, uri.vendor, uri.product, uri.version] == ["o", "redhat", "enterprise_linux", "9"])
        #expect(uri.update == nil)
        let formatted = try #require(CPEName("cpe:2.3:o:suse:sles:15:sp5:*:*:*:*:*:*"))
        #expect(formatted.update == "sp5")
        #expect(CPEName("cpe:2.3:a:vendor\\:x:product:*:*:*:*:*:*:*:*")?.vendor == "vendor:x")
        #expect(CPEName("pkg:rpm/redhat/curl") == nil)
        #expect(CPEName("cpe:/o") == nil)
    }
}
