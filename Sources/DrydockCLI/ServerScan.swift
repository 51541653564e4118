import ArgumentParser
import DrydockModel
import DrydockReport
import DrydockRepository
import DrydockServer
import Foundation

extension ScanPipeline {
    /// With `--server URL`: sends the inventory (or, for an image, the layer analyses the server lacks) to the
    /// server, renders the report it answers in the requested format and ends with the gate's exit code.
    /// Returns `false` without `--server`: the caller scans locally.
    func scanOnServer(inventory: Inventory, artifact: ArtifactMetadata) async throws -> Bool {
        guard let url = options.server.url else { return false }
        let client: DrydockServerClient
        do {
            client = try DrydockServerClient(
                baseURL: url, token: options.server.resolvedToken, caCertificate: options.server.serverCACert)
        } catch {
            throw CommandFailure(.usage, "--server \(url): \(error)")
        }
        defer { Task { await client.shutdown() } }
        let json: [UInt8]
        do {
            json = try await submit(inventory: inventory, artifact: artifact, client: client)
        } catch let error as ServerClientError {
            if error.code == "nothing-to-check" { throw CommandFailure(.target, error.reason) }
            if error.code == "database" { throw CommandFailure(.database, error.reason) }
            throw CommandFailure(error.status == 400 || error.status == 401 || error.status == 403 ? .usage : .target, error.reason)
        }
        let saved: SavedReport
        do {
            saved = try TrivyJSONReportReader.read(json, path: url)
        } catch {
            throw CommandFailure(.target, "drydock server \(url) answered a report this client cannot read: \(error)")
        }
        var report = saved.scanReport()
        report.inventory = inventory
        if !options.quiet {
            for warning in report.warnings { Console.error("drydock: warning: \(warning)") }
        }
        let rendered = try options.report.render(report)
        if !options.quiet {
            for warning in rendered.warnings { Console.error("drydock: warning: \(warning)") }
        }
        try options.report.write(rendered.bytes)
        if report.verdict.exitCode != 0 { throw ExitCode(report.verdict.exitCode) }
        return true
    }

    /// Posts the scan; an image whose every layer analysis is known goes by layers, asking first which the
    /// server lacks, and once more with those it names if it lost some meanwhile.
    private func submit(inventory: Inventory, artifact: ArtifactMetadata, client: DrydockServerClient) async throws
        -> [UInt8]
    {
        var submission = ScanSubmission(
            artifact: artifact, inventory: inventory, isProject: scansProject, gate: try gateRequest(),
            listAllPackages: options.report.listAllPkgs, labels: options.server.labelValues)
        let diffIDs = artifact.layers.compactMap(\.diffID)
        if diffIDs.count == artifact.layers.count, let recorded = layerRecorder.layers(diffIDs) {
            let missing = try await client.json(
                .POST, "/api/v1/layers/missing", body: LayerQuery(analyzerKey: recorded.analyzerKey, diffIDs: diffIDs),
                as: LayerQueryAnswer.self
            ).missing
            submission.inventory = nil
            submission.analyzerKey = recorded.analyzerKey
            submission.layers = recorded.analyses.filter { missing.contains($0.diffID ?? "") }
            if options.debug {
                Console.error("drydock: debug: server has \(diffIDs.count - missing.count) of \(diffIDs.count) layers; sending \(missing.count)")
            }
        }
        do {
            return try await post(submission, client: client)
        } catch let error as ServerClientError where error.code == "missing-layers" {
            let missing = Set(error.missingLayers ?? [])
            submission.layers = (layerRecorder.layers(diffIDs)?.analyses ?? []).filter { missing.contains($0.diffID ?? "") }
            return try await post(submission, client: client)
        }
    }

    private func post(_ submission: ScanSubmission, client: DrydockServerClient) async throws -> [UInt8] {
        let body: [UInt8]
        do {
            body = Array(try JSONResponse.encoder.encode(submission))
        } catch {
            throw CommandFailure(.target, "cannot encode the inventory: \(error)")
        }
        let answer = try await client.send(.POST, "/api/v1/scans", body: body)
        try DrydockServerClient.check(answer, path: "/api/v1/scans")
        return answer.body
    }

    /// The gate flags as the server's request carries them.
    private func gateRequest() throws -> GateRequest {
        let policy = try options.gate.policy()
        return GateRequest(
            severities: Severity.allCases.filter(policy.severities.contains), ignoreUnfixed: policy.ignoreUnfixed,
            ignoredStatuses: policy.ignoredStatuses.sorted { $0.rawValue < $1.rawValue }, exitCode: policy.failureExitCode,
            failOnUncovered: policy.failOnIncompleteCoverage, failOnEndOfLife: policy.failOnEndOfLife)
    }
}
