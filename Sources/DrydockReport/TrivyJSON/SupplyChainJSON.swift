import DrydockPolicy

/// `Drydock.SupplyChain` in the JSON report: each supply-chain rule of the policy, met or not, with the
/// signature or attestation that met it (and the provenance facts: builder, build type, source repository and
/// commit), or why nothing did. A Drydock-only field; Trivy's schema is otherwise unchanged.
enum SupplyChainJSON {
    static func json(_ results: [SupplyChainRuleResult]) -> JSONValue {
        .array(
            results.map { result in
                var object = JSONObjectBuilder()
                object.add("Rule", .string(result.rule.name))
                object.add("Location", .string(result.rule.location.description))
                object.add("Met", .bool(result.isSatisfied))
                object.add("Action", .string(result.isSatisfied ? "pass" : result.rule.action.rawValue))
                object.add("ImageDigest", string: result.imageDigest)
                if let evidence = result.satisfiedBy {
                    var by = JSONObjectBuilder()
                    by.add("Source", .string(evidence.source))
                    by.add("SignedDigest", .string(evidence.signedDigest))
                    by.add("Identity", string: evidence.identity)
                    by.add("Issuer", string: evidence.issuer)
                    by.add("CertificateSHA256", string: evidence.certificateSHA256)
                    by.add("Key", string: evidence.key)
                    if let time = evidence.signingTime {
                        by.add("SignedAt", .string(TrivyJSONReport.timestamp(time, fractional: false)))
                    }
                    if let facts = evidence.provenance { by.add("Provenance", provenance(facts)) }
                    by.add("Warning", string: evidence.warning)
                    object.add("SatisfiedBy", by.value)
                }
                object.add("Reasons", strings: result.reasons)
                return object.value
            })
    }

    static func provenance(_ facts: ProvenanceFacts) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("PredicateType", .string(facts.predicateType))
        object.add("BuilderID", string: facts.builderID)
        object.add("BuildType", string: facts.buildType)
        object.add("SourceRepository", string: facts.sourceRepository)
        object.add("SourceURI", string: facts.sourceURI)
        object.add("SourceCommit", string: facts.sourceCommit)
        return object.value
    }
}
