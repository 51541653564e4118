import ArgumentParser
import DrydockAdmission
import DrydockMisconfig
import DrydockModel
import DrydockRepository
import DrydockServer
import Foundation

/// `drydock k8s`: what runs in a cluster, from `kubectl get … -o json`.
struct K8sCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "k8s",
        abstract: "Inventory and scan the images a cluster runs, from 'kubectl get ... -A -o json' output.",
        discussion: """
            Reads a List (or one object) of Pods and workloads (Deployments, StatefulSets, DaemonSets, \
            ReplicaSets, Jobs, CronJobs, ReplicationControllers), lists each container's image, deduplicated by \
            digest (pinned, or reported by a running pod), scans the images — locally with the vulnerability DB, \
            or with --server only those the repository does not have yet, which it then stores and rescans — \
            runs the Kubernetes misconfiguration checks on the same objects, and reports per workload with a \
            cluster summary. Arguments after '--' go to every image scan ('drydock image REF …'), e.g. \
            '-- --severity HIGH,CRITICAL --insecure'. See docs/admission.md.
            """
    )

    @Option(name: .long, help: "kubectl JSON output to read ('-': standard input).")
    var from: String

    @Option(name: .long, help: "Name of the cluster, for the report and the repository (default: 'default').")
    var cluster = "default"

    @Option(name: .long, help: "table (default) or json.")
    var format = "table"

    @Option(name: [.customShort("o"), .long], help: "Write the report to this file instead of standard output.")
    var output: String?

    @Flag(name: .customLong("skip-scan"), help: "Do not scan images; report what the repository knows (--server).")
    var skipScan = false

    @Flag(name: .customLong("no-misconfig"), help: "Do not run the Kubernetes misconfiguration checks.")
    var noMisconfig = false

    @Option(
        name: .customLong("exit-code"),
        help: "Exit with this code when an image has reported vulnerabilities or could not be scanned (0: never).")
    var exitCode: Int32 = 0

    @OptionGroup(title: "Server options") var server: ServerOptions

    @Argument(parsing: .postTerminator, help: "Arguments for each image scan ('drydock image REF ARGS').")
    var scanArguments: [String] = []

    mutating func validate() throws {
        guard ["table", "json"].contains(format) else { throw ValidationError("--format \(format): table or json") }
        if skipScan && server.url == nil { throw ValidationError("--skip-scan needs --server URL") }
        guard !cluster.isEmpty, cluster.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw ValidationError("--cluster \(cluster): letters, digits, '-', '_' and '.' only")
        }
    }

    func run() async throws {
        let inventory = try readInventory()
        var results: [String: ClusterImageResult] = [:]
        let client = server.url == nil ? nil : try ServerQueryClient.make(server)
        defer { if let client { Task { await client.shutdown() } } }
        if let client {
            for (key, result) in try await report(inventory, to: client) where result.state == .known {
                results[key] = result
            }
        }
        if !skipScan {
            let scanner = ClusterImageScan(
                arguments: scanArguments, server: server, cluster: cluster, quiet: format == "json")
            for image in inventory.images where results[image.key] == nil {
                results[image.key] = await scanner.scan(image)
            }
            if let client {
                // The repository now has what was scanned: report again so its answer names their digests.
                for (key, result) in try await report(inventory, to: client) {
                    if var scanned = results[key], scanned.state == .scanned {
                        scanned.digest = scanned.digest ?? result.digest
                        results[key] = scanned
                    }
                }
            }
        }
        for image in inventory.images where results[image.key] == nil {
            results[image.key] = ClusterImageResult(state: .skipped)
        }
        let report = ClusterReport(
            cluster: cluster, inventory: inventory, results: results,
            misconfigurations: noMisconfig ? [] : Self.misconfigurations(inventory))
        try write(report)
        if exitCode != 0 {
            let failing =
                report.summary.vulnerabilities.values.contains { $0 > 0 }
                || (report.summary.imagesByState[ClusterImageResult.State.failed.rawValue] ?? 0) > 0
            if failing { throw ExitCode(exitCode) }
        }
    }

    func readInventory() throws -> ClusterInventory {
        let bytes: [UInt8]
        if from == "-" {
            bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
        } else {
            guard let data = FileManager.default.contents(atPath: from) else {
                throw CommandFailure(.target, "cannot read --from \(from): no such file or not readable")
            }
            bytes = Array(data)
        }
        do {
            return try ClusterInventory.parse(bytes, path: from == "-" ? "standard input" : from)
        } catch {
            throw CommandFailure(.target, "\(error)")
        }
    }

    /// Sends the inventory to the repository; its answer per image, keyed as the inventory keys images.
    func report(_ inventory: ClusterInventory, to client: DrydockServerClient) async throws
        -> [String: ClusterImageResult]
    {
        let workloads = inventory.images.flatMap { image in
            image.uses.map {
                ClusterWorkloadRecord(
                    namespace: $0.namespace, kind: $0.kind, name: $0.name, container: $0.container,
                    role: $0.role.rawValue, image: image.reference)
            }
        }
        let path = "/api/v1/clusters/\(QueryCommand.escape(cluster))/workloads"
        let answer: ClusterInventoryAnswer
        do throws(ServerClientError) {
            answer = try await client.json(
                .POST, path, body: ClusterInventorySubmission(workloads: workloads), as: ClusterInventoryAnswer.self)
        } catch {
            throw ServerQueryClient.failure(error, target: path)
        }
        let byReference = Dictionary(answer.images.map { ($0.image, $0) }, uniquingKeysWith: { a, _ in a })
        var results: [String: ClusterImageResult] = [:]
        for image in inventory.images {
            guard let status = byReference[image.reference], let digest = status.digest else { continue }
            results[image.key] = ClusterImageResult(
                state: .known, digest: digest, vulnerabilities: status.openFindings)
        }
        return results
    }

    /// The failed Kubernetes checks of each workload object.
    static func misconfigurations(_ inventory: ClusterInventory) -> [[(id: String, severity: Severity)]] {
        var scanner = ConfigScanner()
        scanner.fileTypes = [.kubernetes]
        return inventory.objects.map { object in
            let workload = object.workload
            let path = "\(workload.namespace)/\(workload.kind)/\(workload.displayName).json"
            let outcome = scanner.scan(path: path, content: object.json, as: .manifest)
            return outcome.results.flatMap(\.failures).map { ($0.id, $0.severity) }
        }
    }

    func write(_ report: ClusterReport) throws {
        let bytes: [UInt8]
        if format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            bytes = Array((try? encoder.encode(report)) ?? Data()) + [0x0A]
        } else {
            bytes = Array(report.table().utf8)
        }
        if let output {
            try ScanPipeline.writeFile(bytes, to: output, what: "the report")
        } else {
            Console.output(bytes)
        }
    }
}
