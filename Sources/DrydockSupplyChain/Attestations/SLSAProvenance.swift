import DrydockPolicy

/// Reads the build facts of an SLSA provenance predicate from an in-toto statement: v0.2
/// (`predicate.builder.id`, `buildType`, `invocation.configSource`, `metadata.buildInvocationId`) and v1
/// (`runDetails.builder.id`, `buildDefinition.buildType`, the first `resolvedDependencies` entry, or the GitHub
/// workflow's repository; the workflow's path or `externalParameters.entryPoint`; `runDetails.metadata.invocationId`).
///
/// Pure: bytes in, facts out.
public enum SLSAProvenance {
    public static let v02 = "https://slsa.dev/provenance/v0.2"
    public static let v1 = "https://slsa.dev/provenance/v1"

    /// Whether `predicateType` is an SLSA provenance type Drydock reads.
    public static func isProvenance(_ predicateType: String?) -> Bool {
        predicateType == v02 || predicateType == v1
    }

    /// The facts of the statement `payload`, or `nil` when it is not SLSA provenance.
    public static func facts(statement payload: [UInt8], source: String) throws(SupplyChainError) -> ProvenanceFacts? {
        let statement = try JSONFields.parse(payload, path: source)
        guard let type = try statement.optionalString("predicateType"), isProvenance(type) else { return nil }
        let predicate = try statement.object("predicate")
        var facts = ProvenanceFacts(predicateType: type)
        if type == v02 {
            facts.builderID = try predicate.optionalObject("builder")?.optionalString("id")
            facts.buildType = try predicate.optionalString("buildType")
            if let config = try predicate.optionalObject("invocation")?.optionalObject("configSource") {
                facts.sourceURI = try config.optionalString("uri")
                facts.sourceCommit = try config.optionalObject("digest")?.optionalString("sha1")
                // Facts only shown, never judged: a malformed one is left out rather than failing the provenance.
                facts.entryPoint = try? config.optionalString("entryPoint")
            }
            facts.invocationID = try? predicate.optionalObject("metadata")?.optionalString("buildInvocationId")
            return facts
        }
        facts.builderID = try predicate.optionalObject("runDetails")?.optionalObject("builder")?.optionalString("id")
        let definition = try predicate.optionalObject("buildDefinition")
        facts.buildType = try definition?.optionalString("buildType")
        if let definition, definition.has("resolvedDependencies"),
            let first = try definition.objects("resolvedDependencies").first
        {
            facts.sourceURI = try first.optionalString("uri")
            let digest = try first.optionalObject("digest")
            facts.sourceCommit = try digest?.optionalString("gitCommit")
            if facts.sourceCommit == nil { facts.sourceCommit = try digest?.optionalString("sha1") }
        }
        let external = try definition?.optionalObject("externalParameters")
        let workflow = try external?.optionalObject("workflow")
        if facts.sourceURI == nil { facts.sourceURI = try workflow?.optionalString("repository") }
        // Facts only shown, never judged: a malformed one is left out rather than failing the provenance.
        facts.entryPoint = try? workflow?.optionalString("path")
        if facts.entryPoint == nil { facts.entryPoint = try? external?.optionalString("entryPoint") }
        facts.invocationID =
            try? predicate.optionalObject("runDetails")?.optionalObject("metadata")?.optionalString("invocationId")
        return facts
    }
}
