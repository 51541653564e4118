import ArgumentParser
import DrydockCatalog
import DrydockImage
import DrydockMisconfig
import DrydockModel
import DrydockPolicy
import DrydockVulnDB
import Foundation

extension ScanOptions {
    /// The scanners `--scanners` names.
    var scannerNames: Set<String> {
        Set(scanners.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    /// Whether vulnerabilities are matched (the DB is needed only then).
    var scansVulnerabilities: Bool { scannerNames.contains("vuln") }

    /// Whether configuration files are checked for misconfigurations.
    var scansMisconfigurations: Bool { scannerNames.contains("misconfig") }

    /// Whether an image's configuration (its history as a Dockerfile) is checked: with `--scanners misconfig`,
    /// or Trivy's `--image-config-scanners misconfig`.
    var scansImageConfig: Bool { scansMisconfigurations || misconfig.checksImageConfig }
}

/// Misconfiguration results of a catalogued tree, ready for the gate.
struct MisconfigurationScan {
    var targets: [DetectedTarget] = []
    /// Files that could not be parsed, and notes (charts skipped), for the report's warnings.
    var warnings: [String] = []
    /// How many files could not be parsed (the scan is incomplete; `--fail-on-uncovered` fails the gate).
    var unparsed = 0
}

extension ScanPipeline {
    /// Analyzers the enabled scanners add to the catalog's defaults.
    var extraAnalyzers: [any CatalogAnalyzer] {
        // `--file-patterns` was checked when the flags were read.
        options.scansMisconfigurations ? [ConfigFileAnalyzer(patterns: (try? options.misconfig.patterns()) ?? [])] : []
    }

    /// Checks the configuration files the catalog kept and, for images, the image configuration.
    func misconfigurations(
        _ files: [ScannableFileEntry], root: String, imageConfig: [UInt8]? = nil, imageName: String? = nil
    ) throws -> MisconfigurationScan {
        let checksConfig = imageConfig != nil && options.scansImageConfig
        guard options.scansMisconfigurations || checksConfig else { return MisconfigurationScan() }
        let scanner = try options.misconfig.scanner()
        var outcome = options.scansMisconfigurations ? scanner.scan(files, root: root) : ConfigScanOutcome()
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

    /// Finishes the scan of one catalogued image (an archive or a local engine's): checks its configuration
    /// files and image configuration when asked, updates the DB when a vulnerability scan needs it, then
    /// matches, decides and reports.
    mutating func finishImage(
        _ result: CatalogResult, configJSON: [UInt8], name: String, artifact: ArtifactMetadata,
        registry: RegistryOptions
    ) async throws {
        let misconfigurations = try misconfigurations(
            result.scannableFiles, root: name, imageConfig: configJSON, imageName: name)
        if options.scansVulnerabilities {
            databaseWarnings = await DatabaseAutoUpdate.runIfDue(
                options: options, registry: registry, inventory: result.inventory)
        }
        let finished = self
        try finished.finish(inventory: result.inventory, artifact: artifact, misconfigurations: misconfigurations) {
            try finished.openDatabase()
        }
    }

    /// Finishes a scan: matching and reporting when `--scanners` has `vuln`, else reporting the other
    /// scanners' targets without opening the vulnerability DB.
    func finish(
        inventory: Inventory, artifact: ArtifactMetadata, misconfigurations: MisconfigurationScan,
        database: () throws -> VulnerabilityDatabase
    ) throws {
        guard options.scansVulnerabilities else {
            let unparsed = Array(misconfigurations.warnings.prefix(misconfigurations.unparsed))
            let reporter = ConfigReporter(
                report: options.report, gate: options.gate, policy: options.policy, quiet: options.quiet)
            try reporter.report(
                targets: misconfigurations.targets, artifactName: artifact.name, artifactType: artifact.type,
                warnings: unparsed, notes: Array(misconfigurations.warnings.dropFirst(misconfigurations.unparsed)),
                metadata: artifact)
            return
        }
        var inventory = inventory
        inventory.warnings += misconfigurations.warnings
        try scanAndReport(
            inventory: inventory, artifact: artifact, database: try database(),
            otherTargets: misconfigurations.targets, unparsedFiles: misconfigurations.unparsed)
    }
}
