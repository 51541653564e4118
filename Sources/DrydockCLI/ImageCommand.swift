import ArgumentParser
import DrydockCatalog
import DrydockImage
import DrydockModel
import Foundation

/// `drydock image`: scan a container image.
struct ImageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image",
        abstract: "Scan a container image: a docker save tarball or an OCI image layout.",
        discussion: """
            --input PATH reads a `docker save` tarball (plain or gzip-compressed) or an OCI image layout \
            (a directory or a tar of one). PATH:TAG selects one image when the archive holds several.
            """
    )

    @Argument(help: "Image reference (registries are not supported yet: use --input).")
    var reference: String?

    @Option(name: [.customShort("i"), .long], help: "Image archive or OCI layout to read instead of a registry.")
    var input: String?

    @OptionGroup var options: ScanOptions

    mutating func validate() throws {
        if input == nil && reference == nil {
            throw ValidationError("give an image: --input PATH (a docker save tarball or an OCI layout)")
        }
        if input == nil, let reference {
            throw ValidationError(
                "pulling '\(reference)' from a registry is not supported yet; save the image and use --input PATH")
        }
    }

    mutating func run() async throws {
        guard let input else { return }
        var pipeline = ScanPipeline(options: options)
        pipeline.databaseWarnings = await DatabaseAutoUpdate.runIfDue(options: options)
        let database = try pipeline.openDatabase()
        let archive: ImageArchive
        do {
            archive = try ImageArchive.open(input)
        } catch {
            throw CommandFailure(.target, "cannot read image \(error)")
        }
        let inventory: Inventory
        let metadata = ArtifactMetadata(image: archive.image, name: input)
        do {
            inventory = try ImageCataloger().catalog(archive, artifactName: input).inventory
        } catch {
            throw CommandFailure(.target, "cannot read image \(input): \(error)")
        }
        try pipeline.scanAndReport(inventory: inventory, artifact: metadata, database: database)
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
