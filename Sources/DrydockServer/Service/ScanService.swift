import Crypto
import DrydockCatalog
import DrydockModel
import DrydockPolicy
import DrydockReport
import DrydockRepository
import DrydockSBOM
import DrydockScan
import DrydockVulnDB
import Foundation

/// The server's side of a scan: builds the inventory (merging layer analyses the client sent with those
/// it keeps), runs the same ``ScanEngine`` as the CLI, stores the result, and renders Trivy JSON.
public struct ScanService: Sendable {
    public let store: any RepositoryStore
    public let database: DatabaseHolder
    public let toolVersion: String

    public init(store: any RepositoryStore, database: DatabaseHolder, toolVersion: String) {
        self.store = store
        self.database = database
        self.toolVersion = toolVersion
    }

    /// Scans what the client sent and returns the report (and its JSON) a local scan would give.
    public func scan(_ submission: ScanSubmission) async throws -> (report: ScanReport, json: [UInt8]) {
        let inventory = try await inventory(of: submission)
        let (source, summary) = try openDatabase()
        let report: ScanReport
        do throws(ScanEngineError) {
            report = try ScanEngine(source: source).report(
                inventory: inventory, artifact: submission.artifact, gate: Gate(policy: submission.gate.policy),
                isProject: submission.isProject, database: summary)
        } catch {
            switch error.code {
            case .nothingToCheck: throw APIError(.unprocessableContent, "nothing-to-check", error.reason)
            case .source: throw APIError(.serviceUnavailable, "database", "cannot read the vulnerability DB: \(error)")
            }
        }
        if submission.store {
            try await store.saveScan(
                StoredScan(
                    digest: Self.digest(of: submission.artifact, inventory: inventory), artifact: submission.artifact,
                    inventory: inventory, references: Self.references(of: submission.artifact),
                    labels: submission.labels, scannedAt: report.createdAt, source: .scan,
                    findings: Self.findings(of: report)))
        }
        let rendered = try ReportRenderer.render(
            report,
            settings: ReportSettings(
                format: .json, listAllPackages: submission.listAllPackages, toolVersion: toolVersion))
        return (report, rendered.bytes)
    }

    /// Stores an SBOM (CycloneDX or SPDX, from any tool) for image `reference`, matched against the DB.
    public func pushSBOM(_ bytes: [UInt8], reference: String?, digest: String?, labels: [String: String]) async throws
        -> SBOMPushAnswer
    {
        let sbom: SBOMReader.Result
        do {
            sbom = try SBOMReader.read(bytes, path: "request body")
        } catch {
            throw APIError(.badRequest, "invalid-sbom", "\(error)")
        }
        var artifact = sbom.artifact
        if let reference { artifact.name = reference }
        let references = reference.map { [ImageReferenceRecord(parsing: $0)] } ?? Self.references(of: artifact)
        let key =
            digest ?? reference.flatMap(Self.digest(inReference:))
            ?? Self.digest(of: artifact, inventory: sbom.inventory)
        let (source, summary) = try openDatabase()
        let findings: [StoredFinding]
        do throws(ScanEngineError) {
            let report = try ScanEngine(source: source).report(
                inventory: sbom.inventory, artifact: artifact, gate: Gate(policy: ScanPolicy()),
                isProject: sbom.describesProject, database: summary)
            findings = Self.findings(of: report)
        } catch {
            switch error.code {
            case .nothingToCheck: findings = []
            case .source: throw APIError(.serviceUnavailable, "database", "cannot read the vulnerability DB: \(error)")
            }
        }
        let changes = try await store.saveScan(
            StoredScan(
                digest: key, artifact: artifact, inventory: sbom.inventory, references: references, labels: labels,
                scannedAt: Date(), source: .sbom, findings: findings))
        return SBOMPushAnswer(
            digest: key, format: sbom.format, packages: sbom.inventory.allPackages.count, findings: findings.count,
            changes: changes)
    }

    /// The submitted inventory, or the merge of the image's layer analyses (stored and sent).
    func inventory(of submission: ScanSubmission) async throws -> Inventory {
        if let inventory = submission.inventory { return inventory }
        guard let key = submission.analyzerKey else {
            throw APIError(.badRequest, "invalid", "a scan needs an inventory, or layers with their analyzerKey")
        }
        let diffIDs = submission.artifact.layers.map { $0.diffID ?? "" }
        guard !diffIDs.isEmpty, !diffIDs.contains("") else {
            throw APIError(
                .badRequest, "invalid", "a scan by layers needs the diffID of every layer in artifact.layers")
        }
        if !submission.layers.isEmpty { try await store.storeLayers(submission.layers, analyzerKey: key) }
        var analyses = try await store.layers(diffIDs, analyzerKey: key)
        for layer in submission.layers { if let id = layer.diffID { analyses[id] = layer } }
        let missing = diffIDs.filter { analyses[$0] == nil }
        guard missing.isEmpty else {
            throw APIError(
                .conflict, "missing-layers", "the server has no analysis of \(missing.count) layer(s); send them",
                missingLayers: missing)
        }
        return LayerMerger.merge(
            diffIDs.compactMap { analyses[$0] }, references: submission.artifact.layers,
            artifactName: submission.artifact.name
        ).inventory
    }

    func openDatabase() throws -> (VulnerabilityDatabase, DatabaseSummary?) {
        do throws(DatabaseUnavailable) {
            return try database.current()
        } catch {
            throw APIError(.serviceUnavailable, "database", error.reason)
        }
    }

    /// The vulnerability findings of a decided report, as the repository keeps them.
    public static func findings(of report: ScanReport) -> [StoredFinding] {
        report.targets.flatMap { target in
            target.findings.compactMap { decided in
                decided.finding.vulnerability.map { StoredFinding($0, target: target.name) }
            }
        }
    }

    /// The key an artifact is stored under: its image ID, else a repository digest, else a digest of the
    /// inventory (`inventory:sha256:…`, for directories and SBOMs without an image).
    public static func digest(of artifact: ArtifactMetadata, inventory: Inventory) -> String {
        if let id = artifact.imageID, id.hasPrefix("sha256:") { return id }
        if let repoDigest = artifact.repoDigests.first, let digest = digest(inReference: repoDigest) { return digest }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let bytes = (try? encoder.encode(inventory)) ?? Data(artifact.name.utf8)
        return "inventory:sha256:" + SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// The `sha256:…` after `@` in a reference.
    static func digest(inReference reference: String) -> String? {
        guard let at = reference.firstIndex(of: "@") else { return nil }
        let digest = String(reference[reference.index(after: at)...])
        return digest.hasPrefix("sha256:") ? digest : nil
    }

    /// The references an image is known by: its tags and repository digests.
    static func references(of artifact: ArtifactMetadata) -> [ImageReferenceRecord] {
        var names = artifact.repoTags + artifact.repoDigests
        if names.isEmpty, artifact.type == "container_image" { names = [artifact.name] }
        return names.map(ImageReferenceRecord.init(parsing:))
    }
}

extension GateRequest {
    /// The gate's policy these rules make.
    public var policy: ScanPolicy {
        var policy = ScanPolicy(
            severities: Set(severities), ignoreUnfixed: ignoreUnfixed, failureExitCode: exitCode,
            failOnIncompleteCoverage: failOnUncovered, failOnEndOfLife: failOnEndOfLife)
        policy.ignoreStatuses = Set(ignoredStatuses)
        return policy
    }
}
