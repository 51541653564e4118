import DrydockTestSupport
import Foundation
import Testing

/// Issue 6's done-when: matching against the real Go, RustSec and PyPA advisories
/// (`../shared/advisories/osv/{Go,crates.io,PyPI}`), checked by `scripts/oracles/osv_language_expected.py`
/// (OSV's range rules with `packaging.version` and its own SemVer comparison; no Drydock code).
///
/// The oracle draws a seeded sample of advisory packages with versions at, just around and outside the
/// range events; the test declares them in project files (`drydock fs`) and as installed metadata in an
/// image (`drydock image`), scans with a DB built from the real records, and compares every finding.
@Suite("Go, crates.io and PyPI matching against an independent OSV oracle", .enabled(if: LanguageOracleGate.ready))
struct LanguageOracleTests {
    /// The sample's seed and size; `DRYDOCK_LANG_ORACLE_SEED` and `DRYDOCK_LANG_ORACLE_SAMPLE` override them.
    static let seed = setting("DRYDOCK_LANG_ORACLE_SEED") ?? 20_261_123
    static let packagesPerEcosystem = setting("DRYDOCK_LANG_ORACLE_SAMPLE") ?? 150

    static func setting(_ name: String) -> Int? {
        ProcessInfo.processInfo.environment[name].flatMap { Int($0) }
    }
    static let ecosystems = ["Go", "crates.io", "PyPI"]

    static var osv: URL {
        (PackagePaths.shared ?? PackagePaths.root).appendingPathComponent("advisories/osv")
    }

    static let database: Result<String, any Error> = Result {
        try CLI.buildDatabase(ecosystems.map { osv.appendingPathComponent($0).path })
    }

    static let inventory: Result<LangOracleInventory, any Error> = Result {
        let output = try oracle(["--sample", "\(seed)", "\(packagesPerEcosystem)", osv.path])
        return try LangOracleInventory(json: Data(output.utf8))
    }

    /// Runs the oracle; fails the test (never skips) when Python or packaging is missing.
    static func oracle(_ arguments: [String], input: Data? = nil) throws -> String {
        let script = PackagePaths.root.appendingPathComponent("scripts/oracles/osv_language_expected.py").path
        guard let python = ProcessRunner.which("python3") else {
            throw CLI.ProcessFailure(description: "python3 is not installed; run scripts/install-test-deps")
        }
        let result = try ProcessRunner.run(python, [script] + arguments, input: input)
        guard result.status == 0 else {
            throw CLI.ProcessFailure(
                description: "oracle failed (install packaging: scripts/install-test-deps): \(result.stderr)")
        }
        return result.output
    }

    /// The report's findings as the oracle prints them: `ECOSYSTEM NAME VERSION ID OTHER_IDS FIXED`.
    static func findings(_ report: [String: Any]) -> Set<String> {
        var lines = Set<String>()
        for result in report["Results"] as? [[String: Any]] ?? [] {
            guard let ecosystem = ecosystem(ofType: result["Type"] as? String) else { continue }
            for vulnerability in result["Vulnerabilities"] as? [[String: Any]] ?? [] {
                let field = { (key: String) in vulnerability[key] as? String ?? "" }
                let others = (vulnerability["VendorIDs"] as? [String] ?? []).sorted().joined(separator: ",")
                let fixed = field("FixedVersion").replacingOccurrences(of: ", ", with: ",")
                lines.insert(
                    [
                        ecosystem, field("PkgName"), field("InstalledVersion"), field("VulnerabilityID"),
                        others.isEmpty ? "-" : others, fixed.isEmpty ? "-" : fixed,
                    ].joined(separator: " "))
            }
        }
        return lines
    }

    /// The report's packages: `ECOSYSTEM NAME VERSION`.
    static func packages(_ report: [String: Any]) -> Set<String> {
        var lines = Set<String>()
        for result in report["Results"] as? [[String: Any]] ?? [] {
            guard let ecosystem = ecosystem(ofType: result["Type"] as? String) else { continue }
            // The project itself (a go.mod's module, without a version) is no dependency the oracle knows.
            for package in result["Packages"] as? [[String: Any]] ?? []
            where package["Relationship"] as? String != "root" {
                lines.insert("\(ecosystem) \(package["Name"] as? String ?? "") \(package["Version"] as? String ?? "")")
            }
        }
        return lines
    }

    static func ecosystem(ofType type: String?) -> String? {
        switch type {
        case "gomod": "Go"
        case "cargo": "crates.io"
        case "pip", "python-pkg": "PyPI"
        default: nil
        }
    }

    /// Compares Drydock's report with the oracle, printing every disagreement.
    func compare(_ report: [String: Any], label: String) throws {
        let inventory = try Self.inventory.get()
        let expected = Set(
            try Self.oracle([Self.osv.path], input: try inventory.json()).split(separator: "\n").map(String.init))
        let actual = Self.findings(report)
        for line in expected.subtracting(actual).sorted() { print("\(label): only the oracle finds: \(line)") }
        for line in actual.subtracting(expected).sorted() { print("\(label): only Drydock finds: \(line)") }
        let declared = Set(inventory.items.map { "\($0.ecosystem) \($0.name) \($0.version)" })
        let listed = Self.packages(report)
        for line in declared.subtracting(listed).sorted() { print("\(label): not inventoried: \(line)") }
        #expect(expected.count > 500, "the sample should hit many advisories")
        for ecosystem in Self.ecosystems {
            #expect(expected.contains { $0.hasPrefix(ecosystem + " ") }, "no \(ecosystem) finding expected")
        }
        #expect(listed == declared)
        #expect(
            actual == expected,
            "\(label): \(expected.subtracting(actual).count) missed, \(actual.subtracting(expected).count) extra")
    }

    /// Hand-made records for each rule the oracle implements: alias merging, withdrawn records, `last_affected`,
    /// two ranges, a listed version spelled otherwise, PEP 503 names, Go's `v` and `+incompatible`.
    static let handMade: [String: String] = [
        "PyPI/PYSEC-2099-1.json": """
        {"id": "PYSEC-2099-1", "aliases": ["CVE-2099-0001"], "modified": "2099-01-01T00:00:00Z", "affected": [
         {"package": {"ecosystem": "PyPI", "name": "demo-pkg"}, "versions": ["0.9.0"],
          "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "1.0"}, {"fixed": "1.5"}]}]}]}
        """,
        "PyPI/PYSEC-2099-2.json": """
        {"id": "PYSEC-2099-2", "aliases": ["CVE-2099-0001", "GHSA-aaaa-bbbb-cccc"], "modified": "2099-01-01T00:00:00Z",
         "affected": [{"package": {"ecosystem": "PyPI", "name": "Demo.Pkg"},
          "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.4"}]}]}]}
        """,
        "PyPI/PYSEC-2099-3.json": """
        {"id": "PYSEC-2099-3", "withdrawn": "2099-02-01T00:00:00Z", "modified": "2099-02-01T00:00:00Z",
         "affected": [{"package": {"ecosystem": "PyPI", "name": "demo-pkg"},
          "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}]}]}
        """,
        "Go/GO-2099-0001.json": """
        {"id": "GO-2099-0001", "modified": "2099-01-01T00:00:00Z", "affected": [
         {"package": {"ecosystem": "Go", "name": "example.com/mod"},
          "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"last_affected": "1.2.0"}]}]},
         {"package": {"ecosystem": "Go", "name": "example.com/mod"},
          "ranges": [{"type": "SEMVER", "events": [{"introduced": "2.0.0+incompatible"}, {"fixed": "2.1.0"}]}]}]}
        """,
        "crates.io/RUSTSEC-2099-0001.json": """
        {"id": "RUSTSEC-2099-0001", "modified": "2099-01-01T00:00:00Z", "affected": [
         {"package": {"ecosystem": "crates.io", "name": "democrate"}, "ranges": [{"type": "SEMVER",
          "events": [{"introduced": "0.5.0"}, {"fixed": "0.6.0"}, {"introduced": "1.0.0-alpha.1"}, {"fixed": "1.0.3"}]}]}]}
        """,
    ]

    /// What the hand-made records give, worked out by hand.
    static let handMadeExpected = [
        "Go example.com/mod v1.2.0 GO-2099-0001 - -",
        "Go example.com/mod v2.0.5+incompatible GO-2099-0001 - 2.1.0",
        "PyPI DEMO_PKG 0.9 CVE-2099-0001 GHSA-aaaa-bbbb-cccc,PYSEC-2099-1,PYSEC-2099-2 1.4",
        "PyPI demo.pkg 1.4.0 CVE-2099-0001 PYSEC-2099-1 1.5",
        "crates.io democrate 0.5.9 RUSTSEC-2099-0001 - 0.6.0",
        "crates.io democrate 1.0.0-beta RUSTSEC-2099-0001 - 1.0.3",
    ]

    @Test("the oracle and Drydock both give the hand-worked answers on hand-made records")
    func handMadeRecords() throws {
        let osv = try LangOracleInventory.write(Self.handMade)
        let inventory = LangOracleInventory(
            items: [
                .init(ecosystem: "Go", name: "example.com/mod", version: "v1.2.0"),
                .init(ecosystem: "Go", name: "example.com/mod", version: "v1.2.1"),
                .init(ecosystem: "Go", name: "example.com/mod", version: "v2.0.5+incompatible"),
                .init(ecosystem: "PyPI", name: "DEMO_PKG", version: "0.9"),
                .init(ecosystem: "PyPI", name: "demo.pkg", version: "1.4.0"),
                .init(ecosystem: "PyPI", name: "demo-pkg", version: "1.5"),
                .init(ecosystem: "crates.io", name: "democrate", version: "0.5.9"),
                .init(ecosystem: "crates.io", name: "democrate", version: "0.6.0"),
                .init(ecosystem: "crates.io", name: "democrate", version: "1.0.0-beta"),
            ])
        let oracle = try Self.oracle([osv.path], input: try inventory.json()).split(separator: "\n").map(String.init)
        #expect(oracle == Self.handMadeExpected)
        let database = try CLI.buildDatabase(Self.ecosystems.map { osv.appendingPathComponent($0).path })
        let folder = try LangOracleInventory.write(inventory.projectFiles())
        let result = try CLI.run(["fs", folder.path, "--db", database, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = (try? JSONSerialization.jsonObject(with: result.stdout)) as? [String: Any] ?? [:]
        #expect(Self.findings(report).sorted() == Self.handMadeExpected)
    }

    @Test("fs: go.mod, Cargo.lock and requirements.txt match exactly as the oracle says")
    func project() throws {
        let folder = try LangOracleInventory.write(try Self.inventory.get().projectFiles())
        let result = try CLI.run(
            ["fs", folder.path, "--db", try Self.database.get(), "--format", "json", "--list-all-pkgs"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = (try? JSONSerialization.jsonObject(with: result.stdout)) as? [String: Any] ?? [:]
        try compare(report, label: "fs")
    }

    @Test("image: installed wheels, go.mod and Cargo.lock match exactly as the oracle says")
    func image() throws {
        let files = try Self.inventory.get().imageFiles()
        let image = try ImageFixtures.dockerArchive(layers: [files.mapValues { FileSpec.file($0) }])
        let (result, report) = try CLI.scanJSON(
            image.path, database: try Self.database.get(), extra: ["--list-all-pkgs"])
        #expect(result.status == 0, "\(result.stderr)")
        try compare(report, label: "image")
    }
}

/// Whether the language oracle suite can run.
enum LanguageOracleGate {
    /// `../shared` is present, and Python with `packaging` is installed (or `CI` is set: then a missing
    /// Python fails the test instead of skipping it).
    static var ready: Bool {
        guard PackagePaths.hasShared else { return false }
        if ProcessInfo.processInfo.environment["CI"] != nil { return true }
        guard let python = ProcessRunner.which("python3"),
            let result = try? ProcessRunner.run(python, ["-c", "import packaging.version"]), result.status == 0
        else {
            print("language oracle skipped: python3 with packaging is missing (run scripts/install-test-deps)")
            return false
        }
        return true
    }
}
