import ArgumentParser
import DrydockCatalog
import DrydockImage
import DrydockModel
import DrydockNetwork
import DrydockVulnDB
import Foundation

/// `drydock image REF`: pulls the image's metadata from its registry, streams each layer into the
/// catalog while it downloads, and runs the rest of the pipeline once per selected platform.
struct RegistryScan {
    var reference: String
    var registry: RegistryOptions
    var options: ScanOptions
    var archiveOptions = ImageArchive.Options()

    func run() async throws {
        let parsed: ImageReference
        do {
            parsed = try ImageReference.parse(reference)
        } catch {
            throw CommandFailure(.usage, "\(error)")
        }
        let selection: PlatformSelection
        do {
            selection = try PlatformSelection.parse(registry.platform)
        } catch {
            throw CommandFailure(.usage, "\(error)")
        }
        // An explicit --db is opened before anything is pulled, so a wrong path fails at once; the default
        // DB is updated after the catalog, with the shards the inventory needs.
        let given = options.db == nil ? nil : try ScanPipeline(options: options).openDatabase()
        let client = try makeClient()
        let scanned: [(image: RegistryImage, inventory: Inventory)]
        do {
            scanned = try await catalog(parsed, selection: selection, client: client)
        } catch {
            await (client.transport as? AsyncHTTPTransport)?.shutdown()
            throw error
        }
        await (client.transport as? AsyncHTTPTransport)?.shutdown()
        var pipeline = ScanPipeline(options: options)
        if options.server.url != nil {
            try await scanOnServer(scanned, pipeline: pipeline, reference: parsed.description)
            return
        }
        pipeline.databaseWarnings = await DatabaseAutoUpdate.runIfDue(
            options: options, registry: registry, inventories: scanned.map(\.inventory))
        let database = try given ?? pipeline.openDatabase()
        var failure: ExitCode?
        for (image, inventory) in scanned {
            var perPlatform = pipeline
            if scanned.count > 1 {
                perPlatform.options.report.output = options.report.output.map {
                    Self.outputPath($0, platform: image.platform ?? "unknown")
                }
            }
            if options.report.format == .report(.table) && perPlatform.options.report.output == nil {
                Console.output(
                    "\nImage: \(parsed) (digest \(image.digest))\nPlatform: \(image.platform ?? "unknown") "
                        + "(manifest \(image.manifestDigest))\n")
            }
            do {
                try perPlatform.scanAndReport(
                    inventory: inventory, artifact: ArtifactMetadata(image: image.image, name: parsed.description),
                    database: database)
            } catch let code as ExitCode {
                failure = failure ?? code
            }
        }
        if let failure { throw failure }
    }

    /// `--server`: each platform's inventory goes to the server; the first failing gate's code ends the run.
    private func scanOnServer(
        _ scanned: [(image: RegistryImage, inventory: Inventory)], pipeline: ScanPipeline, reference: String
    ) async throws {
        var failure: ExitCode?
        for (image, inventory) in scanned {
            do {
                _ = try await pipeline.scanOnServer(
                    inventory: inventory, artifact: ArtifactMetadata(image: image.image, name: reference))
            } catch let code as ExitCode {
                failure = failure ?? code
            }
        }
        if let failure { throw failure }
    }

    /// Pulls the selected platforms' metadata and catalogs each image, streaming its layers.
    private func catalog(
        _ parsed: ImageReference, selection: PlatformSelection, client: RegistryClient
    ) async throws -> [(image: RegistryImage, inventory: Inventory)] {
        let images: [RegistryImage]
        do {
            images = try await RegistryPuller(client: client, options: archiveOptions).pull(parsed, platform: selection)
        } catch {
            throw PullFailure(reason: "cannot pull \(parsed): \(error)")
        }
        let pipeline = ScanPipeline(options: options)
        let cache = pipeline.layerCache()
        var scanned: [(image: RegistryImage, inventory: Inventory)] = []
        for image in images {
            do {
                let name = parsed.description
                let inventory = try await BlockingWork.run {
                    try pipeline.catalog(image, artifactName: name, cache: cache)
                }
                scanned.append((image, inventory))
            } catch {
                throw CommandFailure(.target, "cannot read image \(parsed) (\(image.platform ?? "")): \(error)")
            }
        }
        return scanned
    }

    /// The client from the flags: credentials, mirrors, `--insecure`, `--cacert`, `--offline`.
    func makeClient() throws -> RegistryClient {
        try registry.makeClient(offline: options.offline)
    }

    /// The registry could not provide the image (not found, unreachable, refused): the next `--image-src`
    /// is tried, or the scan fails with exit code 3.
    struct PullFailure: Error {
        var reason: String
    }

    /// `report.json` → `report.linux-arm64.json` for one platform of `--platform all`.
    static func outputPath(_ path: String, platform: String) -> String {
        let suffix = platform.replacingOccurrences(of: "/", with: "-")
        let url = URL(fileURLWithPath: path)
        let ext = url.pathExtension
        let base = ext.isEmpty ? path : String(path.dropLast(ext.count + 1))
        return ext.isEmpty ? "\(base).\(suffix)" : "\(base).\(suffix).\(ext)"
    }
}
