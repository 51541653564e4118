import ArgumentParser
import DrydockCatalog
import DrydockImage
import DrydockMisconfig
import DrydockModel
import DrydockPolicy
import DrydockVulnDB
import Foundation

/// Misconfiguration results of a catalogued tree, ready for the gate.
struct MisconfigurationScan {
    var targets: [DetectedTarget] = []
    /// Files that could not be parsed, and notes (charts skipped), for the report's warnings.
    var warnings: [String] = []
    /// How many files could not be parsed (the scan is incomplete; `--fail-on-uncovered` fails the gate).
    var unparsed = 0
}

extension ScanPipeline {
    /// The analyzer `--scanners misconfig` adds to the catalog's: Dockerfiles, manifests and charts, and the
    /// files `--file-patterns dockerfile:…` / `kubernetes:…` / `helm:…` name.
    var misconfigAnalyzers: [any CatalogAnalyzer] {
        guard options.scans("misconfig") else { return [] }
        return [ConfigFileAnalyzer(patterns: options.target.resolvedFilter.filePatterns)]
    }

    /// Checks the configuration files the catalog kept and, for images, the image configuration (given only
    /// when it is to be checked: see `ImageConfigScanOptions.checksMisconfig`).
    func misconfigurations(
        _ files: [ScannableFileEntry], root: String, imageConfig: [UInt8]? = nil, imageName: String? = nil
    ) throws -> MisconfigurationScan {
        let checksConfig = imageConfig != nil
        guard options.scans("misconfig") || checksConfig else { return MisconfigurationScan() }
        let scanner = try options.misconfig.scanner()
        var outcome = options.scans("misconfig") ? scanner.scan(files, root: root) : ConfigScanOutcome()
        if checksConfig, let imageConfig, let imageName {
            do {
                if let result = try scanner.scanImageConfig(imageConfig, target: imageName) {
                    outcome.results.insert(result, at: 0)
                }
            } catch {
                outcome.warnings.append(ConfigWarning(path: "\(imageName) (image configuration)", error: error))
            }
        }
        return MisconfigurationScan(
            targets: outcome.results.map { $0.detectedTarget(includePasses: options.misconfig.includeNonFailures) },
            warnings: outcome.warnings.map(\.description) + outcome.notes + options.misconfig.unreadScannerNotes,
            unparsed: outcome.warnings.count)
    }

    /// Finishes a scan after the catalog: checks configuration files (and an image's configuration), updates
    /// the DB when a vulnerability scan needs it, then matches (locally, or on `--server`), decides and reports
    /// with `otherTargets` (the secret scanner's). No DB is opened when `--scanners` leaves out `vuln`.
    mutating func finish(
        _ catalog: CatalogResult, artifact: ArtifactMetadata, root: String, imageConfig: [UInt8]? = nil,
        registry: RegistryOptions?, otherTargets: [DetectedTarget] = []
    ) async throws {
        let misconfigurations = try misconfigurations(
            catalog.scannableFiles, root: root, imageConfig: imageConfig, imageName: imageConfig == nil ? nil : root)
        let source = try await vulnerabilitySource(registry: registry, inventories: [catalog.inventory])
        try await report(
            catalog, artifact: artifact, misconfigurations: misconfigurations, otherTargets: otherTargets,
            vulnerabilities: source)
    }

    /// Decides and reports a catalogued scan with its misconfiguration results.
    func report(
        _ catalog: CatalogResult, artifact: ArtifactMetadata, misconfigurations: MisconfigurationScan,
        otherTargets: [DetectedTarget] = [], vulnerabilities: VulnerabilitySource?
    ) async throws {
        var inventory = catalog.inventory
        inventory.warnings += misconfigurations.warnings.map { ScanWarning($0) }
        try await scanAndReport(
            inventory: inventory, artifact: artifact, vulnerabilities: vulnerabilities,
            otherTargets: misconfigurations.targets + otherTargets,
            licenseFiles: catalog.licenseFiles, unparsedFiles: misconfigurations.unparsed)
    }
}
