import DrydockTestSupport
import Foundation
import Testing

@Suite("Scanning a Debian image end to end")
struct DebianScanTests {
    let image: URL
    let database: String

    init() throws {
        image = try ImageFixtures.dockerArchive(layers: [DebianScenario.layer], repoTags: ["example/debian:12"])
        database = try CLI.buildDatabase([try DebianScenario.writeAdvisories().path])
    }

    @Test("findings match the hand-worked expectations: source names, source versions, epochs, releases")
    func findings() throws {
        let (result, report) = try CLI.scanJSON(image.path, database: database)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(CLI.findingRows(report) == DebianScenario.expected)
        let metadata = report["Metadata"] as? [String: Any]
        #expect((metadata?["OS"] as? [String: Any])?["Family"] as? String == "debian")
        #expect((metadata?["OS"] as? [String: Any])?["Name"] as? String == "12.5")
        let results = report["Results"] as? [[String: Any]]
        #expect(results?.first?["Target"] as? String == "\(image.path) (debian 12.5)")
        #expect(results?.first?["Class"] as? String == "os-pkgs")
        #expect(results?.first?["Type"] as? String == "debian")
    }

    @Test("the hand-worked version orders agree with dpkg --compare-versions")
    func oracleAgrees() throws {
        let pairs: [(String, String, String)] = [
            ("3.0.11-1~deb12u1", "lt", "3.0.11-1~deb12u2"), ("1:1.2.13.dfsg-1", "eq", "1:1.2.13.dfsg-1"),
            ("1:1.2.13.dfsg-1", "gt", "1.2.13.dfsg-2"), ("5.2.15-2", "lt", "5.2.15-3"),
        ]
        for (lhs, op, rhs) in pairs {
            let result = try ProcessRunner.run("/usr/bin/dpkg", ["--compare-versions", lhs, op, rhs])
            #expect(result.status == 0, "dpkg disagrees: \(lhs) \(op) \(rhs)")
        }
    }

    @Test("--severity and --ignore-unfixed filter what is reported")
    func filters() throws {
        let (_, critical) = try CLI.scanJSON(image.path, database: database, extra: ["--severity", "CRITICAL"])
        #expect(CLI.findingRows(critical).map { $0[0] } == ["libssl3", "openssl"])
        let (_, fixedOnly) = try CLI.scanJSON(image.path, database: database, extra: ["--ignore-unfixed"])
        #expect(!CLI.findingRows(fixedOnly).contains { $0[0] == "zlib1g" })
        #expect(CLI.findingRows(fixedOnly).count == 3)
    }

    @Test("--exit-code fails the gate only when something is reported")
    func exitCode() throws {
        let (failing, _) = try CLI.scanJSON(image.path, database: database, extra: ["--exit-code", "13"])
        #expect(failing.status == 13)
        let (passing, _) = try CLI.scanJSON(
            image.path, database: database, extra: ["--exit-code", "13", "--severity", "LOW"])
        #expect(passing.status == 0)
    }

    @Test("two scans give byte-identical JSON apart from CreatedAt, the ReportID derived from it and the DB age")
    func deterministic() throws {
        let first = try CLI.run([
            "image", "--input", image.path, "--db", database, "--format", "json", "--list-all-pkgs",
        ])
        let second = try CLI.run([
            "image", "--input", image.path, "--db", database, "--format", "json", "--list-all-pkgs",
        ])
        let strip = { (data: Data) in
            String(decoding: data, as: UTF8.self).split(separator: "\n").filter {
                !$0.contains("\"CreatedAt\"") && !$0.contains("\"ReportID\"") && !$0.contains("\"AgeSeconds\"")
            }
        }
        #expect(strip(first.stdout) == strip(second.stdout))
        #expect(!strip(first.stdout).isEmpty)
    }

    @Test("--list-all-pkgs lists installed packages only, with Trivy's Debian version split")
    func packages() throws {
        let (_, report) = try CLI.scanJSON(image.path, database: database, extra: ["--list-all-pkgs"])
        let packages = ((report["Results"] as? [[String: Any]])?.first?["Packages"] as? [[String: Any]]) ?? []
        #expect(packages.compactMap { $0["Name"] as? String } == ["bash", "libssl3", "openssl", "zlib1g"])
        let zlib = packages.first { $0["Name"] as? String == "zlib1g" }
        #expect(zlib?["Version"] as? String == "1.2.13.dfsg")
        #expect(zlib?["Release"] as? String == "1")
        #expect(zlib?["Epoch"] as? Int == 1)
        #expect(zlib?["SrcName"] as? String == "zlib")
    }

    @Test("--output writes the report to a file and nothing to standard output")
    func outputFile() throws {
        let output = try PackagePaths.temporaryDirectory("out").appendingPathComponent("report.json")
        let result = try CLI.run([
            "image", "--input", image.path, "--db", database, "--format", "json", "--output", output.path,
        ])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        let written = try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: Any]
        #expect(written?["SchemaVersion"] as? Int == 2)
    }

    @Test("the table shows the target, totals and rows")
    func table() throws {
        let result = try CLI.run(["image", "--input", image.path, "--db", database])
        #expect(result.status == 0)
        #expect(result.output.contains("Total: 4 (UNKNOWN: 2, LOW: 0, MEDIUM: 0, HIGH: 0, CRITICAL: 2)"))
        #expect(result.output.contains("CVE-2023-5363"))
        #expect(!result.output.contains("\u{1B}["))
    }
}

@Suite("Layer attribution in reports")
struct LayerAttributionTests {
    @Test("each finding names the layer that introduced its package")
    func layers() throws {
        var base = DebianScenario.layer
        let withoutBash = DebianScenario.status.components(separatedBy: "\n\n").filter {
            !$0.hasPrefix("Package: bash")
        }
        base["var/lib/dpkg/status"] = .file(withoutBash.joined(separator: "\n\n"))
        let top: [String: FileSpec] = ["var/lib/dpkg/status": .file(DebianScenario.status)]
        let image = try ImageFixtures.dockerArchive(layers: [base, top], gzipLayers: true)
        let database = try CLI.buildDatabase([try DebianScenario.writeAdvisories().path])
        let (result, report) = try CLI.scanJSON(image.path, database: database)
        #expect(result.status == 0, "\(result.stderr)")
        let diffIDs = (report["Metadata"] as? [String: Any])?["DiffIDs"] as? [String] ?? []
        #expect(diffIDs.count == 2)
        let vulns = (report["Results"] as? [[String: Any]])?.first?["Vulnerabilities"] as? [[String: Any]] ?? []
        func layer(of package: String) -> String? {
            (vulns.first { $0["PkgName"] as? String == package }?["Layer"] as? [String: Any])?["DiffID"] as? String
        }
        #expect(layer(of: "bash") == diffIDs.last)
        #expect(layer(of: "openssl") == diffIDs.first)
    }
}
