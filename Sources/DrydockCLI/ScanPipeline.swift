import ArgumentParser
import DrydockCatalog
import DrydockImage
import DrydockLicenses
import DrydockMatch
import DrydockModel
import DrydockPolicy
import DrydockReport
import DrydockSBOM
import DrydockScan
import DrydockSecrets
import DrydockVulnDB
import Foundation

/// Runs the stages after the catalog: match, decide, report, and ends with the gate's exit code.
struct ScanPipeline {
    var options: ScanOptions
    /// Warnings from the DB update before the scan (the last good DB was used).
    var databaseWarnings: [String] = []
    /// Whether the target is a project directory though its artifact type says otherwise (an SBOM of one).
    var scansProject = false
    /// The kinds of findings the report says were looked for; `nil`: those of `--scanners`.
    var scanners: [FindingKind]?
    /// The layer analyses of a `--server` scan, to send the server only those it lacks.
    let layerRecorder = LayerRecorder()
    /// The policy's supply-chain rules judged for a registry image (`SupplyChainCheck`); `nil` when not judged.
    var supplyChain: [SupplyChainRuleResult]?
    /// The image's verified attestations the report states (provenance, the SBOM the inventory came from).
    var attestations = ImageAttestations()
    /// The documents of the image's verified OpenVEX attestations (`--vex oci`); `nil` when none were read.
    var attestedVEX: [VEXDocument]?

    /// Opens the vulnerability DB, or fails with exit code 4 and what to do about it; `nil` when `--scanners`
    /// leaves out `vuln` (no DB is needed).
    func openDatabase() throws -> VulnerabilityDatabase? {
        guard options.scans("vuln") else { return nil }
        let path = options.databasePath
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure(
                .database,
                "no vulnerability DB at \(path): build one with 'drydock db build --output \(path) SOURCE...' or pass --db FILE"
            )
        }
        let database: VulnerabilityDatabase
        do {
            database = try timed("db-open") { try VulnerabilityDatabase.open(path: path) }
        } catch {
            throw CommandFailure(.database, "cannot use vulnerability DB \(path): \(error)")
        }
        if let maxAge = options.dbMaxAge.flatMap(DatabaseFreshness.parseDuration) {
            try DatabaseFreshness.check(path: path, builtAt: try? database.builtAt(), maxAge: maxAge)
        }
        return database
    }

    /// Matches, decides and writes the report; throws `ExitCode` when the gate fails. `otherTargets` are the
    /// results of the other scanners (misconfigurations, secrets), decided with the vulnerabilities; license
    /// results are made here from the inventory and `licenseFiles` when `--scanners` names `license`. Without
    /// `vulnerabilities` (`--scanners` leaves out `vuln`) nothing is matched; with a server (`--server`) the
    /// server matches and this client decides, as it would locally. `unparsedFiles` counts configuration
    /// files that could not be parsed (`--fail-on-uncovered` fails on them).
    func scanAndReport(
        inventory: Inventory, artifact: ArtifactMetadata, vulnerabilities: VulnerabilitySource?,
        otherTargets: [DetectedTarget] = [], licenseFiles: [LicenseFile] = [], unparsedFiles: Int = 0
    ) async throws {
        let inventory = options.target.resolvedSelection.apply(to: inventory)
        let now = Date()
        let scan: VulnerabilityScan?
        var serverExceptions: [PolicyException] = []
        switch vulnerabilities {
        case .database(let database)?:
            scan = try matchVulnerabilities(inventory, artifact: artifact, database: database, on: now)
        case .server(let url)?:
            let answer = try await matchOnServer(url, inventory: inventory, artifact: artifact)
            (scan, serverExceptions) = (answer.scan, answer.exceptions)
        case nil:
            scan = nil
        }
        let reportStart = StageClock()
        let licenses = licenseTargets(inventory, files: licenseFiles)
        // Without the `vuln` scanner, packages are still listed where the output lists them (Trivy's SBOM
        // scanner): SBOM formats and `--list-all-pkgs`.
        let listsPackages = options.report.listAllPkgs || options.report.writesSBOM
        let packageTargets = listsPackages ? inventory.targets.map(DetectedTarget.init(packagesOf:)) : []
        let detected = (scan?.targets ?? packageTargets) + otherTargets + licenses
        let (gate, triage) = try makeGate(
            artifact: artifact, operatingSystem: inventory.operatingSystem, targets: detected, now: now,
            sharedExceptions: serverExceptions)
        let decided = gate.decide(detected)
        var verdict = gate.verdict(decided, coverage: scan?.coverage)
        verdict.failForUnparsedFiles(unparsedFiles, policy: gate.policy)
        let supplyChain = supplyChainResults(policy: gate.policy, artifact: artifact)
        verdict.failForSupplyChain(supplyChain, policy: gate.policy)
        var warnings = databaseWarnings.map { ScanWarning($0) } + inventory.warnings
        warnings += (triage.warnings + policyWarnings(gate, verdict: verdict) + (scan?.warnings ?? [])).map {
            ScanWarning($0)
        }
        warnings += supplyChain.filter { !$0.isSatisfied && $0.rule.action == .warn }.map { ScanWarning($0.summary) }
        warnings += supplyChain.compactMap(\.evidenceWarning).map { ScanWarning($0) }
        var report = ScanReport(
            createdAt: now,
            artifact: artifact,
            operatingSystem: inventory.operatingSystem,
            targets: decided,
            verdict: verdict,
            database: scan?.database,
            warnings: warnings, coverage: scan?.coverage, inventory: inventory, baseline: triage.baseline?.comparison,
            scanners: scanners ?? options.findingKinds
        )
        report.supplyChain = supplyChain
        report.attestations = attestations
        if !options.quiet {
            // Repeated warnings of one kind are summarised; `--debug` and the JSON report list them all.
            let lines =
                options.debug
                ? warnings.map(\.description) : WarningSummary(warnings).lines(hint: "all with --debug")
            for line in lines { Console.error("drydock: warning: \(line)") }
        }
        let rendered = try options.report.render(report)
        if !options.quiet {
            for warning in rendered.warnings { Console.error("drydock: warning: \(warning)") }
        }
        let bytes = rendered.bytes
        try write(bytes)
        try writeEvidence(report, gate: gate)
        reportTiming("report", since: reportStart)
        if verdict.exitCode != 0 {
            throw ExitCode(verdict.exitCode)
        }
    }

    /// Matches `inventory` against `database` and assesses the coverage (the `vuln` scanner).
    private func matchVulnerabilities(
        _ inventory: Inventory, artifact: ArtifactMetadata, database: VulnerabilityDatabase, on now: Date
    ) throws -> VulnerabilityScan {
        try ScanPipeline.requireSomethingToCheck(inventory, artifact: artifact)
        let engine = ScanEngine(source: database)
        let result: MatchResult
        let matchStart = StageClock()
        do {
            result = try engine.match(inventory)
        } catch {
            throw CommandFailure(.database, "cannot read vulnerability DB \(options.databasePath): \(error)")
        }
        reportTiming("match", since: matchStart)
        let coverageStart = StageClock()
        let coverage: ScanCoverage
        do {
            coverage = try engine.assess(
                inventory, result: result, artifact: artifact, isProject: scansProject, now: now)
        } catch {
            throw CommandFailure(.database, "cannot read vulnerability DB \(options.databasePath): \(error)")
        }
        reportTiming("coverage", since: coverageStart)
        // Only the build time: `info()` counts every table's rows, most of a small scan's report stage.
        let summary: DatabaseSummary?
        do {
            summary = DatabaseFreshness.summary(path: options.databasePath, builtAt: try database.builtAt())
        } catch {
            summary = nil
        }
        return ScanEngine.scan(
            inventory: inventory, artifact: artifact, targets: result.targets.map(DetectedTarget.init(match:)),
            coverage: coverage, database: summary)
    }

    /// Fails with exit code 3 when nothing in the target can be checked: an image whose OS is unknown
    /// and that has no other packages must never be reported as "no vulnerabilities".
    static func requireSomethingToCheck(_ inventory: Inventory, artifact: ArtifactMetadata) throws {
        do {
            try ScanEngine.requireSomethingToCheck(inventory, artifact: artifact)
        } catch {
            throw CommandFailure(.target, error.reason)
        }
    }

    /// Whether `path` exists (symbolic links followed) and is not a regular file: a device, FIFO or socket.
    static func isSpecialFile(_ path: String) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0 else { return false }
        return status.st_mode & S_IFMT != S_IFREG
    }

    /// Writes the report to `--output` or standard output.
    private func write(_ bytes: [UInt8]) throws {
        try options.report.write(bytes)
    }

    /// Writes `bytes` to `path`, atomically when it is a regular file or new; a usage error when it cannot.
    static func writeFile(_ bytes: [UInt8], to path: String, what: String) throws {
        do {
            // An atomic write renames a new file over the path: that would replace `/dev/null`, a FIFO
            // or `/dev/stdout` (run as root) with a regular file, so those are written in place.
            try Data(bytes).write(
                to: URL(fileURLWithPath: path), options: ScanPipeline.isSpecialFile(path) ? [] : .atomic)
        } catch {
            throw CommandFailure(.usage, "cannot write \(what) to \(path): \(error.localizedDescription)")
        }
    }
}

extension ScanPipeline {
    /// The layer cache under the cache directory, or `nil` with `--no-cache`. Its warnings go to standard
    /// error unless `--quiet`.
    func layerCache() -> LayerCache? {
        guard !options.noCache, options.compatibility.cacheBackend != "memory" else { return nil }
        let quiet = options.quiet
        return LayerCache(
            path: CachePaths(override: options.cacheDir).layerCacheFile,
            maxSize: options.cacheMaxSize.flatMap(LayerCache.parseSize) ?? LayerCache.defaultMaxSize,
            toolVersion: DrydockCommand.version,
            warn: { message in if !quiet { Console.error("drydock: warning: \(message)") } })
    }

    /// Catalogs an archive or registry image through `cache`, printing one line per layer with `--debug`.
    /// With `--scanners license --license-full`, license files and headers are read too (`licenseFiles`); with
    /// `--scanners misconfig`, configuration files are kept (`scannableFiles`); with `secrets`, every layer's
    /// files are scanned for secrets too (`CatalogResult.contentFindings`).
    func catalog(_ image: some LayeredImage, artifactName: String, cache: LayerCache?, secrets: SecretScanner?)
        throws(CatalogError) -> CatalogResult
    {
        let debug = options.debug
        let analyzers = ImageCataloger.defaultAnalyzers + licenseAnalyzers + misconfigAnalyzers
        // With `--server`, the analyses are recorded to send the server only the layers it lacks.
        var cataloger = ImageCataloger(
            analyzers: analyzers, cache: options.server.url == nil ? cache : layerRecorder.wrapping(cache))
        cataloger.filter = options.target.resolvedFilter
        cataloger.merging = options.target.mergeOptions
        cataloger.contentScanner = secrets.map { SecretContentScanner(scanner: $0, absolutePaths: true) }
        return try timed("catalog") { () throws(CatalogError) in
            try cataloger.catalog(image, artifactName: artifactName) { event in
                if debug { Console.error("drydock: debug: \(event.debugLine)") }
            }
        }
    }

    /// Runs `body`; with the hidden `--timings` flag, prints its wall time on standard error as
    /// `drydock: timing: STAGE SECONDS s` (what `Benchmarks/` reads to split matching from reporting).
    func timed<T, E: Error>(_ stage: String, _ body: () throws(E) -> T) throws(E) -> T {
        let start = StageClock()
        let value = try body()
        reportTiming(stage, since: start)
        return value
    }

    /// Prints the wall and process CPU time since `start` for `stage` when `--timings` is set.
    func reportTiming(_ stage: String, since start: StageClock) {
        guard options.timings else { return }
        let now = StageClock()
        let wall = String(format: "%.4f", now.wall - start.wall)
        let cpu = String(format: "%.4f", now.cpu - start.cpu)
        Console.error("drydock: timing: \(stage) \(wall) s cpu \(cpu) s")
    }
}

/// A reading of the monotonic clock and of the process's CPU time (all threads), in seconds.
struct StageClock {
    var wall: Double
    var cpu: Double

    init() {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        wall = Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        cpu = Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
