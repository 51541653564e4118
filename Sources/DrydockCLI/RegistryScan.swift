import ArgumentParser
import DrydockCatalog
import DrydockImage
import DrydockModel
import DrydockNetwork
import DrydockPolicy
import DrydockSecrets
import DrydockSupplyChain
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
    /// Who may sign the attestations read without a policy rule (`--key`, `--certificate-identity…`).
    var signers = AttestationSignerOptions()

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
        let attestationCheck = try ImageAttestationCheck.load(
            sources: options.sbomSources, vex: options.triage.usesAttestations, signer: signers,
            supplyChain: supplyChainCheck)
        let client = try makeClient()
        // One pipeline for the catalog and the report: with `--server` it records the layer analyses to send.
        var pipeline = ScanPipeline(options: options)
        var scanned: [ScannedImage] = []
        do {
            let images = try await pull(parsed, selection: selection, client: client)
            let cache = pipeline.layerCache()
            for image in images {
                scanned.append(
                    try await scan(
                        image, parsed, client: client, pipeline: pipeline, cache: cache, secrets: secrets.files,
                        checks: (supplyChainCheck, attestationCheck)))
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
            source = try await pipeline.vulnerabilitySource(registry: registry, inventories: scanned.map(\.inventory))
        }
        var failure: ExitCode?
        for entry in scanned {
            let image = entry.image
            var perPlatform = pipeline
            perPlatform.supplyChain = entry.supplyChain
            perPlatform.attestations = entry.attestations.attestations
            perPlatform.attestedVEX = entry.attestations.vex
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
                guard let catalog = entry.catalog else {
                    // The inventory is the verified SBOM attestation's: no layer was read.
                    perPlatform.scanners = options.findingKinds.filter { $0 == .vulnerability || $0 == .license }
                    try await perPlatform.scanAndReport(
                        inventory: entry.inventory, artifact: metadata, vulnerabilities: source)
                    continue
                }
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

    /// One pulled platform: its catalog (or the SBOM attestation's inventory), supply-chain results and
    /// verified attestations.
    struct ScannedImage {
        var image: RegistryImage
        /// `nil` when the inventory came from a verified SBOM attestation (`--sbom-sources oci`).
        var catalog: CatalogResult?
        var inventory: Inventory
        var supplyChain: [SupplyChainRuleResult]?
        var attestations: ImageAttestationCheck.Outcome
    }

    /// Pulls the selected platforms' metadata.
    private func pull(_ parsed: ImageReference, selection: PlatformSelection, client: RegistryClient) async throws
        -> [RegistryImage]
    {
        do {
            return try await RegistryPuller(client: client, options: archiveOptions).pull(parsed, platform: selection)
        } catch {
            throw PullFailure(reason: "cannot pull \(parsed): \(error)")
        }
    }

    /// Judges the supply-chain rules and attestations of `image`, then catalogs it, streaming its layers —
    /// unless a verified SBOM attestation gives its inventory (`--sbom-sources oci`).
    private func scan(
        _ image: RegistryImage, _ parsed: ImageReference, client: RegistryClient, pipeline: ScanPipeline,
        cache: LayerCache?, secrets: SecretScanner?,
        checks: (supplyChain: SupplyChainCheck?, attestations: ImageAttestationCheck?)
    ) async throws -> ScannedImage {
        var material: [ImageSupplyChainMaterial] = []
        if checks.supplyChain != nil || checks.attestations != nil {
            material = await ImageMaterial.fetch(
                image, client: client,
                repository: checks.supplyChain?.signatureRepository ?? checks.attestations?.repository,
                attestations: checks.attestations != nil || checks.supplyChain?.policy.needsAttestations == true)
        }
        let supplyChain = await checks.supplyChain?.evaluate(material, reference: parsed)
        let outcome =
            await checks.attestations?.judge(material, manifestDigest: image.manifestDigest)
            ?? ImageAttestationCheck.Outcome()
        if var sbom = outcome.sbom {
            sbom.inventory.warnings += outcome.vexWarnings.map { ScanWarning($0) }
            let skipped = options.findingKinds.filter { $0 == .secret || $0 == .misconfiguration }
            if !skipped.isEmpty {
                sbom.inventory.warnings.append(
                    ScanWarning(
                        "\(parsed): the inventory came from the SBOM attestation, so no layer was read: "
                            + "\(skipped.map(\.rawValue).joined(separator: " and ")) scanning did not run"))
            }
            return ScannedImage(
                image: image, catalog: nil, inventory: sbom.inventory, supplyChain: supplyChain, attestations: outcome)
        }
        var catalog: CatalogResult
        do {
            let name = parsed.description
            catalog = try await BlockingWork.run {
                try pipeline.catalog(image, artifactName: name, cache: cache, secrets: secrets)
            }
        } catch {
            throw CommandFailure(.target, "cannot read image \(parsed) (\(image.platform ?? "")): \(error)")
        }
        catalog.inventory.warnings += (outcome.warnings + outcome.vexWarnings).map { ScanWarning($0) }
        return ScannedImage(
            image: image, catalog: catalog, inventory: catalog.inventory, supplyChain: supplyChain,
            attestations: outcome)
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
