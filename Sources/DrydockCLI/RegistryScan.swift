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
        for image in images {
            let inventory: Inventory
            do {
                let name = parsed.description
                inventory = try await BlockingWork.run { try Self.catalog(image, artifactName: name) }
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

    /// Walks every layer with the default analyzers and merges them, as `ImageCataloger` does for archives.
    static func catalog(_ image: RegistryImage, artifactName: String) throws -> Inventory {
        let walker = LayerWalker(analyzers: ImageCataloger.defaultAnalyzers)
        var analyses = [LayerAnalysis?](repeating: nil, count: image.image.layers.count)
        try image.forEachLayer { layer, reader in
            analyses[layer.index] = try walker.analyze(
                reader, diffID: layer.reference.diffID,
                location: "layer \(layer.reference.digest ?? layer.path) of \(image.image.reference)")
        }
        let complete = analyses.compactMap { $0 }
        guard complete.count == analyses.count else {
            throw CommandFailure(.target, "not every layer of \(image.image.reference) was read")
        }
        return LayerMerger.merge(
            complete, references: image.image.layers.map(\.reference), artifactName: artifactName
        ).inventory
    }

    /// The client from the flags: credentials, mirrors, `--insecure`, `--cacert`, `--offline`.
    func makeClient() throws -> RegistryClient {
        var explicit: RegistryCredential?
        if let token = registry.registryToken {
            explicit = .bearer(token: token)
        } else if let username = registry.username {
            var password = registry.password ?? ""
            if registry.passwordStdin {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                password = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
            }
            explicit = .basic(username: username, password: password)
        }
        do {
            let credentials = try CredentialResolver.load(explicit: explicit)
            let configuration = try RegistryConfiguration.load(path: registry.registryConfig)
            let transport: any HTTPTransport
            if options.offline {
                transport = OfflineTransport()
            } else {
                transport = try AsyncHTTPTransport(
                    options: AsyncHTTPTransport.Options(
                        allowPlainHTTP: registry.insecure, caCertificatePath: registry.cacert))
            }
            return RegistryClient(
                transport: transport, credentials: credentials, configuration: configuration,
                insecure: registry.insecure)
        } catch  where error.code == .invalidInput || error.code == .configuration {
            throw CommandFailure(.usage, "\(error)")
        } catch {
            throw CommandFailure(.target, "\(error)")
        }
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
