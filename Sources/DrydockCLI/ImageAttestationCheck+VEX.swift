import DrydockPolicy
import DrydockSBOM
import DrydockSupplyChain

extension ImageAttestationCheck {
    /// `--vex oci`: reads the OpenVEX document of every verified OpenVEX attestation into ``Outcome/vex``, named
    /// by where it was found, who signed it and when (decisions and evidence show that name as the statement's
    /// file). An OpenVEX attestation no trusted signer accepted, or whose document cannot be read, is a warning and
    /// is not applied; so is an image with no OpenVEX attestation at all.
    func applyVEX(_ verification: AttestationVerification, manifestDigest: String, to outcome: inout Outcome) {
        var documents: [VEXDocument] = []
        for attestation in verification.of({ $0 == .openVEX }) {
            let name = "VEX attestation \(attestation.evidence.summary)"
            do {
                guard let bytes = try attestation.statement.vexDocument() else { continue }
                var document = try VEXReader.read(bytes, path: name)
                // The predicate was written back as one line: a line number would say nothing.
                for index in document.statements.indices { document.statements[index].line = nil }
                if document.statements.isEmpty {
                    outcome.vexWarnings.append("--vex oci: \(name): the OpenVEX document has no statements")
                }
                outcome.vexWarnings += document.warnings.map { "--vex oci: \($0)" }
                documents.append(document)
            } catch {
                outcome.vexWarnings.append(
                    "--vex oci: the OpenVEX attestation \(attestation.evidence.source) is not applied: \(error)")
            }
        }
        // An attestation whose type is unknown (no annotation) may have been an OpenVEX one.
        let rejected = verification.rejected.filter {
            $0.predicateType.map { AttestationPredicate($0) == .openVEX } ?? true
        }
        for attestation in rejected {
            outcome.vexWarnings.append(
                "--vex oci: the OpenVEX attestation \(attestation.label) is not applied: \(attestation.reason)")
        }
        if documents.isEmpty, rejected.isEmpty, outcome.vexWarnings.isEmpty {
            let notes = verification.notes.isEmpty ? "" : " (\(verification.notes.joined(separator: "; ")))"
            outcome.vexWarnings.append(
                "--vex oci: \(manifestDigest) has no OpenVEX attestation\(notes); no VEX statement was read from the registry"
            )
        }
        outcome.vex = documents
    }
}
