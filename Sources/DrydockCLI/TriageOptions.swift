import ArgumentParser
import DrydockPolicy
import DrydockReport
import DrydockSBOM
import Foundation

/// Flags that bring triage decisions made elsewhere into the scan: VEX documents and a baseline report.
struct TriageOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "VEX document to apply: OpenVEX, CycloneDX VEX or CSAF VEX (repeatable, or comma-separated).",
            valueName: "FILE"))
    var vex: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Earlier JSON report (Drydock's or Trivy's): mark findings new or existing, carry first-seen dates, list fixed ones.",
            valueName: "REPORT"))
    var baseline: String?

    /// Trivy's `--vex` sources that fetch VEX from elsewhere; Drydock reads files only.
    static let trivySources: Set<String> = ["repo", "repository", "oci", "sbom-ref"]

    /// The VEX files, with comma-separated lists split as Trivy splits them.
    var vexFiles: [String] {
        vex.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
    }

    mutating func validate() throws {
        for file in vexFiles where TriageOptions.trivySources.contains(file) {
            if !FileManager.default.fileExists(atPath: file) {
                throw ValidationError(
                    "--vex \(file): Trivy's VEX repositories, OCI attestations and SBOM references are not supported; "
                        + "pass VEX documents as files")
            }
        }
        // Read the files now, so a bad document fails before an image is pulled or read.
        do {
            _ = try load()
        } catch let failure as CommandFailure {
            throw ValidationError(failure.message)
        }
    }

    /// Reads and parses the VEX documents and the baseline. A file that cannot be read or parsed is a usage
    /// error naming the file and the place in it; parts of documents that cannot be applied are warnings.
    func load() throws -> Triage {
        var documents: [VEXDocument] = []
        var warnings: [String] = []
        for file in vexFiles {
            let document: VEXDocument
            do {
                document = try VEXReader.read(try PolicyFiles.read(file, what: "VEX document (--vex)"), path: file)
            } catch let error as VEXError {
                throw CommandFailure(.usage, "--vex \(error)")
            }
            if document.statements.isEmpty { warnings.append("\(file): the VEX document has no statements") }
            warnings += document.warnings
            documents.append(document)
        }
        var baselineValue: Baseline?
        if let baseline {
            do {
                let saved = try TrivyJSONReportReader.read(
                    try PolicyFiles.read(baseline, what: "baseline report (--baseline)"), path: baseline)
                baselineValue = Baseline(saved)
            } catch let error as SavedReportError {
                throw CommandFailure(.usage, "--baseline \(error)")
            }
        }
        return Triage(
            vex: documents.isEmpty ? nil : VEXIndex(documents: documents), baseline: baselineValue, warnings: warnings)
    }
}
