import DrydockTestSupport
import Foundation
import Testing

/// `--scanners license` end to end: no vulnerability DB needed, Trivy's license results, the gate.
@Suite("License scanning end to end")
struct LicenseScanTests {
    static let packageLock = """
        {"name": "app", "version": "1.0.0", "lockfileVersion": 3, "requires": true,
         "packages": {
           "": {"name": "app", "version": "1.0.0"},
           "node_modules/lodash": {"version": "4.17.20", "license": "MIT"},
           "node_modules/gpl-thing": {"version": "1.0.0", "license": "GPL-2.0+"},
           "node_modules/dual": {"version": "2.0.0", "license": "(MIT OR Apache-2.0)"},
           "node_modules/agpl-thing": {"version": "3.0.0", "license": "AGPL-3.0-only"}
         }}
        """

    static func project() throws -> URL {
        let directory = try PackagePaths.temporaryDirectory("license-fs")
        try Data(packageLock.utf8).write(to: directory.appendingPathComponent("package-lock.json"))
        let notice =
            "Licensed under the Apache License, Version 2.0 (the \"License\"); you may not use this file "
            + "except in compliance with the License."
        try Data(notice.utf8).write(to: directory.appendingPathComponent("LICENSE"))
        return directory
    }

    static func results(_ output: Data) -> [[String: Any]] {
        let report = (try? JSONSerialization.jsonObject(with: output)) as? [String: Any] ?? [:]
        return report["Results"] as? [[String: Any]] ?? []
    }

    @Test func projectLicensesWithoutADatabase() throws {
        let directory = try Self.project()
        let run = try CLI.run([
            "fs", directory.path, "--scanners", "license", "--license-full", "--format", "json",
            "--db", "/nonexistent/drydock.db",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let results = Self.results(run.stdout)
        #expect(results.map { $0["Class"] as? String } == ["license", "license-file"])
        #expect(results.first?["Target"] as? String == "package-lock.json")
        #expect(results.first?["Type"] == nil)
        let licenses = results.first?["Licenses"] as? [[String: Any]] ?? []
        let rows = licenses.map { license in
            ["PkgName", "Name", "Category", "Severity", "FilePath"].map { license[$0] as? String ?? "" }
        }
        #expect(
            rows == [
                ["agpl-thing", "AGPL-3.0-only", "forbidden", "CRITICAL", "package-lock.json"],
                ["dual", "MIT OR Apache-2.0", "notice", "LOW", "package-lock.json"],
                ["gpl-thing", "GPL-2.0-or-later", "restricted", "HIGH", "package-lock.json"],
                ["lodash", "MIT", "notice", "LOW", "package-lock.json"],
            ])
        #expect(licenses.first?["Link"] as? String == "https://spdx.org/licenses/AGPL-3.0-only.html")
        let file = (results.last?["Licenses"] as? [[String: Any]])?.first
        #expect(file?["Name"] as? String == "Apache-2.0")
        #expect(file?["FilePath"] as? String == "LICENSE")
        #expect(file?["Confidence"] as? Double == 1)
        #expect(results.last?["Target"] as? String == "Loose File License(s)")
    }

    @Test func theGateFailsOnACategoryAndIgnoresNamedLicenses() throws {
        let directory = try Self.project()
        let base = ["fs", directory.path, "--scanners", "license", "--format", "json", "--exit-code", "7"]
        let failing = try CLI.run(base + ["--severity", "CRITICAL"])
        #expect(failing.status == 7, "\(failing.stderr)")
        let ignored = try CLI.run(base + ["--severity", "CRITICAL", "--ignored-licenses", "AGPL-3.0"])
        #expect(ignored.status == 0, "\(ignored.stderr)")
        // As Trivy: the ignored license is listed among the modified findings, `--ignored-licenses` its source.
        let modified = Self.results(ignored.stdout).flatMap {
            $0["ExperimentalModifiedFindings"] as? [[String: Any]] ?? []
        }
        #expect(modified.map { $0["Source"] as? String } == ["--ignored-licenses"])
        #expect(modified.map { $0["Type"] as? String } == ["license"])
        #expect(modified.map { ($0["Finding"] as? [String: Any])?["Name"] as? String } == ["AGPL-3.0-only"])
        // Moving MIT to the forbidden category makes it fail the gate; AGPL is then in no category, and
        // `MIT OR Apache-2.0` stays notice: the user may choose Apache-2.0.
        let custom = try CLI.run(base + ["--severity", "CRITICAL", "--license-forbidden", "MIT"])
        #expect(custom.status == 7)
        let names = Self.results(custom.stdout).flatMap { $0["Licenses"] as? [[String: Any]] ?? [] }
            .filter { $0["Category"] as? String == "forbidden" }.map { $0["PkgName"] as? String ?? "" }
        #expect(names == ["lodash"])
    }

    @Test func ignoredLicensesRepeatAndCoverExpressions() throws {
        let directory = try Self.project()
        let base = ["fs", directory.path, "--scanners", "license", "--format", "json", "--exit-code", "7"]
        let high = try CLI.run(
            base + [
                "--severity", "HIGH,CRITICAL", "--ignored-licenses", "AGPL-3.0", "--ignored-licenses", "GPL-2.0+",
            ])
        #expect(high.status == 0, "\(high.stderr)")
        func reported(_ ignored: String) throws -> [String] {
            let run = try CLI.run(base.dropLast(2) + ["--ignored-licenses", ignored])
            return Self.results(run.stdout).flatMap { $0["Licenses"] as? [[String: Any]] ?? [] }
                .compactMap { $0["PkgName"] as? String }
        }
        // `MIT OR Apache-2.0` is set aside only when both of its licenses are.
        #expect(try reported("MIT") == ["agpl-thing", "dual", "gpl-thing"])
        #expect(try reported("mit,apache-2.0") == ["agpl-thing", "gpl-thing"])
    }

    /// A policy file fails on a license category or on a license by its ID.
    @Test func policyRulesOnCategoriesAndIDs() throws {
        let directory = try Self.project()
        func run(_ rules: String) throws -> (status: Int32, failing: [String]) {
            let policy = directory.appendingPathComponent("policy-\(UUID().uuidString).yaml")
            try Data("apiVersion: drydock/v1\ndefaultAction: warn\nrules:\n\(rules)".utf8).write(to: policy)
            let result = try CLI.run([
                "fs", directory.path, "--scanners", "license", "--format", "json", "--policy", policy.path,
            ])
            let failing = Self.results(result.stdout).flatMap { $0["Licenses"] as? [[String: Any]] ?? [] }
                .filter { (($0["Decision"] as? [String: Any])?["Action"] as? String) == "fail" }
                .compactMap { $0["PkgName"] as? String }
            return (result.status, failing)
        }
        let copyleft = try run(
            "  - name: copyleft\n    action: fail\n    when: {kind: license, licenseCategory: [forbidden, restricted]}\n"
        )
        #expect(copyleft.status == 1)
        #expect(copyleft.failing.sorted() == ["agpl-thing", "gpl-thing"])
        let notice = try run("  - action: fail\n    when: {licenseCategory: notice}\n")
        #expect(notice.failing.sorted() == ["dual", "lodash"])
        let byID = try run("  - action: fail\n    when: {kind: license, id: \"GPL-*\"}\n")
        #expect(byID.failing == ["gpl-thing"])
        let none = try run("  - action: fail\n    when: {licenseCategory: unencumbered}\n")
        #expect(none.status == 0 && none.failing.isEmpty)
    }

    @Test func tableShowsLicenseResults() throws {
        let directory = try Self.project()
        let run = try CLI.run(["fs", directory.path, "--scanners", "license"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.output.contains("package-lock.json (license)"))
        #expect(run.output.contains("Total: 4 (UNKNOWN: 0, LOW: 2, MEDIUM: 0, HIGH: 1, CRITICAL: 1)"))
        #expect(run.output.contains("│ gpl-thing  │ GPL-2.0-or-later  │ restricted     │ HIGH     │"))
        #expect(run.output.contains("│ dual       │ MIT OR Apache-2.0 │ notice         │ LOW      │"))
        #expect(!run.output.contains("Operating system: not detected"))
    }

    @Test func unknownScannerIsAUsageError() throws {
        let run = try CLI.run(["fs", "/tmp", "--scanners", "vuln,licence"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("licence"))
    }
}
