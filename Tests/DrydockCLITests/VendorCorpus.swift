import DrydockTestSupport
import Foundation
import Testing

/// Shared steps of the vendor-feed corpus tests: write an image, build a DB from the real vendor files with
/// `drydock db build`, scan it with the `drydock` binary and compare with an independent oracle script.
enum VendorCorpus {
    static var shared: URL { PackagePaths.shared ?? PackagePaths.root }

    /// A path under `../shared/advisories`.
    static func advisories(_ relative: String) -> String {
        shared.appendingPathComponent("advisories").appendingPathComponent(relative).path
    }

    /// An image with an os-release and one layer holding `files`.
    static func image(id: String, version: String, files: [String: FileSpec]) throws -> URL {
        var layer = files
        layer["etc/os-release"] = .file(DistroFixtures.osRelease(id: id, versionID: version))
        return try ImageFixtures.dockerArchive(layers: [layer], repoTags: ["example/\(id):\(version)"])
    }

    /// Runs an oracle in `scripts/oracles` with the system Python (python3-rpm) or, with `systemPython` unset,
    /// the `python3` on the PATH (univers, PyYAML); fails, never skips, when it cannot run.
    static func oracle(_ script: String, _ arguments: [String], systemPython: Bool = true) throws -> [String] {
        let path = PackagePaths.root.appendingPathComponent("scripts/oracles/\(script)").path
        let result =
            systemPython
            ? try ProcessRunner.run("/usr/bin/python3", [path] + arguments)
            : try ProcessRunner.run("/usr/bin/env", ["python3", path] + arguments)
        guard result.status == 0 else {
            throw CLI.ProcessFailure(
                description: "\(script) failed (install the oracles: scripts/install-test-deps): \(result.stderr)")
        }
        return result.output.split(separator: "\n").map(String.init)
    }

    /// `NAME VERSION ID FIXED STATUS` lines of a JSON report (FIXED `-` when empty, fixes comma-joined).
    static func lines(_ report: [String: Any], severity: Bool = false) -> [String] {
        let results = report["Results"] as? [[String: Any]] ?? []
        return results.flatMap { result in
            (result["Vulnerabilities"] as? [[String: Any]] ?? []).map { vuln in
                let fixed = (vuln["FixedVersion"] as? String ?? "").replacingOccurrences(of: ", ", with: ",")
                var line = ["PkgName", "InstalledVersion", "VulnerabilityID"].map { vuln[$0] as? String ?? "" }
                line += [fixed.isEmpty ? "-" : fixed, vuln["Status"] as? String ?? ""]
                if severity { line.append(vuln["Severity"] as? String ?? "") }
                return line.joined(separator: " ")
            }
        }.sorted()
    }

    /// Builds a DB from `sources`, scans `image` with it and returns the report and its finding lines.
    static func scan(_ image: URL, sources: [String], severity: Bool = false, extra: [String] = []) throws -> (
        report: [String: Any], lines: [String]
    ) {
        let database = try CLI.buildDatabase(sources)
        let (result, report) = try CLI.scanJSON(image.path, database: database, extra: extra)
        #expect(result.status == 0, "\(result.stderr)")
        return (report, lines(report, severity: severity))
    }

    /// The `Drydock.Coverage.OS` object of a report.
    static func coverage(_ report: [String: Any]) -> [String: Any] {
        (((report["Drydock"] as? [String: Any])?["Coverage"] as? [String: Any])?["OS"] as? [String: Any]) ?? [:]
    }

    /// A folder holding copies of `files` (so one DB build reads exactly those).
    static func folder(_ files: [String], name: String) throws -> String {
        let folder = try PackagePaths.temporaryDirectory(name)
        for file in files {
            let url = URL(fileURLWithPath: file)
            try FileManager.default.copyItem(at: url, to: folder.appendingPathComponent(url.lastPathComponent))
        }
        return folder.path
    }
}
