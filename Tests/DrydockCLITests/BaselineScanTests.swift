import DrydockTestSupport
import Foundation
import Testing

/// `--baseline` end to end: the Debian scenario scanned, then rebuilt with openssl bumped (still vulnerable),
/// bash fixed and a new vulnerable package, then scanned again against the first report, and again against
/// the second.
@Suite("Baselines across scans (--baseline)")
struct BaselineScanTests {
    /// The scenario's advisories plus one for `newtool`, which only the second image has.
    static let database: Result<String, any Error> = Result {
        let directory = try DebianScenario.writeAdvisories()
        let record = DebianScenario.osv(
            id: "DEBIAN-CVE-2024-7777", aliases: ["CVE-2024-7777"], package: "newtool", events: [["introduced": "0"]])
        try JSONSerialization.data(withJSONObject: record).write(to: directory.appendingPathComponent("new.json"))
        return try CLI.buildDatabase([directory.path])
    }

    /// The second build: openssl and libssl3 at 3.0.11-1~deb12u1.1 (below the fix), bash at 5.2.15-3 (the
    /// fix), and `newtool`.
    static var rebuiltLayer: [String: FileSpec] {
        var layer = DebianScenario.layer
        let status =
            DebianScenario.status
            .replacingOccurrences(of: "Version: 3.0.11-1~deb12u1\n", with: "Version: 3.0.11-1~deb12u1.1\n")
            .replacingOccurrences(of: "Source: bash (5.2.15-2)\nVersion: 5.2.15-2+b2", with: "Version: 5.2.15-3")
            + "\nPackage: newtool\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.0-1\n\n"
        layer["var/lib/dpkg/status"] = .file(status)
        return layer
    }

    static func scan(_ image: String, baseline: String?, output: String, format: String = "json") throws
        -> ProcessRunner.Result
    {
        var arguments = ["image", "--input", image, "--db", try database.get(), "--format", format, "--output", output]
        if let baseline { arguments += ["--baseline", baseline] }
        return try CLI.run(arguments)
    }

    static func read(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any] ?? [:]
    }

    /// A vulnerability's `Decision.Baseline` member `key` (`Status`, `FirstSeen`).
    static func baseline(_ vulnerability: [String: Any]?, _ key: String) -> String? {
        ((vulnerability?["Decision"] as? [String: Any])?["Baseline"] as? [String: Any])?[key] as? String
    }

    /// `PkgName/VulnerabilityID` → the vulnerability object.
    static func vulnerabilities(_ report: [String: Any]) -> [String: [String: Any]] {
        var found: [String: [String: Any]] = [:]
        for result in report["Results"] as? [[String: Any]] ?? [] {
            for vulnerability in result["Vulnerabilities"] as? [[String: Any]] ?? [] {
                let key =
                    "\(vulnerability["PkgName"] as? String ?? "")/\(vulnerability["VulnerabilityID"] as? String ?? "")"
                found[key] = vulnerability
            }
        }
        return found
    }

    @Test("new, existing (across a version bump) and fixed; first-seen dates carried through two baselines")
    func threeScans() throws {
        let first = try ImageFixtures.dockerArchive(layers: [DebianScenario.layer], repoTags: ["app:1"]).path
        let second = try ImageFixtures.dockerArchive(layers: [Self.rebuiltLayer], repoTags: ["app:2"]).path
        let folder = try PackagePaths.temporaryDirectory("baseline")
        let report1 = folder.appendingPathComponent("scan1.json").path
        let report2 = folder.appendingPathComponent("scan2.json").path
        let report3 = folder.appendingPathComponent("scan3.json").path

        let run1 = try Self.scan(first, baseline: nil, output: report1)
        #expect(run1.status == 0, "\(run1.stderr)")
        let one = try Self.read(report1)
        let created1 = try #require(one["CreatedAt"] as? String)
        // Without a baseline no finding records a state: read back, every finding dates from the report's time.
        #expect(Self.vulnerabilities(one).count == 4)
        #expect(Self.vulnerabilities(one).values.allSatisfy { Self.baseline($0, "Status") == nil })
        let firstSeen1 = String(created1.prefix(19)) + "Z"

        Thread.sleep(forTimeInterval: 1.1)
        let run2 = try Self.scan(second, baseline: report1, output: report2)
        #expect(run2.status == 0, "\(run2.stderr)")
        let two = try Self.read(report2)
        let found = Self.vulnerabilities(two)
        #expect(
            found.mapValues { Self.baseline($0, "Status") } == [
                "libssl3/CVE-2023-5363": "existing", "openssl/CVE-2023-5363": "existing",
                "zlib1g/CVE-2023-45853": "existing", "newtool/CVE-2024-7777": "new",
            ])
        #expect(found["libssl3/CVE-2023-5363"]?["InstalledVersion"] as? String == "3.0.11-1~deb12u1.1")
        #expect(Self.baseline(found["libssl3/CVE-2023-5363"], "FirstSeen") == firstSeen1)
        let firstSeenNew = try #require(Self.baseline(found["newtool/CVE-2024-7777"], "FirstSeen"))
        #expect(firstSeenNew > firstSeen1)
        let baseline = try #require((two["Drydock"] as? [String: Any])?["Baseline"] as? [String: Any])
        #expect(baseline["Path"] as? String == report1)
        #expect(baseline["New"] as? Int == 1)
        #expect(baseline["Existing"] as? Int == 3)
        #expect(baseline["Fixed"] as? Int == 1)
        let fixed = try #require((baseline["FixedFindings"] as? [[String: Any]])?.first)
        #expect(fixed["Type"] as? String == "vulnerability")
        #expect(fixed["ID"] as? String == "CVE-2022-3715")
        #expect(fixed["PkgName"] as? String == "bash")
        #expect(fixed["InstalledVersion"] as? String == "5.2.15-2+b2")
        #expect(fixed["FirstSeen"] as? String == firstSeen1)

        // Against the second report: the first scan's date is carried again; the new finding keeps its own.
        let run3 = try Self.scan(second, baseline: report2, output: report3)
        #expect(run3.status == 0, "\(run3.stderr)")
        let three = Self.vulnerabilities(try Self.read(report3))
        #expect(three.values.allSatisfy { Self.baseline($0, "Status") == "existing" })
        #expect(Self.baseline(three["openssl/CVE-2023-5363"], "FirstSeen") == firstSeen1)
        #expect(Self.baseline(three["newtool/CVE-2024-7777"], "FirstSeen") == firstSeenNew)

        // The table lists the fixed finding and the counts.
        let table = folder.appendingPathComponent("scan2.txt").path
        #expect(try Self.scan(second, baseline: report1, output: table, format: "table").status == 0)
        let text = try String(contentsOfFile: table, encoding: .utf8)
        // Prose is wrapped to 80 columns, long paths at their hyphens too: compare without any white space.
        func squeezed(_ text: String) -> String { text.filter { !$0.isWhitespace } }
        let prose = squeezed(text)
        #expect(
            prose.contains(squeezed("Compared with \(report1) (\(firstSeen1)): 1 new, 3 existing, 1 fixed")), "\(text)")
        #expect(prose.contains(squeezed("Fixed since the baseline in ")), "\(text)")
        #expect(text.contains("│ bash    │ CVE-2022-3715 │ UNKNOWN  │ 5.2.15-2+b2      │ \(firstSeen1.prefix(10)) │"))
        #expect(text.contains("CVE-2022-3715"))
        #expect(text.contains("5.2.15-2+b2"))
    }

    /// A Trivy report (no `FirstSeen`; Trivy's field set) of the first image, made `daysAgo` days ago.
    static func trivyReport(daysAgo: Int) -> String {
        let created = Date(timeIntervalSinceNow: -Double(daysAgo) * 86_400)
        let formatter = ISO8601DateFormatter()
        return """
            {"SchemaVersion": 2, "CreatedAt": "\(formatter.string(from: created))", "ArtifactName": "app:1",
             "ArtifactType": "container_image", "Metadata": {"OS": {"Family": "debian", "Name": "12.5"}},
             "Results": [{"Target": "app:1 (debian 12.5)", "Class": "os-pkgs", "Type": "debian",
               "Vulnerabilities": [
                 {"VulnerabilityID": "CVE-2023-5363", "PkgID": "libssl3@3.0.11-1~deb12u1", "PkgName": "libssl3",
                  "PkgIdentifier": {"PURL": "pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64&distro=debian-12.5"},
                  "InstalledVersion": "3.0.11-1~deb12u1", "FixedVersion": "3.0.11-1~deb12u2", "Status": "fixed",
                  "Severity": "CRITICAL"},
                 {"VulnerabilityID": "CVE-2023-45853", "PkgName": "zlib1g", "InstalledVersion": "1:1.2.13.dfsg-1",
                  "Status": "affected", "Severity": "CRITICAL"}],
               "ExperimentalModifiedFindings": [{"Type": "vulnerability", "Status": "not_affected",
                  "Statement": "vulnerable_code_not_in_execute_path", "Source": "vex.json",
                  "Finding": {"VulnerabilityID": "CVE-2023-5363", "PkgName": "openssl",
                   "InstalledVersion": "3.0.11-1~deb12u1", "Severity": "CRITICAL"}}]}]}
            """
    }

    @Test("a Trivy report as baseline: its CreatedAt dates the existing findings (the fact SLA rules use)")
    func trivyBaseline() throws {
        let folder = try PackagePaths.temporaryDirectory("trivy-baseline")
        let trivy = folder.appendingPathComponent("trivy.json")
        try Data(Self.trivyReport(daysAgo: 10).utf8).write(to: trivy)
        let trivyCreated = try #require(Self.read(trivy.path)["CreatedAt"] as? String)
        let second = try ImageFixtures.dockerArchive(layers: [Self.rebuiltLayer], repoTags: ["app:2"]).path
        let output = folder.appendingPathComponent("now.json").path
        let run = try Self.scan(second, baseline: trivy.path, output: output)
        #expect(run.status == 0, "\(run.stderr)")
        let found = Self.vulnerabilities(try Self.read(output))
        // Paired without a purl (zlib1g) and from the set-aside list (openssl).
        for key in ["libssl3/CVE-2023-5363", "openssl/CVE-2023-5363", "zlib1g/CVE-2023-45853"] {
            #expect(Self.baseline(found[key], "Status") == "existing", "\(key)")
            #expect(Self.baseline(found[key], "FirstSeen") == trivyCreated, "\(key)")
        }
        #expect(found["bash/CVE-2022-3715"] == nil)
        #expect(Self.baseline(found["newtool/CVE-2024-7777"], "Status") == "new")
    }

    /// The SLA policy of `docs/baselines.md`: CRITICAL open more than 7 days fails, a new CRITICAL fails, and
    /// everything else warns.
    static let slaPolicy = """
        apiVersion: drydock/v1
        defaultAction: warn
        rules:
          - name: critical-sla
            description: CRITICAL open more than 7 days
            action: fail
            when: {severity: CRITICAL, openDays: "> 7"}
          - name: new-critical
            description: a new CRITICAL
            action: fail
            when: {severity: CRITICAL, baseline: new}
        """

    @Test("SLA rules: findings open longer than the policy allows fail, with the rule and open days in the evidence")
    func slaBreach() throws {
        let folder = try PackagePaths.temporaryDirectory("baseline-sla")
        let policy = folder.appendingPathComponent("sla.yaml")
        try Data(Self.slaPolicy.utf8).write(to: policy)
        let second = try ImageFixtures.dockerArchive(layers: [Self.rebuiltLayer], repoTags: ["app:2"]).path
        for (days, expected) in [(10, Int32(1)), (3, Int32(0))] {
            let trivy = folder.appendingPathComponent("trivy-\(days).json")
            try Data(Self.trivyReport(daysAgo: days).utf8).write(to: trivy)
            let evidence = folder.appendingPathComponent("evidence-\(days).jsonl").path
            let run = try CLI.run([
                "image", "--input", second, "--db", try Self.database.get(), "--baseline", trivy.path, "--policy",
                policy.path, "--evidence", evidence,
            ])
            #expect(run.status == expected, "\(days) days: \(run.stderr)")
            let lines = try String(contentsOfFile: evidence, encoding: .utf8).split(separator: "\n").compactMap {
                try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
            let libssl = try #require(lines.first { "\($0)".contains("libssl3") && "\($0)".contains("CVE-2023-5363") })
            let text = String(decoding: try JSONSerialization.data(withJSONObject: libssl), as: UTF8.self)
            #expect(text.contains("\"openDays\":\(days)"), "\(text)")
            #expect(text.contains("\"baseline\":\"existing\""), "\(text)")
            if days == 10 {
                #expect(text.contains("critical-sla"), "\(text)")
                #expect(run.output.contains("critical-sla"), "the verdict names the SLA rule")
            } else {
                #expect(!text.contains("critical-sla"), "\(text)")
            }
        }
    }

    @Test("bad --baseline input: missing, not JSON, another schema — usage errors naming the file")
    func badInput() throws {
        let image = try ImageFixtures.dockerArchive(layers: [DebianScenario.layer], repoTags: ["app:1"]).path
        let folder = try PackagePaths.temporaryDirectory("bad-baseline")
        let missing = try Self.scan(image, baseline: "/nonexistent/old.json", output: folder.path + "/a.json")
        #expect(missing.status == 2)
        #expect(
            missing.stderr.contains("baseline report (--baseline) not found: /nonexistent/old.json"),
            "\(missing.stderr)")
        for (text, message) in [
            ("{not json", "not JSON"), (#"{"SchemaVersion": 1}"#, "SchemaVersion 1 is not supported"),
            (#"{"SchemaVersion": 2, "Results": [{"Class": "os-pkgs"}]}"#, "Results[0] has no Target"),
        ] {
            let file = folder.appendingPathComponent("old.json")
            try Data(text.utf8).write(to: file)
            let result = try Self.scan(image, baseline: file.path, output: folder.path + "/b.json")
            #expect(result.status == 2)
            #expect(result.stderr.contains("--baseline \(file.path): \(message)"), "\(result.stderr)")
        }
    }
}
