import ArgumentParser
import DrydockModel
import DrydockSBOM
import Foundation

/// `drydock sbom`: scan the packages a CycloneDX or SPDX document lists.
struct SBOMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sbom",
        abstract: "Scan an SBOM: CycloneDX JSON (1.2–1.6) or SPDX JSON (2.2, 2.3), Drydock's or another tool's.",
        discussion: """
            The SBOM's packages are matched exactly as an image scan matches them: the OS comes from the \
            SBOM's OS component or its purls' distro qualifiers, source packages and layers from its \
            properties (see docs/sbom.md). An SBOM Drydock wrote for an image gives that image's findings.
            """
    )

    @Argument(help: "The SBOM file (CycloneDX or SPDX JSON).")
    var path: String

    @OptionGroup var options: ScanOptions

    mutating func run() async throws {
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw CommandFailure(.target, "cannot read SBOM \(path): \(error.localizedDescription)")
        }
        let sbom: SBOMReader.Result
        do {
            sbom = try SBOMReader.read(bytes, path: path)
        } catch {
            throw CommandFailure(.target, "cannot read SBOM \(error)")
        }
        var pipeline = ScanPipeline(options: options)
        pipeline.scansProject = sbom.describesProject
        pipeline.scanners = [.vulnerability]  // an SBOM lists packages: there are no files to scan for secrets
        let source = try await pipeline.vulnerabilitySource(registry: nil, inventories: [sbom.inventory])
        try await pipeline.scanAndReport(inventory: sbom.inventory, artifact: sbom.artifact, vulnerabilities: source)
    }
}
