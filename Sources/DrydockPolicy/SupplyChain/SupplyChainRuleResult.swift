import Foundation

/// Whether one supply-chain rule was met for an image: what satisfied it, or exactly why nothing did.
public struct SupplyChainRuleResult: Sendable, Hashable {
    public var rule: SupplyChainRule
    /// The image manifest digest the rule was judged for (`nil` when the image has none: an archive).
    public var imageDigest: String?
    /// What met the rule; `nil` when it was not met.
    public var satisfiedBy: SupplyChainEvidence?
    /// Why the rule was not met: one reason per signature or attestation tried, or why none could be.
    public var reasons: [String]

    public init(
        rule: SupplyChainRule, imageDigest: String?, satisfiedBy: SupplyChainEvidence? = nil, reasons: [String] = []
    ) {
        self.rule = rule
        self.imageDigest = imageDigest
        self.satisfiedBy = satisfiedBy
        self.reasons = reasons
    }

    public var isSatisfied: Bool { satisfiedBy != nil }

    /// The warning of a rule met by weak evidence: `signature rule 'ops' (policy.yaml:9): LAYER accepted
    /// without a transparency-log entry …`.
    public var evidenceWarning: String? {
        guard let evidence = satisfiedBy, let warning = evidence.warning else { return nil }
        return "\(rule.label): \(evidence.source) \(warning)"
    }

    /// One line: `signature rule 'release' (policy.yaml:12) not met: REASON; REASON`.
    public var summary: String {
        if let evidence = satisfiedBy { return "\(rule.label) met by \(evidence.summary)" }
        let why = reasons.isEmpty ? "no evidence" : reasons.joined(separator: "; ")
        return "\(rule.label) not met: \(why)"
    }
}

/// The signature or attestation that met a rule, and the facts it was judged on.
public struct SupplyChainEvidence: Sendable, Hashable {
    /// Where it was found: `sha256-<hex>.sig layer sha256:…`, `sha256-<hex>.att layer sha256:…`, `referrer sha256:…
    /// layer sha256:…` (an OCI 1.1 referrer of the image, by its manifest digest), or `reference`.
    public var source: String
    /// The image digest it signs.
    public var signedDigest: String
    /// The certificate's SAN that matched (keyless), and its OIDC issuer.
    public var identity: String?
    public var issuer: String?
    /// `sha256:` of the signing certificate's DER (keyless).
    public var certificateSHA256: String?
    /// The key file that verified it (key-based).
    public var key: String?
    /// The verified signing time (transparency log or timestamp authority).
    public var signingTime: Date?
    /// The transparency-log entries checked, by log index.
    public var logIndexes: [Int64]
    /// The provenance facts, for provenance rules.
    public var provenance: ProvenanceFacts?
    /// Why this evidence is weaker than it looks (a key-based signature accepted without transparency-log
    /// evidence, under the rule's `insecureIgnoreTlog`); reported as a warning even though the rule is met.
    public var warning: String?

    public init(
        source: String, signedDigest: String, identity: String? = nil, issuer: String? = nil,
        certificateSHA256: String? = nil, key: String? = nil, signingTime: Date? = nil, logIndexes: [Int64] = [],
        provenance: ProvenanceFacts? = nil, warning: String? = nil
    ) {
        self.warning = warning
        self.source = source
        self.signedDigest = signedDigest
        self.identity = identity
        self.issuer = issuer
        self.certificateSHA256 = certificateSHA256
        self.key = key
        self.signingTime = signingTime
        self.logIndexes = logIndexes
        self.provenance = provenance
    }

    /// `sha256-….sig layer sha256:… signed by IDENTITY via ISSUER at TIME`.
    public var summary: String {
        var text = source
        if let identity { text += " signed by \(identity) via \(issuer ?? "no issuer")" }
        if let certificateSHA256 { text += " (certificate \(certificateSHA256))" }
        if let key { text += " signed with \(key)" }
        if let signingTime { text += " at \(PolicyDate.timestamp(signingTime))" }
        if let builder = provenance?.builderID { text += ", built by \(builder)" }
        return text
    }
}

/// What an SLSA provenance predicate says about a build (v0.2 and v1 read alike).
public struct ProvenanceFacts: Sendable, Hashable {
    /// `https://slsa.dev/provenance/v0.2` or `https://slsa.dev/provenance/v1`.
    public var predicateType: String
    public var builderID: String?
    public var buildType: String?
    /// The source repository as recorded (`git+https://github.com/acme/app@refs/heads/main`).
    public var sourceURI: String?
    /// The source commit (`sha1` or `gitCommit` digest).
    public var sourceCommit: String?
    /// What the build ran: v0.2 `invocation.configSource.entryPoint`, v1 `externalParameters.workflow.path`
    /// (GitHub's build types) or `externalParameters.entryPoint`.
    public var entryPoint: String?
    /// The build's own ID: v0.2 `metadata.buildInvocationId`, v1 `runDetails.metadata.invocationId`.
    public var invocationID: String?

    public init(
        predicateType: String, builderID: String? = nil, buildType: String? = nil, sourceURI: String? = nil,
        sourceCommit: String? = nil, entryPoint: String? = nil, invocationID: String? = nil
    ) {
        self.predicateType = predicateType
        self.builderID = builderID
        self.buildType = buildType
        self.sourceURI = sourceURI
        self.sourceCommit = sourceCommit
        self.entryPoint = entryPoint
        self.invocationID = invocationID
    }

    /// The source repository without `git+` and the `@ref` suffix: `https://github.com/acme/app`.
    public var sourceRepository: String? {
        guard var uri = sourceURI else { return nil }
        if uri.hasPrefix("git+") { uri.removeFirst(4) }
        // `…/app@refs/heads/main`: an `@` after the path starts the ref (one before it is user information).
        if let at = uri.lastIndex(of: "@"), let scheme = uri.range(of: "://"), at > scheme.upperBound,
            uri[scheme.upperBound..<at].contains("/")
        {
            uri = String(uri[..<at])
        }
        if uri.hasSuffix(".git") { uri.removeLast(4) }
        return uri
    }
}

extension Verdict {
    /// Fails the verdict for the supply-chain rules with action `fail` that were not met: each joins the gate
    /// failures, and in enforce mode the exit code becomes the gate's unless it already failed.
    public mutating func failForSupplyChain(_ results: [SupplyChainRuleResult], policy: ScanPolicy) {
        for result in results where !result.isSatisfied && result.rule.action == .fail {
            coverageFailures.append(result.summary)
            if exitCode == 0, policy.mode == .enforce { exitCode = policy.gateExitCode }
        }
    }
}
