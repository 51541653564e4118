import DrydockTestSupport
import Foundation
import Testing

/// `--vex` end to end, one test per format, on images the tests build: the Debian 12 scenario (openssl's
/// CRITICAL CVE-2023-5363 in libssl3 and openssl, bash, zlib) and RHEL 8 / 9 images with curl for Red Hat's
/// real CSAF VEX.
@Suite("VEX documents applied to scans (--vex)")
struct VEXScanTests {
    static let database: Result<String, any Error> = Result {
        try CLI.buildDatabase([try DebianScenario.writeAdvisories().path])
    }

    /// The Debian scenario as an OCI layout tagged `example.com/debian-app:1.0` (so it has a repository digest).
    static func ociImage() throws -> String {
        try ImageFixtures.ociLayout(
            images: [ImageFixtures.ImageSpec(layers: [DebianScenario.layer], tags: ["example.com/debian-app:1.0"])]
        ).path
    }

    static func write(_ text: String, _ name: String) throws -> String {
        let url = try PackagePaths.temporaryDirectory("vex").appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    static func modified(_ report: [String: Any]) -> [[String: Any]] {
        (report["Results"] as? [[String: Any]] ?? []).flatMap {
            $0["ExperimentalModifiedFindings"] as? [[String: Any]] ?? []
        }
    }

    /// ``openVEX`` written to a file.
    static func openVEXPath() throws -> String { try write(openVEX, "debian-app.openvex.json") }

    static let openVEX = """
        {
          "@context": "https://openvex.dev/ns/v0.2.0",
          "@id": "https://example.com/vex/debian-app",
          "author": "Example platform team",
          "timestamp": "2024-05-01T00:00:00Z",
          "version": 1,
          "statements": [
            {
              "vulnerability": {"name": "CVE-2023-5363"},
              "products": [
                {"@id": "pkg:oci/debian-app?repository_url=example.com/debian-app",
                 "subcomponents": [{"@id": "pkg:deb/debian/libssl3"}, {"@id": "pkg:deb/debian/openssl"}]}
              ],
              "status": "not_affected",
              "justification": "vulnerable_code_not_in_execute_path",
              "impact_statement": "the image never negotiates the affected ciphers"
            }
          ]
        }
        """

    @Test("OpenVEX: the image product with package subcomponents sets the CRITICAL aside; the gate passes")
    func openVEXOnImage() throws {
        let database = try Self.database.get()
        let image = try Self.ociImage()
        let gate = ["--severity", "CRITICAL", "--exit-code", "1"]
        let (before, beforeReport) = try CLI.scanJSON(image, database: database, extra: gate)
        #expect(before.status == 1, "\(before.stderr)")
        #expect(CLI.findingRows(beforeReport).map { $0[2] } == ["CVE-2023-5363", "CVE-2023-5363"])

        let vex = try Self.write(Self.openVEX, "debian-app.openvex.json")
        let (after, report) = try CLI.scanJSON(image, database: database, extra: gate + ["--vex", vex])
        #expect(after.status == 0, "\(after.stderr)")
        #expect(CLI.findingRows(report).isEmpty)
        let modified = Self.modified(report)
        #expect(modified.count == 2)
        #expect(modified.allSatisfy { $0["Status"] as? String == "not_affected" })
        #expect(modified.allSatisfy { $0["Statement"] as? String == "vulnerable_code_not_in_execute_path" })
        #expect(modified.allSatisfy { $0["Source"] as? String == vex })
        let names = modified.compactMap { ($0["Finding"] as? [String: Any])?["PkgName"] as? String }
        #expect(names.sorted() == ["libssl3", "openssl"])

        // Each decision names the statement: its file and line, the justification and the impact statement.
        let decision = try #require((modified.first?["Finding"] as? [String: Any])?["Decision"] as? [String: Any])
        #expect(decision["Source"] as? String == "vex")
        #expect(decision["Location"] as? String == "\(vex):8")
        #expect(
            decision["Description"] as? String
                == "VEX: not_affected (vulnerable_code_not_in_execute_path): the image never negotiates the affected ciphers"
        )

        // The table's suppressed section (Trivy's --show-suppressed) shows what VEX set aside and why.
        let table = try CLI.run(
            [
                "image", "--input", image, "--db", database, "--vex", vex, "--show-suppressed", "--table-mode",
                "detailed",
            ]
                + gate)
        #expect(table.status == 0)
        let suppressed = try #require(
            table.output.components(separatedBy: "Suppressed Vulnerabilities (Total: 2)").last)
        #expect(suppressed.contains("│ libssl3 │") && suppressed.contains("│ openssl │"), "\(table.output)")
        #expect(suppressed.contains("vulnerable_c"), "the justification, wrapped to 80 columns")
    }

    @Test("OpenVEX: a statement about another image, or another package, sets nothing aside")
    func openVEXMismatch() throws {
        let database = try Self.database.get()
        let image = try Self.ociImage()
        let other = Self.openVEX.replacingOccurrences(of: "pkg:oci/debian-app?", with: "pkg:oci/other-app?")
        for text in [
            other, Self.openVEX.replacingOccurrences(of: "pkg:deb/debian/openssl", with: "pkg:deb/debian/zlib1g"),
        ] {
            let vex = try Self.write(text, "mismatch.json")
            let (result, report) = try CLI.scanJSON(
                image, database: database, extra: ["--severity", "CRITICAL", "--vex", vex])
            #expect(result.status == 0, "\(result.stderr)")
            let left = CLI.findingRows(report).map { $0[0] }
            #expect(left.count + Self.modified(report).count == 2)
            #expect(left.contains("openssl"))
        }
    }

    @Test("CycloneDX VEX: a component's purl narrowed to the installed version (with its epoch)")
    func cycloneDX() throws {
        let database = try Self.database.get()
        let image = try ImageFixtures.dockerArchive(layers: [DebianScenario.layer], repoTags: ["debian-app:1.0"]).path
        let text = """
            {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
             "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
             "components": [{"type": "library", "name": "zlib1g", "bom-ref": "zlib", "purl": "pkg:deb/debian/zlib1g"}],
             "vulnerabilities": [{"id": "CVE-2023-45853", "analysis": {"state": "not_affected",
               "justification": "code_not_present", "detail": "minizip is not built"},
               "affects": [{"ref": "zlib", "versions": [{"version": "1:1.2.13.dfsg-1", "status": "unaffected"}]}]}]}
            """
        let vex = try Self.write(text, "zlib.cdx.json")
        let (result, report) = try CLI.scanJSON(image, database: database, extra: ["--vex", vex])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!CLI.findingRows(report).contains { $0[2] == "CVE-2023-45853" })
        let modified = try #require(Self.modified(report).first)
        #expect(modified["Statement"] as? String == "code_not_present")
        // Another version in the document: nothing is set aside.
        let other = try Self.write(text.replacingOccurrences(of: "1:1.2.13.dfsg-1", with: "1:1.2.13.dfsg-2"), "z.json")
        let (_, unchanged) = try CLI.scanJSON(image, database: database, extra: ["--vex", other])
        #expect(CLI.findingRows(unchanged).contains { $0[2] == "CVE-2023-45853" })
    }

    /// A RHEL image with curl, and a DB saying CVE-2023-38545 affects curl below `fixed` in RHEL `major`.
    static func rhel(_ versionID: String, curl: (version: String, release: String)) throws -> (String, String) {
        let major = String(versionID.prefix { $0 != "." })
        let header = RPMHeaderBuilder.package(
            name: "curl", version: curl.version, release: curl.release,
            sourceRPM: "curl-\(curl.version)-\(curl.release).src.rpm"
        ).build()
        let image = try ImageFixtures.dockerArchive(
            layers: [
                [
                    "etc/os-release": .file(DistroFixtures.osRelease(id: "rhel", versionID: versionID)),
                    "var/lib/rpm/Packages": .bytes(RPMContainerBuilder.berkeleyHash([header])),
                ]
            ], repoTags: ["ubi\(major):latest"])
        let advisories = try PackagePaths.temporaryDirectory("rhel-osv")
        let record: [String: Any] = [
            "schema_version": "1.6.0", "id": "RHSA-2023:TEST", "aliases": ["CVE-2023-38545"],
            "modified": "2024-01-01T00:00:00Z",
            "affected": [
                [
                    "package": ["ecosystem": "Red Hat:enterprise_linux:\(major)::baseos", "name": "curl"],
                    "ranges": [
                        ["type": "ECOSYSTEM", "events": [["introduced": "0"], ["fixed": "7.99.0-1.el\(major)"]]]
                    ],
                ]
            ],
        ]
        try JSONSerialization.data(withJSONObject: record).write(to: advisories.appendingPathComponent("r.json"))
        return (image.path, try CLI.buildDatabase([advisories.path]))
    }

    @Test("CSAF VEX, Red Hat's real document: curl in RHEL 8 is not affected; RHEL 9's unfixed curl still is")
    func redHatCSAF() throws {
        guard PackagePaths.hasShared, let shared = PackagePaths.shared else { return }
        let vex = shared.appendingPathComponent("advisories/redhat-csaf/vex/2023/cve-2023-38545.json").path
        let (rhel8, database8) = try Self.rhel("8.9", curl: ("7.61.1", "33.el8_9.5"))
        let (before, beforeReport) = try CLI.scanJSON(rhel8, database: database8, extra: ["--exit-code", "1"])
        #expect(before.status == 1, "\(before.stderr)")
        #expect(CLI.findingRows(beforeReport).map { $0[2] } == ["CVE-2023-38545"])
        let (after, report) = try CLI.scanJSON(rhel8, database: database8, extra: ["--exit-code", "1", "--vex", vex])
        #expect(after.status == 0, "\(after.stderr)")
        #expect(CLI.findingRows(report).isEmpty)
        let modified = try #require(Self.modified(report).first)
        #expect(modified["Status"] as? String == "not_affected")
        #expect(modified["Statement"] as? String == "vulnerable_code_not_present")

        // RHEL 9.3 with curl older than Red Hat's fixed build: the `fixed` products name other versions.
        let (rhel9, database9) = try Self.rhel("9.3", curl: ("7.76.1", "26.el9"))
        let (nine, nineReport) = try CLI.scanJSON(rhel9, database: database9, extra: ["--vex", vex])
        #expect(nine.status == 0, "\(nine.stderr)")
        #expect(CLI.findingRows(nineReport).map { $0[2] } == ["CVE-2023-38545"])
        #expect(Self.modified(nineReport).isEmpty)
    }

    @Test(
        "bad --vex input: missing file, Trivy-only sources, malformed document — usage errors naming the place; --vex oci without a registry warns"
    )
    func badInput() throws {
        let database = try Self.database.get()
        let image = try ImageFixtures.dockerArchive(layers: [DebianScenario.layer], repoTags: ["debian-app:1.0"]).path
        let missing = try CLI.run(["image", "--input", image, "--db", database, "--vex", "/nonexistent/vex.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("VEX document (--vex) not found: /nonexistent/vex.json"), "\(missing.stderr)")
        let repo = try CLI.run(["image", "--input", image, "--db", database, "--vex", "repo"])
        #expect(repo.status == 2)
        #expect(repo.stderr.contains("not supported"))
        // `--vex oci` on an archive without a repository digest: no registry is known to hold attestations for
        // it; a warning (no signer needed), as on fs, rootfs and sbom.
        let oci = try CLI.run(["image", "--input", image, "--db", database, "--vex", "oci", "--format", "json"])
        #expect(oci.status == 0, "\(oci.stderr)")
        #expect(oci.stderr.contains("--vex oci: \(image) has no repository digest"), "\(oci.stderr)")
        let fs = try CLI.run([
            "fs", PackagePaths.temporaryDirectory("vex-oci-fs").path, "--db", database, "--vex", "oci",
        ])
        #expect(fs.status == 0, "\(fs.stderr)")
        #expect(fs.stderr.contains("--vex oci: "), "\(fs.stderr)")
        #expect(fs.stderr.contains("was not pulled from a registry"), "\(fs.stderr)")
        let bad = try Self.write(
            Self.openVEX.replacingOccurrences(of: "\"not_affected\"", with: "\"fine\""), "bad.json")
        let malformed = try CLI.run(["image", "--input", image, "--db", database, "--vex", bad])
        #expect(malformed.status == 2)
        #expect(
            malformed.stderr.contains("--vex \(bad): at statements[0].status: unknown status 'fine'"))
        #expect(malformed.output.isEmpty, "no report is written")
    }
}

@Suite("Triage decisions out as OpenVEX (--format openvex)")
struct OpenVEXOutputTests {
    @Test("round trip: the OpenVEX a scan writes, fed back with --vex, gives the same decisions; it is schema-valid")
    func roundTrip() throws {
        let database = try VEXScanTests.database.get()
        let folder = try PackagePaths.temporaryDirectory("vex-out")
        let cdx = try VEXScanTests.write(
            """
            {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "vulnerabilities": [
              {"id": "CVE-2023-45853", "analysis": {"state": "not_affected", "justification": "requires_environment"},
               "affects": [{"ref": "pkg:deb/debian/zlib1g"}]},
              {"id": "CVE-2022-3715", "analysis": {"state": "exploitable", "response": ["update"]},
               "affects": [{"ref": "pkg:deb/debian/bash"}]}]}
            """, "in.cdx.json")
        var written: [[UInt8]] = []
        for image in [
            try VEXScanTests.ociImage(),
            try ImageFixtures.dockerArchive(
                layers: [DebianScenario.layer], repoTags: ["example.com/debian-app:1.0"]
            ).path,
        ] {
            let input = ["--vex", try VEXScanTests.openVEXPath(), "--vex", cdx]
            let (first, firstReport) = try CLI.scanJSON(image, database: database, extra: input)
            #expect(first.status == 0, "\(first.stderr)")
            let out = folder.appendingPathComponent("out.openvex.json").path
            let run = try CLI.run(
                ["image", "--input", image, "--db", database, "--format", "openvex", "--output", out] + input)
            #expect(run.status == 0, "\(run.stderr)")
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: out)))
            written.append(bytes)
            let document = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] ?? [:]
            let statements = document["statements"] as? [[String: Any]] ?? []
            #expect(statements.count == 4, "libssl3, openssl, zlib1g set aside; bash affected")
            let (again, againReport) = try CLI.scanJSON(image, database: database, extra: ["--vex", out])
            #expect(again.status == 0, "\(again.stderr)")
            #expect(CLI.findingRows(againReport) == CLI.findingRows(firstReport))
            let summary = { (report: [String: Any]) in
                VEXScanTests.modified(report).map {
                    "\(($0["Finding"] as? [String: Any])?["PkgName"] ?? "") \($0["Status"] ?? "")"
                }.sorted()
            }
            #expect(summary(againReport) == summary(firstReport))
            #expect(summary(firstReport) == ["libssl3 not_affected", "openssl not_affected", "zlib1g not_affected"])
            // CycloneDX's justification went out in OpenVEX's words.
            let zlib = VEXScanTests.modified(againReport).first {
                ($0["Finding"] as? [String: Any])?["PkgName"] as? String == "zlib1g"
            }
            #expect(zlib?["Statement"] as? String == "vulnerable_code_cannot_be_controlled_by_adversary")
            // bash stays reported, with the affected statement carried through.
            let bash = (againReport["Results"] as? [[String: Any]])?.first.flatMap {
                ($0["Vulnerabilities"] as? [[String: Any]])?.first { $0["PkgName"] as? String == "bash" }
            }
            let bashVEX = (bash?["Decision"] as? [String: Any])?["VEX"] as? [String: Any]
            #expect(bashVEX?["Status"] as? String == "affected")
        }
        #expect(try OpenVEXSchema.errors(in: written) == [[], []])
    }
}
