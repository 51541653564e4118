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
                object.add("Kind", .string(kind(result.rule.requirement)))
                object.add("Description", string: result.rule.description)
                object.add("Requires", requires(result.rule))
                object.add("Met", .bool(result.isSatisfied))
                object.add("Action", .string(result.isSatisfied ? "pass" : result.rule.action.rawValue))
                object.add("ImageDigest", string: result.imageDigest)
                if let evidence = result.satisfiedBy { object.add("SatisfiedBy", self.evidence(evidence)) }
                object.add("Reasons", strings: result.reasons)
                return object.value
            })
    }

    /// Who signed a signature or attestation, where it was found and when; with the provenance facts.
    static func evidence(_ evidence: SupplyChainEvidence) -> JSONValue {
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
        if !evidence.logIndexes.isEmpty { by.add("LogIndexes", .array(evidence.logIndexes.map { .int($0) })) }
        if let facts = evidence.provenance { by.add("Provenance", provenance(facts)) }
        by.add("Warning", string: evidence.warning)
        return by.value
    }

    /// `Drydock.Provenance` (each verified SLSA provenance attestation: its facts, then who signed it) and
    /// `Drydock.InventorySource` (the verified SBOM attestation the packages came from), when there are any.
    static func attestations(_ attestations: ImageAttestations, into object: inout JSONObjectBuilder) {
        if !attestations.provenance.isEmpty {
            object.add(
                "Provenance",
                .array(
                    attestations.provenance.map { evidence in
                        var entry = JSONObjectBuilder()
                        if let facts = evidence.provenance {
                            guard case .object(let members) = provenance(facts) else { return .null }
                            for (key, value) in members { entry.add(key, value) }
                        }
                        var signer = evidence
                        signer.provenance = nil
                        entry.add("VerifiedBy", self.evidence(signer))
                        return entry.value
                    }))
        }
        if let inventory = attestations.inventory {
            var source = JSONObjectBuilder()
            source.add("Kind", .string("attestation"))
            source.add("PredicateType", .string(inventory.predicateType))
            source.add("Format", .string(inventory.format))
            source.add("VerifiedBy", evidence(inventory.evidence))
            object.add("InventorySource", source.value)
        }
    }

    /// `digest`, `signature` or `provenance`.
    static func kind(_ requirement: SupplyChainRule.Requirement) -> String {
        switch requirement {
        case .digestReference: return "digest"
        case .signature: return "signature"
        case .provenance: return "provenance"
        }
    }

    /// What the rule asks for, as the policy says it: the signer (`Key`, or `Identity`/`IdentityRegexp` and
    /// `Issuer`/`IssuerRegexp`, cosign's flag names), the provenance facts wanted, `InsecureIgnoreTlog`.
    static func requires(_ rule: SupplyChainRule) -> JSONValue {
        var object = JSONObjectBuilder()
        func add(_ key: String, _ match: TextMatch?) {
            switch match {
            case .exact(let text): object.add(key, .string(text))
            case .regularExpression(let pattern): object.add(key + "Regexp", .string(pattern))
            case nil: break
            }
        }
        switch rule.signer {
        case .key(let path): object.add("Key", .string(path))
        case .keyless(let subject, let issuer):
            add("Identity", subject)
            add("Issuer", issuer)
        case nil: break
        }
        if case .provenance(_, let wanted) = rule.requirement {
            add("Builder", wanted.builder)
            add("SourceRepository", wanted.sourceRepository)
            add("BuildType", wanted.buildType)
        }
        if rule.insecureIgnoreTlog { object.add("InsecureIgnoreTlog", .bool(true)) }
        return object.value
    }

    static func provenance(_ facts: ProvenanceFacts) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("PredicateType", .string(facts.predicateType))
        object.add("BuilderID", string: facts.builderID)
        object.add("BuildType", string: facts.buildType)
        object.add("SourceRepository", string: facts.sourceRepository)
        object.add("SourceURI", string: facts.sourceURI)
        object.add("SourceCommit", string: facts.sourceCommit)
        object.add("EntryPoint", string: facts.entryPoint)
        object.add("InvocationID", string: facts.invocationID)
        return object.value
    }
}
