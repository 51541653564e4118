import ArgumentParser
import DrydockPolicy
import DrydockReport
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
        for file in vexFiles {
            if TriageOptions.trivySources.contains(file), !FileManager.default.fileExists(atPath: file) {
                throw ValidationError(
                    "--vex \(file): Trivy's VEX repositories, OCI attestations and SBOM references are not supported; "
                        + "pass VEX documents as files")
            }
            try TriageOptions.requireReadable(file, flag: "--vex")
        }
        if let baseline { try TriageOptions.requireReadable(baseline, flag: "--baseline") }
    }

    static func requireReadable(_ path: String, flag: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ValidationError("\(flag) \(path): no such file")
        }
        if isDirectory.boolValue { throw ValidationError("\(flag) \(path): is a directory, not a file") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ValidationError("\(flag) \(path): not readable")
        }
    }

    /// Reads and parses the VEX documents and the baseline. A file that cannot be read or parsed is a usage
    /// error naming the file and the place in it. Parts of documents that cannot be applied are returned as
    /// warnings.
    func load() throws -> (triage: Triage, warnings: [String]) {
        var documents: [VEXDocument] = []
        var warnings: [String] = []
        for file in vexFiles {
            do {
                let document = try VEXDocument.parse(try TriageOptions.read(file, flag: "--vex"), path: file)
                if document.statements.isEmpty { warnings.append("\(file): the VEX document has no statements") }
                warnings += document.warnings
                documents.append(document)
            } catch let error as VEXError {
                throw CommandFailure(.usage, "--vex \(error)")
            }
        }
        var baselineValue: Baseline?
        if let baseline {
            do {
                let saved = try TrivyJSONReportReader.read(
                    try TriageOptions.read(baseline, flag: "--baseline"), path: baseline)
                baselineValue = Baseline(saved)
            } catch let error as SavedReportError {
                throw CommandFailure(.usage, "--baseline \(error)")
            }
        }
        let index = documents.isEmpty ? nil : VEXIndex(documents: documents)
        return (Triage(vex: index, baseline: baselineValue), warnings)
    }

    private static func read(_ path: String, flag: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(.usage, "\(flag) \(path): cannot read the file")
        }
        return Array(data)
    }
}
