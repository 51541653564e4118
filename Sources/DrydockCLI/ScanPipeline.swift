import ArgumentParser
import DrydockCatalog
import DrydockImage
import DrydockMatch
import DrydockModel
import DrydockPolicy
import DrydockReport
import DrydockSBOM
import DrydockScan
import DrydockVulnDB
import Foundation

/// Runs the stages after the catalog: match, decide, report, and ends with the gate's exit code.
struct ScanPipeline {
    var options: ScanOptions
    /// Warnings from the DB update before the scan (the last good DB was used).
    var databaseWarnings: [String] = []
    /// Whether the target is a project directory though its artifact type says otherwise (an SBOM of one).
    var scansProject = false
    /// The layer analyses of a `--server` scan, to send the server only those it lacks.
    let layerRecorder = LayerRecorder()

    /// Opens the vulnerability DB, or fails with exit code 4 and what to do about it.
    func openDatabase() throws -> VulnerabilityDatabase {
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
    /// results of the other scanners (misconfigurations, secrets, licenses), decided with the vulnerabilities.
    func scanAndReport(
        inventory: Inventory, artifact: ArtifactMetadata, database: VulnerabilityDatabase,
        otherTargets: [DetectedTarget] = []
    ) throws {
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
        let now = Date()
        let coverage: ScanCoverage
        do {
            coverage = try engine.assess(
                inventory, result: result, artifact: artifact, isProject: scansProject, now: now)
        } catch {
            throw CommandFailure(.database, "cannot read vulnerability DB \(options.databasePath): \(error)")
        }
        reportTiming("coverage", since: coverageStart)
        let reportStart = StageClock()
        let gate = Gate(policy: try options.gate.policy())
        let decided = gate.decide(result.targets.map(DetectedTarget.init(match:)) + otherTargets)
        let verdict = gate.verdict(decided, coverage: coverage)
        let warnings = databaseWarnings + inventory.warnings
        // Only the build time: `info()` counts every table's rows, most of a small scan's report stage.
        let databaseSummary: DatabaseSummary?
        do {
            databaseSummary = DatabaseFreshness.summary(path: options.databasePath, builtAt: try database.builtAt())
        } catch {
            databaseSummary = nil
        }
        let report = ScanEngine.report(
            inventory: inventory, artifact: artifact, result: result, coverage: coverage, decided: decided,
            verdict: verdict, database: databaseSummary, leadingWarnings: warnings, now: now)
        if !options.quiet {
            for warning in report.warnings { Console.error("drydock: warning: \(warning)") }
        }
        let rendered = try options.report.render(report)
        if !options.quiet {
            for warning in rendered.warnings { Console.error("drydock: warning: \(warning)") }
        }
        let bytes = rendered.bytes
        try write(bytes)
        reportTiming("report", since: reportStart)
        if verdict.exitCode != 0 {
            throw ExitCode(verdict.exitCode)
        }
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
}

extension ScanPipeline {
    /// The layer cache under the cache directory, or `nil` with `--no-cache`. Its warnings go to standard
    /// error unless `--quiet`.
    func layerCache() -> LayerCache? {
        guard !options.noCache else { return nil }
        let quiet = options.quiet
        return LayerCache(
            path: CachePaths(override: options.cacheDir).layerCacheFile,
            maxSize: options.cacheMaxSize.flatMap(LayerCache.parseSize) ?? LayerCache.defaultMaxSize,
            toolVersion: DrydockCommand.version,
            warn: { message in if !quiet { Console.error("drydock: warning: \(message)") } })
    }

    /// Catalogs an archive or registry image through `cache`, printing one line per layer with `--debug`.
    func catalog(_ image: some LayeredImage, artifactName: String, cache: LayerCache?) throws(CatalogError)
        -> Inventory
    {
        let debug = options.debug
        let cataloger = ImageCataloger(cache: options.server.url == nil ? cache : layerRecorder.wrapping(cache))
        return try timed("catalog") { () throws(CatalogError) in
            try cataloger.catalog(image, artifactName: artifactName) { event in
                if debug { Console.error("drydock: debug: \(event.debugLine)") }
            }.inventory
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
