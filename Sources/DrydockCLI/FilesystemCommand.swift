import ArgumentParser
import DrydockCatalog
import DrydockModel
import Foundation

/// `drydock fs`: scan a project directory's lockfiles and manifests.
struct FilesystemCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fs",
        abstract: "Scan a project directory: lockfiles and manifests (package-lock.json, requirements.txt, …).",
        discussion: """
            Reads the lockfiles Trivy reads for file systems (see docs/language-packages.md); skips .git \
            and node_modules. OS packages are read too when the directory holds a package database.
            """
    )

    @Argument(help: "The directory to scan.")
    var path: String?

    @OptionGroup var options: ScanOptions

    @OptionGroup(title: "Registry options (for --db-repository)") var registry: RegistryOptions

    mutating func validate() throws {
        if path == nil && !ScanActions.replaceScan(options) { throw ValidationError("give the directory to scan") }
    }

    mutating func run() async throws {
        if try await ScanActions.run(options, registry: registry) { return }
        guard let path else { return }
        try await DirectoryScan(
            path: path, mode: .filesystem, artifactType: "filesystem", options: options, registry: registry
        ).run()
    }
}

/// Scans a directory with `DirectoryCataloger` and the shared pipeline: catalog, then the DB update the
/// inventory needs (as image scans do), then match and report.
struct DirectoryScan {
    var path: String
    var mode: DirectoryCataloger.Mode
    var artifactType: String
    var options: ScanOptions
    /// Credentials for `--db-repository`.
    var registry: RegistryOptions?

    func run() async throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandFailure(.target, "cannot scan \(path): not a directory")
        }
        var pipeline = ScanPipeline(options: options)
        let result: CatalogResult
        let analyzers =
            DirectoryCataloger.defaultAnalyzers(for: mode) + pipeline.licenseAnalyzers + pipeline.misconfigAnalyzers
        var cataloger = DirectoryCataloger(mode: mode, analyzers: analyzers, filter: try options.target.pathFilter())
        cataloger.merging = options.target.mergeOptions
        do {
            result = try pipeline.timed("catalog") { try cataloger.catalog(directory: path) }
        } catch {
            throw CommandFailure(.target, "cannot read \(path): \(error)")
        }
        let metadata = ArtifactMetadata(name: path, type: artifactType)
        try await pipeline.finish(result, artifact: metadata, root: path, registry: registry)
    }
}
