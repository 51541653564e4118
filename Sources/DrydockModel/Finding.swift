/// A vulnerability found in one package: a value, not an error.
public struct VulnerabilityFinding: Sendable, Hashable, Codable {
    /// The ID shown to users: the CVE when the advisory or an alias is one, else the advisory's ID.
    public var vulnerabilityID: String
    /// Every ID of the advisories that matched, the shown one first.
    public var allIDs: [String]
    /// The package found vulnerable.
    public var package: Package
    /// The lowest version that fixes it, comma-joined when several branches fix it; empty when no fix is known.
    public var fixedVersion: String?
    /// Vendor status: `fixed` when a fix exists, `affected` when none does yet.
    public var status: VulnerabilityStatus
    /// The advisory data used for the report (title, description, CVSS, references, dates).
    public var advisory: Advisory
    /// The chosen severity.
    public var severity: Severity
    /// Which source the severity came from (`nvd`, `ghsa`, a feed name).
    public var severitySource: String?
    /// The DB namespace that matched (`Alpine:v3.10`).
    public var namespace: String

    public init(
        vulnerabilityID: String, allIDs: [String], package: Package, fixedVersion: String?,
        status: VulnerabilityStatus, advisory: Advisory, severity: Severity, severitySource: String?,
        namespace: String
    ) {
        self.vulnerabilityID = vulnerabilityID
        self.allIDs = allIDs
        self.package = package
        self.fixedVersion = fixedVersion
        self.status = status
        self.advisory = advisory
        self.severity = severity
        self.severitySource = severitySource
        self.namespace = namespace
    }
}

/// Vendor status of a vulnerability for a package, in Trivy's vocabulary.
public enum VulnerabilityStatus: String, Sendable, Hashable, Codable {
    case unknown
    case notAffected = "not_affected"
    case affected
    case fixed
    case underInvestigation = "under_investigation"
    case willNotFix = "will_not_fix"
    case fixDeferred = "fix_deferred"
    case endOfLife = "end_of_life"
}
