import ArgumentParser
import DrydockCatalog
import DrydockImage
import DrydockModel
import DrydockSecrets
import Foundation

/// `drydock image NAME`: tries each `--image-src` in order — a local engine that has the image is scanned
/// from there, else the next source — and fails listing every source and why when none can provide it.
struct ImageSourceScan {
    var reference: String
    var sources: ImageSourceOptions
    var registry: RegistryOptions
    /// `--platform`.
    var platform: String?
    var options: ScanOptions
    var archiveOptions: ImageArchive.Options
    var imageConfig = ImageConfigScanOptions()
    /// Who may sign the attestations read without a policy rule.
    var signers = AttestationSignerOptions()

    func run() async throws {
        let order = try sources.sources()
        let platform: PlatformSelection
        do {
            platform = try PlatformSelection.parse(self.platform)
        } catch {
            throw CommandFailure(.usage, "\(error)")
        }
        let settings = sources.settings(
            platform: platform, archiveOptions: archiveOptions,
            cacheDirectory: CachePaths(override: options.cacheDir).root)
        let debug = options.debug
        let log: @Sendable (String) -> Void = { line in if debug { Console.error("drydock: debug: \(line)") } }
        var attempts: [SourceAttempt] = []
        for source in order {
            if source == .remote {
                do {
                    try await RegistryScan(
                        reference: reference, registry: registry, platform: self.platform, options: options,
                        archiveOptions: archiveOptions, imageConfig: imageConfig, signers: signers
                    ).run()
                    return
                } catch let failure as RegistryScan.PullFailure {
                    attempts.append(SourceAttempt(source: .remote, reason: failure.reason))
                    log("remote: \(failure.reason)")
                    continue
                }
            }
            let outcome: EngineLookup.Outcome
            do {
                outcome = try await EngineLookup.find(reference, in: source, settings: settings, log: log)
            } catch {
                throw CommandFailure(.target, "cannot read image \(reference) from \(source): \(error)")
            }
            switch outcome {
            case .absent(let reason):
                attempts.append(SourceAttempt(source: source, reason: reason))
                log("\(source): \(reason)")
            case .found(let image):
                do {
                    try await scan(image)
                } catch {
                    await image.close()
                    throw error
                }
                await image.close()
                return
            }
        }
        if attempts.count == 1, let only = attempts.first, only.source == .remote {
            throw CommandFailure(.target, only.reason)
        }
        throw CommandFailure(.target, SourceAttempt.summary(attempts, reference: reference))
    }

    /// Catalogs the engine's image and runs the rest of the pipeline; the report carries the engine's image
    /// ID, tags and digests.
    private func scan(_ found: EngineImage) async throws {
        options.sbomSources.warnNotFromRegistry(reference, quiet: options.quiet)
        var pipeline = ScanPipeline(options: options)
        let cache = pipeline.layerCache()
        let name = reference
        let catalogPipeline = pipeline
        let secrets = try options.imageSecretScan(imageConfig)
        let attested = try await RepoDigestAttestations(
            options: options, registry: registry, signers: signers, archiveOptions: archiveOptions
        ).lookUp(found.image, name: reference, repoDigests: found.repoDigests)
        pipeline.attestedVEX = attested?.vex
        pipeline.supplyChain = attested?.supplyChain
        var catalog: CatalogResult
        do {
            catalog = try await BlockingWork.run {
                try catalogPipeline.catalog(found.layered, artifactName: name, cache: cache, secrets: secrets.files)
            }
        } catch {
            throw CommandFailure(
                .target, "cannot read image \(reference) from \(found.source) (\(found.endpoint)): \(error)")
        }
        catalog.inventory.warnings += (attested?.warnings ?? []).map { ScanWarning($0) }
        var metadata = ArtifactMetadata(image: found.image, name: reference)
        metadata.imageID = found.imageID
        metadata.repoTags = found.repoTags
        metadata.repoDigests = found.repoDigests
        let secretTargets = SecretTargets.make(catalog, artifact: &metadata, imageConfig: secrets.config)
        try await pipeline.finish(
            catalog, artifact: metadata, root: reference,
            imageConfig: imageConfig.checksMisconfig(options) ? found.image.configJSON : nil, registry: registry,
            otherTargets: secretTargets)
    }
}
