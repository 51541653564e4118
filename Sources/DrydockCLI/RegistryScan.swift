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
        let pipeline = ScanPipeline(options: options)
        let database = try pipeline.openDatabase()
        let client = try makeClient()
        do {
            try await scan(parsed, selection: selection, client: client, database: database)
        } catch {
            await (client.transport as? AsyncHTTPTransport)?.shutdown()
            throw error
        }
        await (client.transport as? AsyncHTTPTransport)?.shutdown()
    }

    private func scan(
        _ parsed: ImageReference, selection: PlatformSelection, client: RegistryClient,
        database: VulnerabilityDatabase
    ) async throws {
        let images: [RegistryImage]
        do {
            images = try await RegistryPuller(client: client, options: archiveOptions).pull(parsed, platform: selection)
        } catch {
            throw CommandFailure(.target, "cannot pull \(parsed): \(error)")
        }
        var failure: ExitCode?
        let pipeline = ScanPipeline(options: options)
        let cache = pipeline.layerCache()
        for image in images {
            let inventory: Inventory
            do {
                let name = parsed.description
                inventory = try await BlockingWork.run { try pipeline.catalog(image, artifactName: name, cache: cache) }
            } catch {
                throw CommandFailure(.target, "cannot read image \(parsed) (\(image.platform ?? "")): \(error)")
            }
            var perPlatform = options
            if images.count > 1 {
                perPlatform.output = options.output.map { Self.outputPath($0, platform: image.platform ?? "unknown") }
            }
            if options.format == .table && perPlatform.output == nil {
                Console.output(
                    "\nImage: \(parsed) (digest \(image.digest))\nPlatform: \(image.platform ?? "unknown") "
                        + "(manifest \(image.manifestDigest))\n")
            }
            do {
                try ScanPipeline(options: perPlatform).scanAndReport(
                    inventory: inventory, artifact: ArtifactMetadata(image: image.image, name: parsed.description),
                    database: database)
            } catch let code as ExitCode {
                failure = failure ?? code
            }
        }
        if let failure { throw failure }
    }

    /// The client from the flags: credentials, mirrors, `--insecure`, `--cacert`, `--offline`.
    func makeClient() throws -> RegistryClient {
        try registry.makeClient(offline: options.offline)
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
