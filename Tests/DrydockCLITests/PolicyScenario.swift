import DrydockTestSupport
import Foundation

/// An Alpine 3.19 image with labels and OSV `Alpine:v3.19` advisories written by the tests, covering each fact a
/// policy can test: a fixable and an unfixable CRITICAL, a HIGH in CISA's KEV catalog (two binaries of
/// busybox), a MEDIUM with an EPSS score, an unfixable LOW.
///
/// | package (origin)        | advisory      | severity (CVSS) | fix        | other facts        |
/// |-------------------------|---------------|-----------------|------------|--------------------|
/// | libcrypto3 (openssl)    | CVE-2099-1001 | CRITICAL (9.8)  | 3.1.4-r6   |                    |
/// | zlib                    | CVE-2099-1002 | CRITICAL (9.8)  | none       |                    |
/// | busybox, ssl_client     | CVE-2099-1003 | HIGH (7.5)      | 1.36.1-r16 | KEV since 2024-05-01 |
/// | musl                    | CVE-2099-1004 | MEDIUM (5.3)    | 1.2.4-r3   | EPSS 0.42          |
/// | musl                    | CVE-2099-1005 | LOW (3.1)       | none       |                    |
enum PolicyScenario {
    static let tag = "registry.example.com/payments/api:1.2"

    static let installed = [
        ("musl", "1.2.4-r2", "musl"), ("busybox", "1.36.1-r15", "busybox"), ("ssl_client", "1.36.1-r15", "busybox"),
        ("zlib", "1.3.1-r0", "zlib"), ("libcrypto3", "3.1.4-r5", "openssl"),
    ]

    static var layer: [String: FileSpec] {
        let database = installed.map { "P:\($0.0)\nV:\($0.1)\nA:x86_64\no:\($0.2)\nL:MIT\n" }.joined(separator: "\n")
        return [
            "etc/alpine-release": .file("3.19.1\n"),
            "etc/os-release": .file(
                "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME=\"Alpine Linux v3.19\"\n"),
            "lib/apk/db/installed": .file(database + "\n"),
        ]
    }

    /// The image, built once: a docker-archive tagged ``tag`` with labels team=payments, env=prod.
    static let image: Result<String, any Error> = Result {
        try ImageFixtures.dockerArchive(
            layers: [layer], config: ImageFixtures.ConfigSpec(labels: ["team": "payments", "env": "prod"]),
            repoTags: [tag]
        ).path
    }

    static func record(
        _ id: String, package: String, fixed: String?, vector: String, summary: String
    ) -> [String: Any] {
        var events: [[String: String]] = [["introduced": "0"]]
        if let fixed { events.append(["fixed": fixed]) }
        return DebianScenario.osv(
            id: id, ecosystem: "Alpine:v3.19", package: package, events: events, cvss: vector, summary: summary)
    }

    static let critical = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"

    /// The DB, built once from the OSV records, a KEV catalog and an EPSS file.
    static let database: Result<String, any Error> = Result {
        let directory = try PackagePaths.temporaryDirectory("policy-osv")
        let records = [
            record(
                "CVE-2099-1001", package: "openssl", fixed: "3.1.4-r6", vector: critical,
                summary: "openssl: key recovery"),
            record("CVE-2099-1002", package: "zlib", fixed: nil, vector: critical, summary: "zlib: inflate overflow"),
            record(
                "CVE-2099-1003", package: "busybox", fixed: "1.36.1-r16",
                vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", summary: "busybox: awk crash"),
            record(
                "CVE-2099-1004", package: "musl", fixed: "1.2.4-r3",
                vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N", summary: "musl: iconv read"),
            record(
                "CVE-2099-1005", package: "musl", fixed: nil, vector: "CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:L/I:N/A:N",
                summary: "musl: minor leak"),
        ]
        for record in records {
            let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
            try data.write(to: directory.appendingPathComponent("\(record["id"] as? String ?? "x").json"))
        }
        let kev = """
            {"title": "CISA Catalog of Known Exploited Vulnerabilities", "catalogVersion": "2024.05.01",
             "dateReleased": "2024-05-01T00:00:00.000Z", "count": 1,
             "vulnerabilities": [{"cveID": "CVE-2099-1003", "vendorProject": "BusyBox", "product": "BusyBox",
               "dateAdded": "2024-05-01", "dueDate": "2024-05-22", "knownRansomwareCampaignUse": "Unknown"}]}
            """
        try Data(kev.utf8).write(to: directory.appendingPathComponent("known_exploited_vulnerabilities.json"))
        let epss =
            "#model_version:v2023.03.01,score_date:2024-05-01T00:00:00+0000\ncve,epss,percentile\n"
            + "CVE-2099-1004,0.42000,0.97000\n"
        try Data(epss.utf8).write(to: directory.appendingPathComponent("epss_scores-2024-05-01.csv"))
        return try CLI.buildDatabase([directory.path])
    }

    /// Scans the image with `extra` flags in `directory` (the working directory, where `.trivyignore` is read).
    static func scan(_ extra: [String], in directory: URL? = nil) throws -> ProcessRunner.Result {
        try CLI.run(
            ["image", "--input", try image.get(), "--db", try database.get()] + extra,
            in: directory ?? PackagePaths.temporaryDirectory("policy-cwd"))
    }

    /// Scans to JSON; returns the result and the parsed report.
    static func scanJSON(_ extra: [String], in directory: URL? = nil) throws -> (ProcessRunner.Result, [String: Any]) {
        let result = try scan(["--format", "json"] + extra, in: directory)
        let report = (try? JSONSerialization.jsonObject(with: result.stdout)) as? [String: Any] ?? [:]
        return (result, report)
    }

    /// Writes `text` to `name` in a new directory; returns the directory.
    static func directory(with files: [String: String]) throws -> URL {
        let directory = try PackagePaths.temporaryDirectory("policy-files")
        try FilesystemScanTests.write(files, into: directory)
        return directory
    }

    /// Every reported finding as `ID PKG ACTION RULE`, sorted.
    static func decisions(_ report: [String: Any]) -> [String] {
        vulnerabilities(report, key: "Vulnerabilities").map(line).sorted()
    }

    /// Every set-aside finding as `ID PKG ACTION RULE`, sorted.
    static func setAside(_ report: [String: Any]) -> [String] {
        let results = report["Results"] as? [[String: Any]] ?? []
        return results.flatMap { ($0["ExperimentalModifiedFindings"] as? [[String: Any]]) ?? [] }
            .compactMap { $0["Finding"] as? [String: Any] }.map(line).sorted()
    }

    static func vulnerabilities(_ report: [String: Any], key: String) -> [[String: Any]] {
        let results = report["Results"] as? [[String: Any]] ?? []
        return results.flatMap { ($0[key] as? [[String: Any]]) ?? [] }
    }

    static func line(_ vulnerability: [String: Any]) -> String {
        let decision = vulnerability["Decision"] as? [String: Any] ?? [:]
        return [
            vulnerability["VulnerabilityID"] as? String ?? "", vulnerability["PkgName"] as? String ?? "",
            decision["Action"] as? String ?? "", decision["Rule"] as? String ?? decision["Source"] as? String ?? "",
        ].joined(separator: " ")
    }

    /// `Drydock.Verdict` of a report.
    static func verdict(_ report: [String: Any]) -> [String: Any] {
        (report["Drydock"] as? [String: Any])?["Verdict"] as? [String: Any] ?? [:]
    }
}
