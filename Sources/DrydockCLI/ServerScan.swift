import ArgumentParser
import DrydockCatalog
import DrydockModel
import DrydockPolicy
import DrydockReport
import DrydockRepository
import DrydockScan
import DrydockServer
import DrydockVulnDB
import Foundation

/// Where the `vuln` scanner's matches come from: the local vulnerability DB, or a drydock server (`--server`)
/// that is sent the inventory. Either way this client decides them with its own gate, policy and triage.
enum VulnerabilitySource {
    case database(VulnerabilityDatabase)
    case server(String)
}

extension ScanPipeline {
    /// The `vuln` scanner's source: `nil` when `--scanners` leaves it out; the server with `--server` (no local
    /// DB is updated or opened); else the local DB, updated first when due for `inventories`.
    mutating func vulnerabilitySource(registry: RegistryOptions?, inventories: [Inventory]) async throws
        -> VulnerabilitySource?
    {
        guard options.scans("vuln") else { return nil }
        if let url = options.server.url { return .server(url) }
        databaseWarnings = await DatabaseAutoUpdate.runIfDue(
            options: options, registry: registry, inventories: inventories)
        return try openDatabase().map(VulnerabilitySource.database)
    }

    /// Sends the inventory (or, for an image, the layer analyses the server lacks) to the server and reads its
    /// matches back from the report it answers: every finding, undecided (the gate is this client's).
    /// The server's live exceptions come back too, located at their stored versions (`URL/api/v1/exceptions/ID/
    /// versions/N`): this client's gate applies them (``ScanPolicy/sharedExceptions``).
    func matchOnServer(_ url: String, inventory: Inventory, artifact: ArtifactMetadata) async throws
        -> (scan: VulnerabilityScan, exceptions: [PolicyException])
    {
        let client: DrydockServerClient
        do {
            client = try DrydockServerClient(
                baseURL: url, token: options.server.resolvedToken, caCertificate: options.server.serverCACert)
        } catch {
            throw CommandFailure(.usage, "--server \(url): \(error)")
        }
        let json: [UInt8]
        let exceptions: [PolicyException]
        do {
            json = try await submit(inventory: inventory, artifact: artifact, client: client)
            exceptions = try await serverExceptions(client)
            await client.shutdown()
        } catch let error as ServerClientError {
            await client.shutdown()
            switch error.code {
            case "nothing-to-check": throw CommandFailure(.target, error.reason)
            case "database": throw CommandFailure(.database, error.reason)
            default:
                let usage = error.status == 400 || error.status == 401 || error.status == 403 || error.status == 413
                throw CommandFailure(usage ? .usage : .target, error.reason)
            }
        } catch {
            await client.shutdown()
            throw error
        }
        let saved: SavedReport
        do {
            saved = try TrivyJSONReportReader.read(json, path: url)
        } catch {
            throw CommandFailure(.target, "drydock server \(url) answered a report this client cannot read: \(error)")
        }
        guard let coverage = saved.coverage else {
            throw CommandFailure(.target, "drydock server \(url) answered a report without its coverage")
        }
        let targets = saved.targets.filter { $0.kind == .osPackages || $0.kind == .languagePackages }
        let scan = ScanEngine.scan(
            inventory: inventory, artifact: artifact, targets: targets, coverage: coverage, database: saved.database)
        return (scan, exceptions)
    }

    /// The server's live exceptions as the gate applies them.
    private func serverExceptions(_ client: DrydockServerClient) async throws -> [PolicyException] {
        let records = try await client.json(.GET, "/api/v1/exceptions", as: [ExceptionRecord].self)
        do {
            return try records.compactMap { try $0.policyException(base: client.baseURL) }
        } catch {
            throw CommandFailure(
                .target, "drydock server \(client.baseURL) answered an exception this client cannot read: \(error)")
        }
    }

    /// Posts the scan; an image whose every layer analysis is known goes by layers, asking first which the
    /// server lacks, and once more with those it names if it lost some meanwhile.
    private func submit(inventory: Inventory, artifact: ArtifactMetadata, client: DrydockServerClient) async throws
        -> [UInt8]
    {
        // Every finding and every package comes back: the client's gate decides, its writers list packages.
        var submission = ScanSubmission(
            artifact: artifact, inventory: inventory, isProject: scansProject, gate: GateRequest(),
            listAllPackages: true, labels: options.server.labelValues)
        let diffIDs = artifact.layers.compactMap(\.diffID)
        // By layers only when the server's merge (default options) gives this very inventory: flags such as
        // `--pkg-types`, `--include-dev-deps` or `--skip-files` change it, and then the inventory goes whole.
        if diffIDs.count == artifact.layers.count, let recorded = layerRecorder.layers(diffIDs),
            LayerMerger.merge(recorded.analyses, references: artifact.layers, artifactName: artifact.name).inventory
                == inventory
        {
            let missing = try await client.json(
                .POST, "/api/v1/layers/missing", body: LayerQuery(analyzerKey: recorded.analyzerKey, diffIDs: diffIDs),
                as: LayerQueryAnswer.self
            ).missing
            submission.inventory = nil
            submission.analyzerKey = recorded.analyzerKey
            submission.layers = recorded.analyses.filter { missing.contains($0.diffID ?? "") }
            if options.debug {
                Console.error(
                    "drydock: debug: server has \(diffIDs.count - missing.count) of \(diffIDs.count) layers; "
                        + "sending \(missing.count)")
            }
        }
        do {
            return try await post(submission, client: client)
        } catch let error as ServerClientError where error.code == "missing-layers" {
            let missing = Set(error.missingLayers ?? [])
            submission.layers = (layerRecorder.layers(diffIDs)?.analyses ?? []).filter {
                missing.contains($0.diffID ?? "")
            }
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
}
