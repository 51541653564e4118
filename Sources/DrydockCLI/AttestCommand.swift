import ArgumentParser
import Foundation

/// `drydock attest`: scans an image and writes Drydock's SBOM or vulnerability report as an in-toto predicate or
/// an unsigned in-toto statement about the image, for cosign (or any in-toto signer) to sign.
struct AttestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attest",
        abstract: "Scan an image and write its SBOM or vulnerability report as an unsigned in-toto attestation.",
        discussion: """
            --predicate FILE writes the predicate alone, for `cosign attest --predicate FILE --type TYPE IMAGE`; \
            --statement FILE writes the whole in-toto statement (v1, subject: the image's repository and \
            digest), for `cosign attest-blob --statement FILE` and other in-toto signers. --type cyclonedx and \
            spdxjson write Drydock's SBOM (as --format cyclonedx and spdx-json do), vuln cosign's vulnerability \
            scan record around Drydock's JSON report (cosign --type vuln). Nothing is signed or uploaded. \
            Every flag of `drydock image` applies; the exit code is that scan's (the attestation is written \
            first). See docs/supply-chain.md.
            """
    )

    @Option(name: .long, help: "What to attest: cyclonedx, spdxjson (SBOMs) or vuln (the vulnerability report).")
    var type: AttestationType

    @Option(
        name: .long, help: ArgumentHelp("Write the predicate alone to FILE (for cosign attest).", valueName: "FILE"))
    var predicate: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Write the whole in-toto statement to FILE (for cosign attest-blob).", valueName: "FILE"))
    var statement: String?

    @OptionGroup var image: ImageCommand

    var options: ScanOptions { image.options }

    mutating func validate() throws {
        switch (predicate, statement) {
        case (nil, nil): throw ValidationError("give --predicate FILE or --statement FILE (- for standard output)")
        case (.some, .some): throw ValidationError("give --predicate FILE or --statement FILE, not both")
        default: break
        }
    }

    mutating func run() async throws {
        // A config file's or environment's `format`/`output` (trivy.yaml) must not break attest: they are replaced.
        if !image.options.quiet, image.options.report.format != .report(.table) || image.options.report.output != nil {
            Console.error(
                "drydock: warning: drydock attest writes what --type says to the --predicate or --statement file; "
                    + "--format and --output are ignored")
        }
        let path = statement ?? predicate ?? "-"
        image.options.report.format = .attestation(type, statement: statement != nil)
        image.options.report.output = path == "-" ? nil : path
        try await image.run()
    }
}

extension AttestCommand: ScanningCommand {}
