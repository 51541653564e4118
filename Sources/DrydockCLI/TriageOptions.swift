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
            "VEX document to apply: OpenVEX, CycloneDX VEX or CSAF VEX (repeatable, or comma-separated); oci: the "
                + "image's OpenVEX attestations whose signature verifies for a trusted signer (drydock image).",
            valueName: "FILE|oci"))
    var vex: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Earlier JSON report (Drydock's or Trivy's): mark findings new or existing, carry first-seen dates, list fixed ones.",
            valueName: "REPORT"))
    var baseline: String?

    /// Trivy's `--vex` sources that fetch VEX from elsewhere and Drydock does not read.
    static let trivySources: Set<String> = ["repo", "repository", "sbom-ref"]

    /// Trivy's `--vex` source for the image's VEX attestations (`--vex oci`).
    static let attestationSource = "oci"

    /// The `--vex` values, with comma-separated lists split as Trivy splits them.
    private var sources: [String] {
        vex.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
    }

    /// The VEX files: the values other than `oci`.
    var vexFiles: [String] { sources.filter { $0 != Self.attestationSource } }

    /// Whether `--vex oci` asks for the image's OpenVEX attestations (as in Trivy, `oci` is always the source,
    /// never a file of that name).
    var usesAttestations: Bool { sources.contains(Self.attestationSource) }

    /// The warning for `--vex oci` on a scan that read no attestations (`fs`, `rootfs`, `sbom`, an image from an
    /// archive or a local engine: no registry holds attestations for it); `nil` otherwise.
    func notFromRegistryWarning(_ artifact: String) -> String? {
        guard usesAttestations else { return nil }
        return "--vex oci: \(artifact) was not pulled from a registry, so it has no attestations to read; "
            + "no VEX attestation was applied (scan the image by reference, with --image-src remote)"
    }

    mutating func validate() throws {
        for file in vexFiles where TriageOptions.trivySources.contains(file) {
            if !FileManager.default.fileExists(atPath: file) {
                throw ValidationError(
                    "--vex \(file): Trivy's VEX repositories and SBOM references are not supported; "
                        + "pass VEX documents as files, or oci for the image's signed OpenVEX attestations")
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
    func load(attested: [VEXDocument] = []) throws -> Triage {
        var triage = try load()
        guard !attested.isEmpty else { return triage }
        triage.vex = VEXIndex(documents: (triage.vex?.documents ?? []) + attested)
        return triage
    }

    /// ``load(attested:)`` without attestations: the files only, read once per process.
    func load() throws -> Triage {
        let key = "triage " + (vexFiles + ["--baseline", baseline ?? ""]).joined(separator: "\n")
        return try LoadedFiles.value(key) { try parse() }
    }

    private func parse() throws -> Triage {
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
