import DrydockTestSupport
import Foundation
import Testing

/// Every report format from real scans: the image fixtures in `../shared/fixtures/images` against a DB built
/// from `../shared/advisories` (Alpine secdb and the PyPA advisories), and `convert` on the saved reports.
@Suite("Report formats on the image fixtures", .enabled(if: PackagePaths.hasShared))
struct ReportFormatScanTests {
    static let fixtures = ["alpine-310.tar.gz", "alpine-311.tar.gz", "alpine-310-python-app.tar.gz"]

    func image(_ fixture: String) -> String {
        (PackagePaths.shared ?? PackagePaths.root).appendingPathComponent("fixtures/images/\(fixture)").path
    }

    func scan(_ fixture: String, _ arguments: [String]) throws -> ProcessRunner.Result {
        try CLI.run(["image", "--input", image(fixture), "--db", try CLI.imageFixtureDatabase.get()] + arguments)
    }

    @Test("SARIF of every fixture is valid against the official SARIF 2.1.0 schema", arguments: fixtures)
    func sarif(fixture: String) throws {
        let directory = try PackagePaths.temporaryDirectory("sarif")
        let output = directory.appendingPathComponent("\(fixture).sarif").path
        let result = try scan(fixture, ["--format", "sarif", "--output", output])
        #expect(result.status == 0, "\(result.stderr)")
        let shared = try #require(PackagePaths.shared)
        let schema = shared.appendingPathComponent("schemas/sarif-schema-2.1.0.json").path
        let script = PackagePaths.root.appendingPathComponent("scripts/report-checks/validate_json_schema.py").path
        let python = try #require(ProcessRunner.which("python3"))
        let validation = try ProcessRunner.run(python, [script, schema, output], timeout: 120)
        #expect(validation.status == 0, "\(validation.output)\(validation.stderr)")
        let document =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as? [String: Any]
        let run = (document?["runs"] as? [[String: Any]])?.first
        let details = run?["automationDetails"] as? [String: Any]
        #expect((details?["id"] as? String)?.hasPrefix("drydock/") == true)
        if fixture == "alpine-310-python-app.tar.gz" {
            let results = run?["results"] as? [[String: Any]] ?? []
            #expect(!results.isEmpty, "the python app has real PyPA findings")
            let uri =
                ((results.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"]
                as? [String: Any]).flatMap { ($0["artifactLocation"] as? [String: Any])?["uri"] as? String }
            #expect(uri?.contains("usr/lib/python3.7/site-packages/") == true, "\(uri ?? "no location")")
        }
    }

    @Test("convert: a saved JSON report re-renders to the same bytes, and to every other format", arguments: fixtures)
    func convert(fixture: String) throws {
        let directory = try PackagePaths.temporaryDirectory("convert")
        let saved = directory.appendingPathComponent("report.json").path
        let scan = try scan(fixture, ["--format", "json", "--list-all-pkgs", "--output", saved])
        #expect(scan.status == 0, "\(scan.stderr)")
        let again = try CLI.run(["convert", saved, "--format", "json", "--list-all-pkgs"])
        #expect(again.status == 0, "\(again.stderr)")
        let original = try String(contentsOfFile: saved, encoding: .utf8)
        let difference = zip(original.split(separator: "\n"), again.output.split(separator: "\n")).first { $0 != $1 }
        #expect(
            again.output == original,
            "convert --format json is lossless; first difference: \(String(describing: difference))")
        for format in ["table", "sarif", "junit", "gitlab", "html"] {
            let converted = try CLI.run(["convert", saved, "--format", format])
            #expect(converted.status == 0, "\(format): \(converted.stderr)")
            #expect(!converted.stdout.isEmpty)
        }
        let template = try CLI.run([
            "convert", saved, "--format", "template", "--template",
            "@" + PackagePaths.root.appendingPathComponent("contrib/gitlab.mustache").path,
        ])
        #expect(template.status == 0, "\(template.stderr)")
        #expect((try? JSONSerialization.jsonObject(with: template.stdout)) != nil, "contrib/gitlab.mustache: JSON")
    }

    @Test("the table fits 80 columns in a CI log, and COLUMNS widens it")
    func tableWidth() throws {
        let result = try scan("alpine-310-python-app.tar.gz", ["--format", "table"])
        #expect(result.status == 0, "\(result.stderr)")
        for line in result.output.split(separator: "\n") where line.hasPrefix("│") || line.hasPrefix("├") {
            #expect(line.count <= 80, "\(line)")
        }
        #expect(!result.output.contains("\u{1B}["), "no colour when not a terminal")
    }
}

@Suite("convert: errors")
struct ConvertErrorTests {
    @Test("a missing file or a file that is not a report ends with exit code 3 and names it")
    func errors() throws {
        let missing = try CLI.run(["convert", "/nonexistent/report.json", "--format", "sarif"])
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("/nonexistent/report.json"))
        let directory = try PackagePaths.temporaryDirectory("convert-bad")
        let bad = directory.appendingPathComponent("bad.json")
        try Data("{\"SchemaVersion\": 1}".utf8).write(to: bad)
        let result = try CLI.run(["convert", bad.path, "--format", "table"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("SchemaVersion 1 is not supported"))
        let usage = try CLI.run(["convert", bad.path, "--format", "template"])
        #expect(usage.status == 2, "--format template needs --template")
    }
}
