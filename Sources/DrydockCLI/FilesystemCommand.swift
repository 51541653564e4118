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
    var path: String

    @OptionGroup var options: ScanOptions

    mutating func run() async throws {
        try await DirectoryScan(path: path, mode: .filesystem, artifactType: "filesystem", options: options).run()
    }
}

/// Scans a directory with `DirectoryCataloger` and the shared pipeline: catalog, then the DB update the
/// inventory needs (as image scans do), then match and report.
struct DirectoryScan {
    var path: String
    var mode: DirectoryCataloger.Mode
    var artifactType: String
    var options: ScanOptions

    func run() async throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandFailure(.target, "cannot scan \(path): not a directory")
        }
        var pipeline = ScanPipeline(options: options)
        let inventory: Inventory
        do {
            inventory = try pipeline.timed("catalog") { try DirectoryCataloger(mode: mode).catalog(directory: path) }
                .inventory
        } catch {
            throw CommandFailure(.target, "cannot read \(path): \(error)")
        }
        let metadata = ArtifactMetadata(name: path, type: artifactType)
        if try await pipeline.scanOnServer(inventory: inventory, artifact: metadata) { return }
        pipeline.databaseWarnings = await DatabaseAutoUpdate.runIfDue(options: options, inventory: inventory)
        let database = try pipeline.openDatabase()
        try pipeline.scanAndReport(inventory: inventory, artifact: metadata, database: database)
    }
}
