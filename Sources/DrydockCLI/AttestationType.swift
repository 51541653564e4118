import ArgumentParser
import DrydockPolicy
import DrydockReport
import DrydockSupplyChain
import Foundation

/// `drydock attest --type`: cosign's predicate type names for what Drydock writes.
enum AttestationType: String, CaseIterable, ExpressibleByArgument {
    /// Drydock's CycloneDX SBOM; predicate type `https://cyclonedx.org/bom`.
    case cyclonedx
    /// Drydock's SPDX JSON SBOM; predicate type `https://spdx.dev/Document`.
    case spdxjson
    /// cosign's vulnerability scan record around Drydock's JSON report;
    /// `https://cosign.sigstore.dev/attestation/vuln/v1`.
    case vuln

    /// The report format the predicate is made of.
    var format: OutputFormat {
        switch self {
        case .cyclonedx: .cyclonedx
        case .spdxjson: .spdxJSON
        case .vuln: .report(.json)
        }
    }

    /// The statement's `predicateType`.
    var predicateType: String {
        switch self {
        case .cyclonedx: AttestationPredicate.cycloneDXType
        case .spdxjson: AttestationPredicate.spdxType
        case .vuln: AttestationPredicate.vulnerabilityType
        }
    }

    /// The predicate made of `rendered` (the report in ``format``), or the statement about the scanned image
    /// holding it. The subject is the image's registry digest; an image without one cannot be attested.
    func wrap(_ rendered: [UInt8], report: ScanReport, statement: Bool, toolVersion: String) throws -> [UInt8] {
        do {
            var predicate = rendered
            if self == .vuln {
                predicate = try InTotoStatementWriter.vulnerabilityPredicate(
                    report: rendered, toolVersion: toolVersion, database: report.database,
                    startedAt: report.createdAt, finishedAt: Date())
            }
            guard statement else { return predicate }
            guard
                let subject = report.artifact.repoDigests.lazy.compactMap({
                    InTotoStatementWriter.Subject(repoDigest: $0)
                }).first
            else {
                throw CommandFailure(
                    .target,
                    "cannot write an in-toto statement about \(report.artifact.name): it has no registry digest "
                        + "(NAME@sha256:…) to name as the subject; scan the image by reference from its registry, "
                        + "or write the predicate alone (--predicate) for cosign attest")
            }
            return try InTotoStatementWriter.statement(
                predicate: predicate, predicateType: predicateType, subject: subject)
        } catch let error as JSONParseError {
            throw CommandFailure(.target, "cannot write the \(rawValue) attestation: \(error)")
        }
    }
}
