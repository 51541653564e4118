import DrydockTestSupport
import Foundation

/// What a misconfiguration peer reported on a set of files: per check, the files it failed and the files it
/// evaluated. File names are relative to `../shared` (`fixtures/iac/…`).
struct PeerRun: Sendable {
    /// `checkov 3.3.30`, `hadolint 2.15.1`.
    var version: String
    /// Check ID → files with at least one failure of it.
    var failing: [String: Set<String>]
    /// Every file the peer read (for checkov: every file one of the asked checks passed or failed on; a check
    /// that cannot decide — checkov's UNKNOWN — leaves no trace, so the file counts as not reported).
    var files: Set<String>

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `path` relative to `base`, or `nil` when it is outside it.
    static func relative(_ path: String, to base: URL) -> String? {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        let prefix = base.path.hasSuffix("/") ? base.path : base.path + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : nil
    }

    /// checkov over `folder` (its Dockerfile and Kubernetes frameworks), only `checks`.
    static func checkov(_ folder: URL, checks: [String], base: URL) throws -> PeerRun {
        var environment = ProcessInfo.processInfo.environment
        environment["LOG_LEVEL"] = "ERROR"
        let result = try ProcessRunner.run(
            "checkov",
            [
                "-d", folder.path, "--framework", "dockerfile", "kubernetes", "--check", checks.joined(separator: ","),
                "--output", "json", "--compact", "--skip-download", "--soft-fail",
            ], environment: environment, timeout: 600)
        guard result.status == 0, let parsed = try? JSONSerialization.jsonObject(with: result.stdout) else {
            throw Failure(description: "checkov failed (\(result.status)): \(result.stderr.suffix(2000))")
        }
        let reports = parsed as? [[String: Any]] ?? [parsed as? [String: Any] ?? [:]]
        var run = PeerRun(version: "checkov", failing: [:], files: [])
        for report in reports {
            if let version = (report["summary"] as? [String: Any])?["checkov_version"] as? String {
                run.version = "checkov \(version)"
            }
            let results = report["results"] as? [String: Any] ?? [:]
            for (key, failed) in [("failed_checks", true), ("passed_checks", false)] {
                for check in results[key] as? [[String: Any]] ?? [] {
                    guard let id = check["check_id"] as? String, let path = check["file_abs_path"] as? String,
                        let file = relative(path, to: base)
                    else { continue }
                    run.files.insert(file)
                    if failed { run.failing[id, default: []].insert(file) }
                }
            }
        }
        return run
    }

    /// hadolint over `files` (relative to `base`), in one process.
    static func hadolint(_ files: [String], base: URL) throws -> PeerRun {
        let paths = files.map { base.appendingPathComponent($0).path }
        let version = try ProcessRunner.run("hadolint", ["--version"]).output
        let result = try ProcessRunner.run("hadolint", ["--no-fail", "--format", "json"] + paths, timeout: 300)
        guard let items = try? JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]] else {
            throw Failure(description: "hadolint failed (\(result.status)): \(result.stderr.suffix(2000))")
        }
        var run = PeerRun(
            version: "hadolint "
                + (version.split(separator: " ").last.map(String.init) ?? "?")
                .trimmingCharacters(in: .whitespacesAndNewlines),
            failing: [:], files: Set(files))
        for item in items {
            guard let code = item["code"] as? String, let path = item["file"] as? String,
                let file = relative(path, to: base)
            else { continue }
            run.failing[code, default: []].insert(file)
        }
        return run
    }
}
