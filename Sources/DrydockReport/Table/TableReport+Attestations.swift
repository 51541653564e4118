import DrydockPolicy

extension TableReport {
    /// The image's verified attestations: where the inventory came from when it was an SBOM attestation, and
    /// the build facts of each SLSA provenance attestation, each with who signed it. Empty when there are none.
    func attestationSection(_ report: ScanReport) -> String {
        let attestations = report.attestations
        guard !attestations.isEmpty else { return "" }
        var out = heading("Attestations")
        if let inventory = attestations.inventory {
            out += "Inventory: from \(inventory.summary); the image's layers were not analysed\n"
        }
        for evidence in attestations.provenance {
            guard let facts = evidence.provenance else { continue }
            var parts = ["built by \(facts.builderID ?? "an unnamed builder")"]
            if let type = facts.buildType { parts.append("build type \(type)") }
            if let source = facts.sourceURI ?? facts.sourceRepository {
                parts.append("from \(source)" + (facts.sourceCommit.map { " at commit \($0)" } ?? ""))
            }
            if let entryPoint = facts.entryPoint { parts.append("entry point \(entryPoint)") }
            if let invocation = facts.invocationID { parts.append("invocation \(invocation)") }
            var signer = evidence
            signer.provenance = nil
            out += "Provenance: \(parts.joined(separator: ", ")) (\(facts.predicateType); \(signer.summary))\n"
        }
        return out
    }
}
