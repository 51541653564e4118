import Foundation

/// The `supplyChain:` section of a policy file (`docs/supply-chain.md#policy-rules`): what an image must prove
/// about where it came from before its scan may pass — signatures, SLSA provenance, a digest reference.
public struct SupplyChainPolicy: Sendable, Hashable {
    /// `trustedRoot:` as written (relative to the policy file's directory); `nil`: the public-good root.
    public var trustedRoot: String?
    /// `repository:`, the repository cosign stored signatures and attestations in when not the image's own
    /// (cosign's `COSIGN_REPOSITORY`), as written (`registry.example/signatures`).
    public var repository: String?
    /// The rules, in file order: `requireDigest`, then `signatures`, then `provenance`.
    public var rules: [SupplyChainRule]
    /// Where the section starts.
    public var location: SourceLocation

    public init(trustedRoot: String? = nil, rules: [SupplyChainRule] = [], location: SourceLocation) {
        self.trustedRoot = trustedRoot
        self.rules = rules
        self.location = location
    }

    /// Whether a rule needs the image's attestations (a provenance rule), not only its signatures.
    public var needsAttestations: Bool {
        rules.contains {
            if case .provenance = $0.requirement { return true }
            return false
        }
    }

    /// The signers the rules name, each once (a verifier checks every signature against each).
    public var signers: [SignerRequirement] {
        var seen: [SignerRequirement] = []
        for signer in rules.compactMap(\.signer) where !seen.contains(signer) { seen.append(signer) }
        return seen
    }
}

/// One supply-chain rule: what must hold, what happens when it does not, and where it is written.
public struct SupplyChainRule: Sendable, Hashable {
    /// What the rule requires.
    public enum Requirement: Sendable, Hashable {
        /// The image was named by digest (`REF@sha256:…`), not by a tag that can move.
        case digestReference
        /// A valid cosign signature of the image's digest by this signer.
        case signature(SignerRequirement)
        /// A valid SLSA provenance attestation for the image's digest, signed by this signer, with these facts.
        case provenance(SignerRequirement, ProvenanceRequirement)
    }

    /// The rule's name (decisions and the evidence cite it).
    public var name: String
    public var description: String?
    /// `fail` (default) fails the gate when the rule is not met; `warn` reports it only.
    public var action: Decision.Action
    public var requirement: Requirement
    public var location: SourceLocation
    /// `insecureIgnoreTlog: true` (a key rule only): a signature or attestation without Rekor evidence (`cosign sign
    /// --tlog-upload=false`) may meet the rule, with a warning — cosign's `--insecure-ignore-tlog`.
    public var insecureIgnoreTlog: Bool

    public init(
        name: String, description: String? = nil, action: Decision.Action = .fail, requirement: Requirement,
        location: SourceLocation, insecureIgnoreTlog: Bool = false
    ) {
        self.insecureIgnoreTlog = insecureIgnoreTlog
        self.name = name
        self.description = description
        self.action = action
        self.requirement = requirement
        self.location = location
    }

    /// The signer a signature or provenance rule names.
    public var signer: SignerRequirement? {
        switch requirement {
        case .signature(let signer), .provenance(let signer, _): return signer
        case .digestReference: return nil
        }
    }

    /// `signature rule 'release' (policy.yaml:12)`.
    public var label: String {
        let kind: String
        switch requirement {
        case .digestReference: kind = "digest rule"
        case .signature: kind = "signature rule"
        case .provenance: kind = "provenance rule"
        }
        return "\(kind) '\(name)' (\(location))"
    }
}

/// Who must have signed: a public key (a PEM file) or a keyless (Fulcio) identity.
public enum SignerRequirement: Sendable, Hashable, CustomStringConvertible {
    /// The PEM public key at this path (relative to the policy file's directory, as written).
    case key(path: String)
    /// A Fulcio certificate whose SAN matches `subject` and whose OIDC issuer matches `issuer`.
    case keyless(subject: TextMatch, issuer: TextMatch)

    public var description: String {
        switch self {
        case .key(let path): return "key \(path)"
        case .keyless(let subject, let issuer): return "identity \(subject) issued by \(issuer)"
        }
    }
}

/// What a provenance attestation must say; `nil` members are not checked.
public struct ProvenanceRequirement: Sendable, Hashable {
    /// The builder ID (`builder.id` in SLSA v0.2, `runDetails.builder.id` in v1).
    public var builder: TextMatch?
    /// The source repository, compared without `git+` and without the `@ref` (`https://github.com/acme/app`).
    public var sourceRepository: TextMatch?
    /// The build type URI.
    public var buildType: TextMatch?

    public init(builder: TextMatch? = nil, sourceRepository: TextMatch? = nil, buildType: TextMatch? = nil) {
        self.builder = builder
        self.sourceRepository = sourceRepository
        self.buildType = buildType
    }
}

/// A value compared exactly, or with a regular expression that must match all of it.
public enum TextMatch: Sendable, Hashable, CustomStringConvertible {
    case exact(String)
    /// A regular expression (Swift `Regex` syntax, the common subset of Go's RE2 and PCRE). Unlike cosign's
    /// `--certificate-identity-regexp`, it must match the whole value: `https://github.com/acme/` does not
    /// match `https://github.com/acme/app/...`, and `https://github.com/acme/.*` does not match
    /// `https://evil.example/?https://github.com/acme/x`.
    case regularExpression(String)

    /// Whether `value` matches.
    public func matches(_ value: String) -> Bool {
        switch self {
        case .exact(let expected): return value == expected
        case .regularExpression(let pattern):
            guard let regex = try? Regex(pattern) else { return false }
            return (try? regex.wholeMatch(in: value)) != nil
        }
    }

    public var description: String {
        switch self {
        case .exact(let text): return "'\(text)'"
        case .regularExpression(let pattern): return "matching /\(pattern)/"
        }
    }
}
