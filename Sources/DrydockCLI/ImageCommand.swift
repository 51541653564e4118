import ArgumentParser
import DrydockCatalog
import DrydockImage
import DrydockModel
import DrydockSecrets
import Foundation

/// `drydock image`: scan a container image.
struct ImageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image",
        abstract: "Scan a container image: from a local engine, a registry, a docker save tarball or an OCI layout.",
        discussion: """
            REF is looked up in the local Docker, containerd and Podman engines, then pulled from its \
            registry (alpine, ghcr.io/org/app:1.2, 127.0.0.1:5000/app@sha256:...; --image-src sets the \
            order; see docs/image-sources.md and docs/registries.md). --input PATH reads a `docker save` \
            tarball (plain or gzip-compressed) or an OCI image layout (a directory or a tar of one). \
            PATH:TAG selects one image when the archive holds several.
            """
    )

    @Argument(help: "Image name, in a local engine or a registry (alpine:3.19, registry:5000/app@sha256:...).")
    var reference: String?

    @Option(name: [.customShort("i"), .long], help: "Image archive or OCI layout to read instead of a registry.")
    var input: String?

    @Option(
        name: .long,
        help: "Platform of a multi-platform image: os/arch[/variant], or 'all' to scan each (default: the host's).")
    var platform: String?

    @OptionGroup var options: ScanOptions

    @OptionGroup(title: "Registry options") var registry: RegistryOptions

    @OptionGroup(title: "Image sources") var sources: ImageSourceOptions

    @OptionGroup(title: "Layer limits") var limits: LayerLimitOptions

    @OptionGroup(title: "Image configuration") var imageConfig: ImageConfigScanOptions

    @OptionGroup(title: "Attestation signers") var signers: AttestationSignerOptions

    mutating func validate() throws {
        if ScanActions.replaceScan(options) { return }
        if input == nil && reference == nil {
            throw ValidationError("give an image: REF, or --input PATH (a docker save tarball or an OCI layout)")
        }
        if input != nil && reference != nil {
            throw ValidationError("give either REF or --input PATH, not both")
        }
    }

    mutating func run() async throws {
        if try await ScanActions.run(options, registry: registry) { return }
        if !options.quiet {
            for warning in options.sbomSources.warnings { Console.error("drydock: warning: \(warning)") }
        }
        guard let input else {
            if let reference {
                try await ImageSourceScan(
                    reference: reference, sources: sources, registry: registry, platform: platform, options: options,
                    archiveOptions: limits.archiveOptions(platform: platform), imageConfig: imageConfig,
                    signers: signers
                ).run()
            }
            return
        }
        options.sbomSources.warnNotFromRegistry(input, quiet: options.quiet)
        var pipeline = ScanPipeline(options: options)
        let secrets = try options.imageSecretScan(imageConfig)
        let archive: ImageArchive
        do {
            archive = try ImageArchive.open(input, options: limits.archiveOptions(platform: platform))
        } catch {
            throw CommandFailure(.target, "cannot read image \(error)")
        }
        let attested = try await RepoDigestAttestations(
            options: options, registry: registry, signers: signers,
            archiveOptions: limits.archiveOptions(platform: platform)
        ).lookUp(archive.image, name: input, repoDigests: archive.image.repoDigests)
        pipeline.attestedVEX = attested?.vex
        pipeline.supplyChain = attested?.supplyChain
        var catalog: CatalogResult
        var metadata = ArtifactMetadata(image: archive.image, name: input)
        do {
            catalog = try pipeline.catalog(
                archive, artifactName: input, cache: pipeline.layerCache(), secrets: secrets.files)
        } catch {
            throw CommandFailure(.target, "cannot read image \(input): \(error)")
        }
        catalog.inventory.warnings += (attested?.warnings ?? []).map { ScanWarning($0) }
        let secretTargets = SecretTargets.make(catalog, artifact: &metadata, imageConfig: secrets.config)
        try await pipeline.finish(
            catalog, artifact: metadata, root: input,
            imageConfig: imageConfig.checksMisconfig(options) ? archive.image.configJSON : nil, registry: registry,
            otherTargets: secretTargets)
    }
}

extension ArtifactMetadata {
    /// Report metadata for an image read from an archive named `name`.
    init(image: Image, name: String) {
        self.init(
            name: name,
            type: "container_image",
            imageID: image.configDigest,
            diffIDs: image.config.diffIDs,
            repoTags: image.repoTags,
            repoDigests: image.repoDigests,
            layers: image.layers.map(\.reference),
            imageConfigJSON: image.configJSON
        )
    }
}
