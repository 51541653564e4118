import ArgumentParser
import DrydockCatalog
import DrydockImage
import DrydockModel
import DrydockNetwork
import DrydockPolicy
import DrydockSecrets
import DrydockVulnDB
import Foundation

/// `drydock image REF`: pulls the image's metadata from its registry, streams each layer into the
/// catalog while it downloads, and runs the rest of the pipeline once per selected platform.
struct RegistryScan {
    var reference: String
    var registry: RegistryOptions
    /// `--platform`.
    var platform: String?
    var options: ScanOptions
    var archiveOptions = ImageArchive.Options()
    var imageConfig = ImageConfigScanOptions()

    func run() async throws {
        let parsed: ImageReference
        do {
            parsed = try ImageReference.parse(reference)
        } catch {
            throw CommandFailure(.usage, "\(error)")
        }
        let selection: PlatformSelection
        do {
            selection = try PlatformSelection.parse(platform)
        } catch {
            throw CommandFailure(.usage, "\(error)")
        }
        // An explicit --db is opened before anything is pulled, so a wrong path fails at once; the default
        // DB is updated after the catalog, with the shards the inventory needs.
        let given =
            options.db == nil || options.server.url != nil ? nil : try ScanPipeline(options: options).openDatabase()
        let secrets = try options.imageSecretScan(imageConfig)
        let supplyChainCheck = try SupplyChainCheck.load(options.policy)
        let client = try makeClient()
        // One pipeline for the catalog and the report: with `--server` it records the layer analyses to send.
        var pipeline = ScanPipeline(options: options)
        let scanned: [(image: RegistryImage, catalog: CatalogResult)]
        // The policy's supply-chain rules, judged per platform on the signatures the registry holds.
        var supplyChains: [String: [SupplyChainRuleResult]] = [:]
        do {
            scanned = try await catalog(
                parsed, selection: selection, client: client, pipeline: pipeline, secrets: secrets.files)
            for (image, _) in scanned {
                supplyChains[image.manifestDigest] = await supplyChainCheck?.evaluate(
                    image, reference: parsed, client: client)
            }
        } catch {
            await (client.transport as? AsyncHTTPTransport)?.shutdown()
            throw error
        }
        await (client.transport as? AsyncHTTPTransport)?.shutdown()
        let source: VulnerabilitySource?
        if let given {
            source = .database(given)
        } else {
            source = try await pipeline.vulnerabilitySource(
                registry: registry, inventories: scanned.map(\.catalog.inventory))
        }
        var failure: ExitCode?
        for (image, catalog) in scanned {
            var perPlatform = pipeline
            perPlatform.supplyChain = supplyChains[image.manifestDigest]
            if scanned.count > 1 {
                perPlatform.options.report.output = options.report.output.map {
                    Self.outputPath($0, platform: image.platform ?? "unknown")
                }
                perPlatform.options.policy.evidence = options.policy.evidence.map {
                    Self.outputPath($0, platform: image.platform ?? "unknown")
                }
            }
            if options.report.format == .report(.table) && perPlatform.options.report.output == nil {
                Console.output(
                    "\nImage: \(parsed) (digest \(image.digest))\nPlatform: \(image.platform ?? "unknown") "
                        + "(manifest \(image.manifestDigest))\n")
            }
            do {
                let name = parsed.description
                var metadata = ArtifactMetadata(image: image.image, name: name)
                let secretTargets = SecretTargets.make(catalog, artifact: &metadata, imageConfig: secrets.config)
                let misconfigurations = try perPlatform.misconfigurations(
                    catalog.scannableFiles, root: name,
                    imageConfig: imageConfig.checksMisconfig(options) ? image.image.configJSON : nil, imageName: name)
                try await perPlatform.report(
                    catalog, artifact: metadata, misconfigurations: misconfigurations, otherTargets: secretTargets,
                    vulnerabilities: source)
            } catch let code as ExitCode {
                failure = failure ?? code
            }
        }
        if let failure { throw failure }
    }

    /// Pulls the selected platforms' metadata and catalogs each image, streaming its layers.
    private func catalog(
        _ parsed: ImageReference, selection: PlatformSelection, client: RegistryClient, pipeline: ScanPipeline,
        secrets: SecretScanner?
    ) async throws -> [(image: RegistryImage, catalog: CatalogResult)] {
        let images: [RegistryImage]
        do {
            images = try await RegistryPuller(client: client, options: archiveOptions).pull(parsed, platform: selection)
        } catch {
            throw PullFailure(reason: "cannot pull \(parsed): \(error)")
        }
        let cache = pipeline.layerCache()
        var scanned: [(image: RegistryImage, catalog: CatalogResult)] = []
        for image in images {
            do {
                let name = parsed.description
                let catalog = try await BlockingWork.run {
                    try pipeline.catalog(image, artifactName: name, cache: cache, secrets: secrets)
                }
                scanned.append((image, catalog))
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
