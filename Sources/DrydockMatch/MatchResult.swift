import DrydockModel

/// What matching found for a whole inventory.
public struct MatchResult: Sendable, Hashable {
    /// One entry per inventory target, in inventory order.
    public var targets: [TargetMatch]

    public init(targets: [TargetMatch]) {
        self.targets = targets
    }

    /// Every finding of every target.
    public var allFindings: [VulnerabilityFinding] { targets.flatMap(\.findings) }
}

/// The findings for one inventory target, and how far they can be trusted.
public struct TargetMatch: Sendable, Hashable {
    public var target: InventoryTarget
    /// Findings sorted by package name, installed version, then vulnerability ID.
    public var findings: [VulnerabilityFinding]
    public var coverage: TargetCoverage
    /// How many packages were really compared against advisories.
    public var checkedPackageCount: Int

    public init(
        target: InventoryTarget, findings: [VulnerabilityFinding], coverage: TargetCoverage,
        checkedPackageCount: Int = 0
    ) {
        self.target = target
        self.findings = findings
        self.coverage = coverage
        self.checkedPackageCount = checkedPackageCount
    }
}

/// Whether a target's packages could really be checked: "no findings" means "clean" only when covered.
public struct TargetCoverage: Sendable, Hashable, Codable {
    /// The advisory namespaces the target's packages were matched against.
    public var namespaces: [String]
    /// Namespaces the DB holds no advisory for: packages there were not checked.
    public var uncoveredNamespaces: [String]
    /// Packages that could not be matched, with the reason.
    public var unmatchable: [UnmatchablePackage]
    /// How many packages were skipped because their namespace is in `uncoveredNamespaces`.
    public var uncoveredPackageCount: Int

    /// Creates a coverage record.
    public init(
        namespaces: [String] = [], uncoveredNamespaces: [String] = [], unmatchable: [UnmatchablePackage] = [],
        uncoveredPackageCount: Int = 0
    ) {
        self.namespaces = namespaces
        self.uncoveredNamespaces = uncoveredNamespaces
        self.unmatchable = unmatchable
        self.uncoveredPackageCount = uncoveredPackageCount
    }

    /// True when every package was checked against advisories that exist for its namespace.
    public var isComplete: Bool { uncoveredNamespaces.isEmpty && unmatchable.isEmpty }

    /// How many packages were not checked, for any reason.
    public var uncheckedPackageCount: Int { unmatchable.count + uncoveredPackageCount }
}

/// A package that was not checked, and why.
public struct UnmatchablePackage: Sendable, Hashable, Codable {
    /// `name@version`.
    public var packageID: String
    /// The reason in words.
    public var reason: String
    /// The reason's kind, for grouping and for machines.
    public var kind: UnmatchableReason

    /// Creates an entry.
    public init(packageID: String, reason: String, kind: UnmatchableReason = .other) {
        self.packageID = packageID
        self.reason = reason
        self.kind = kind
    }
}

/// Why a package could not be matched.
public enum UnmatchableReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// An OS package whose distribution is not detected or not supported.
    case unsupportedOS = "unsupported-os"
    /// A package of an ecosystem Drydock has no advisory source for.
    case unknownEcosystem = "unknown-ecosystem"
    /// The DB holds no advisory for the package's namespace (see `TargetCoverage.uncoveredNamespaces`).
    case noAdvisories = "no-advisories"
    /// The version cannot be parsed or compared by its ecosystem's rules.
    case unparseableVersion = "unparseable-version"
    /// Anything else.
    case other
}
