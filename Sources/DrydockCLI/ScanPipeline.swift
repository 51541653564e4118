import ArgumentParser
import DrydockCatalog
import DrydockImage
import DrydockMatch
import DrydockModel
import DrydockPolicy
import DrydockReport
import DrydockVulnDB
import Foundation

/// Runs the stages after the catalog: match, decide, report, and ends with the gate's exit code.
struct ScanPipeline {
    var options: ScanOptions
    /// Warnings from the DB update before the scan (the last good DB was used).
    var databaseWarnings: [String] = []

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

    /// Matches, decides and writes the report; throws `ExitCode` when the gate fails.
    func scanAndReport(inventory: Inventory, artifact: ArtifactMetadata, database: VulnerabilityDatabase) throws {
        try ScanPipeline.requireSomethingToCheck(inventory, artifact: artifact)
        let result: MatchResult
        let matchStart = StageClock()
        do {
            result = try Matcher(source: database).match(inventory)
        } catch {
            throw CommandFailure(.database, "cannot read vulnerability DB \(options.databasePath): \(error)")
        }
        reportTiming("match", since: matchStart)
        let coverageStart = StageClock()
        let now = Date()
        let coverage: ScanCoverage
        do {
            coverage = try ScanCoverage.assess(
                inventory, result: result, source: database, on: now, isProject: artifact.type == "filesystem")
        } catch {
            throw CommandFailure(.database, "cannot read vulnerability DB \(options.databasePath): \(error)")
        }
        reportTiming("coverage", since: coverageStart)
        let reportStart = StageClock()
        let gate = Gate(policy: try options.policy())
        let decided = gate.decide(result)
        let verdict = gate.verdict(decided, coverage: coverage)
        var warnings = databaseWarnings.map(ScanWarning.init) + inventory.warnings
        warnings += ScanPipeline.coverageWarnings(inventory: inventory, result: result, artifact: artifact).map(
            ScanWarning.init)
        if let support = coverage.support, support.isEndOfLife, let summary = support.summary {
            warnings.append(ScanWarning(summary))
        }
        // Only the build time: `info()` counts every table's rows, most of a small scan's report stage.
        let databaseSummary: DatabaseSummary?
        do {
            databaseSummary = DatabaseFreshness.summary(path: options.databasePath, builtAt: try database.builtAt())
        } catch {
            databaseSummary = nil
        }
        let report = ScanReport(
            createdAt: now,
            artifact: artifact,
            operatingSystem: inventory.operatingSystem,
            targets: decided,
            verdict: verdict,
            database: databaseSummary,
            warnings: warnings, coverage: coverage
        )
        if !options.quiet {
            // Repeated warnings of one kind are summarised; `--debug` and the JSON report list them all.
            let lines =
                options.debug
                ? warnings.map(\.description) : WarningSummary(warnings).lines(hint: "all with --debug")
            for line in lines { Console.error("drydock: warning: \(line)") }
        }
        let bytes: [UInt8]
        switch options.format {
        case .json:
            bytes = TrivyJSONReport(listAllPackages: options.listAllPkgs).render(report)
        case .table:
            let colour = options.output == nil && Console.colourOutput
            bytes = Array(TableReport(colour: colour).render(report).utf8)
        }
        try write(bytes)
        reportTiming("report", since: reportStart)
        if verdict.exitCode != 0 {
            throw ExitCode(verdict.exitCode)
        }
    }

    /// Fails with exit code 3 when nothing in the target can be checked: an image whose OS is unknown
    /// and that has no other packages must never be reported as "no vulnerabilities".
    static func requireSomethingToCheck(_ inventory: Inventory, artifact: ArtifactMetadata) throws {
        let hasPackages = inventory.targets.contains { !$0.packages.isEmpty }
        // A project directory need not hold an OS; an empty one is simply clean, as Trivy reports it.
        if artifact.type == "filesystem", inventory.operatingSystem == nil { return }
        guard let os = inventory.operatingSystem else {
            if hasPackages { return }
            throw CommandFailure(
                .target,
                "cannot scan \(artifact.name): operating system not detected (no etc/os-release, usr/lib/os-release, "
                    + "etc/alpine-release or etc/debian_version) and no packages found; nothing could be checked")
        }
        if os.family == .unknown && !hasPackages {
            throw CommandFailure(
                .target,
                "cannot scan \(artifact.name): operating system '\(os.prettyName ?? os.version)' is not supported "
                    + "(supported distributions: docs/distributions.md); nothing could be checked")
        }
    }

    /// Whether `path` exists (symbolic links followed) and is not a regular file: a device, FIFO or socket.
    static func isSpecialFile(_ path: String) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0 else { return false }
        return status.st_mode & S_IFMT != S_IFREG
    }

    /// Coverage problems that must be said out loud: an unknown OS or an uncovered release is never "clean".
    static func coverageWarnings(inventory: Inventory, result: MatchResult, artifact: ArtifactMetadata) -> [String] {
        var warnings: [String] = []
        if inventory.operatingSystem == nil, artifact.type != "filesystem" {
            warnings.append(
                "\(artifact.name): operating system not detected (no etc/os-release, etc/alpine-release or etc/debian_version); OS packages were not checked"
            )
        } else if let os = inventory.operatingSystem, os.family == .unknown {
            warnings.append(
                "\(artifact.name): operating system '\(os.prettyName ?? os.version)' is not supported; OS packages were not checked"
            )
        }
        for target in result.targets {
            for namespace in target.coverage.uncoveredNamespaces {
                warnings.append(
                    "\(target.target.name): the vulnerability DB has no advisories for \(namespace); its packages were not checked"
                )
            }
            if !target.coverage.unmatchable.isEmpty {
                warnings.append(
                    "\(target.target.name): \(target.coverage.unmatchable.count) package(s) could not be matched (see the report)"
                )
            }
        }
        return warnings
    }

    /// Writes the report to `--output` (atomically when it is a regular file or new) or standard output.
    private func write(_ bytes: [UInt8]) throws {
        guard let output = options.output else {
            Console.output(bytes)
            return
        }
        do {
            // An atomic write renames a new file over the path: that would replace `/dev/null`, a FIFO
            // or `/dev/stdout` (run as root) with a regular file, so those are written in place.
            try Data(bytes).write(
                to: URL(fileURLWithPath: output), options: ScanPipeline.isSpecialFile(output) ? [] : .atomic)
        } catch {
            throw CommandFailure(.usage, "cannot write report to \(output): \(error.localizedDescription)")
        }
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
        let cataloger = ImageCataloger(cache: cache)
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
