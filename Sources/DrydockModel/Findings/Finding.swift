/// The four kinds of findings, with Trivy's names for them.
public enum FindingKind: String, Sendable, Hashable, Codable, CaseIterable {
    case vulnerability
    case misconfiguration
    case secret
    case license
}

/// Anything a scanner found: every finding goes through the same policy, evidence and report writers.
public enum Finding: Sendable, Hashable, Codable {
    case vulnerability(VulnerabilityFinding)
    case misconfiguration(MisconfigurationFinding)
    case secret(SecretFinding)
    case license(LicenseFinding)

    /// Which kind of finding this is.
    public var kind: FindingKind {
        switch self {
        case .vulnerability: .vulnerability
        case .misconfiguration: .misconfiguration
        case .secret: .secret
        case .license: .license
        }
    }

    /// The ID rules and ignore files name: the vulnerability ID, the check ID, the secret rule ID, or the
    /// license's SPDX name.
    public var id: String {
        switch self {
        case .vulnerability(let finding): finding.vulnerabilityID
        case .misconfiguration(let finding): finding.id
        case .secret(let finding): finding.ruleID
        case .license(let finding): finding.name
        }
    }

    /// Every ID the finding is also known by (the shown one first): advisory aliases, older check spellings.
    public var allIDs: [String] {
        switch self {
        case .vulnerability(let finding): finding.allIDs.isEmpty ? [finding.vulnerabilityID] : finding.allIDs
        case .misconfiguration(let finding): [finding.id] + finding.aliases
        case .secret(let finding): [finding.ruleID]
        case .license(let finding): [finding.name]
        }
    }

    public var severity: Severity {
        switch self {
        case .vulnerability(let finding): finding.severity
        case .misconfiguration(let finding): finding.severity
        case .secret(let finding): finding.severity
        case .license(let finding): finding.severity
        }
    }

    /// The package concerned, for vulnerabilities and package licenses.
    public var package: Package? {
        switch self {
        case .vulnerability(let finding): finding.package
        case .license(let finding): finding.package
        case .misconfiguration, .secret: nil
        }
    }

    /// The file the finding is in or was read from, when there is one.
    public var filePath: String? {
        switch self {
        case .vulnerability(let finding): finding.package.filePath
        case .misconfiguration(let finding): finding.filePath
        case .secret(let finding): finding.filePath
        case .license(let finding): finding.filePath ?? finding.package?.filePath
        }
    }

    /// The image layer the finding comes from, when known.
    public var layer: LayerReference? {
        switch self {
        case .vulnerability(let finding): finding.package.layer
        case .misconfiguration(let finding): finding.layer
        case .secret(let finding): finding.layer
        case .license(let finding): finding.layer ?? finding.package?.layer
        }
    }

    /// A one-line description: the advisory title, check title, secret rule title or license name.
    public var title: String? {
        switch self {
        case .vulnerability(let finding): finding.advisory.title
        case .misconfiguration(let finding): finding.title
        case .secret(let finding): finding.title
        case .license(let finding): finding.name
        }
    }

    /// The vulnerability, when this is one.
    public var vulnerability: VulnerabilityFinding? {
        if case .vulnerability(let finding) = self { finding } else { nil }
    }

    /// The misconfiguration, when this is one.
    public var misconfiguration: MisconfigurationFinding? {
        if case .misconfiguration(let finding) = self { finding } else { nil }
    }

    /// The secret, when this is one.
    public var secret: SecretFinding? {
        if case .secret(let finding) = self { finding } else { nil }
    }

    /// The license, when this is one.
    public var license: LicenseFinding? {
        if case .license(let finding) = self { finding } else { nil }
    }
}
