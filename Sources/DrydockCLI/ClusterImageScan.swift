import ArgumentParser
import DrydockAdmission
import DrydockModel
import DrydockPolicy
import DrydockReport
import Foundation

/// Scans one image of a cluster inventory as `drydock image REF --format json` would (the same sources,
/// registry credentials, layer cache and DB — or `--server`, which stores it), and reads the report back.
struct ClusterImageScan {
    /// Arguments after `--`, given to every scan.
    var arguments: [String]
    var server: ServerOptions
    var cluster: String
    var quiet: Bool

    func scan(_ image: ClusterInventory.Image) async -> ClusterImageResult {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "drydock-k8s-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("report.json").path
        var args = [image.reference, "--format", "json", "--output", output, "--quiet"]
        if !arguments.contains("--scanners") { args += ["--scanners", "vuln"] }
        if let url = server.url {
            args += ["--server", url, "--label", "k8s.cluster=\(cluster)"]
            if let token = server.resolvedToken { args += ["--token", token] }
            if let ca = server.serverCACert { args += ["--server-cacert", ca] }
            args += server.labels.flatMap { ["--label", $0] }
        }
        args += arguments
        if !quiet { Console.error("drydock: k8s: scanning \(image.reference) (\(image.uses.count) container(s))") }
        do {
            var command = try ImageCommand.parse(args)
            try await command.run()
        } catch let exit as ExitCode where exit.rawValue != 0 && FileManager.default.fileExists(atPath: output) {
            // The scan's own gate (--exit-code in the arguments) failed: the report is there.
        } catch {
            let reason = (error as? CommandFailure)?.message ?? ImageCommand.message(for: error)
            if !quiet { Console.error("drydock: k8s: cannot scan \(image.reference): \(reason)") }
            return ClusterImageResult(state: .failed, reason: reason)
        }
        guard let data = FileManager.default.contents(atPath: output) else {
            return ClusterImageResult(state: .failed, reason: "the scan wrote no report")
        }
        do {
            let report = try TrivyJSONReportReader.read(Array(data), path: output)
            var counts: [String: Int] = [:]
            for target in report.decidedTargets {
                for finding in target.reported where finding.finding.kind == .vulnerability {
                    counts[finding.finding.severity.rawValue, default: 0] += 1
                }
            }
            return ClusterImageResult(
                state: .scanned, digest: report.artifact.imageID, vulnerabilities: counts,
                gatePassed: report.verdict?.passed)
        } catch {
            return ClusterImageResult(state: .failed, reason: "cannot read the scan's report: \(error)")
        }
    }
}
