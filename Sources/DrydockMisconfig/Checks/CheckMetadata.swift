import DrydockModel

/// The kinds of file misconfiguration checks read, with Trivy's `Type` names.
public enum ConfigFileType: String, Sendable, Hashable, Codable, CaseIterable {
    case dockerfile
    case kubernetes
    /// `helm template` output: Kubernetes objects reported against their chart templates.
    case helm
    /// Reserved for Terraform (`.tf`), read by a later release.
    case terraform
    /// Reserved for CloudFormation templates, read by a later release.
    case cloudformation

    /// The provider reports name for this file type (`Dockerfile`, `Kubernetes`).
    public var provider: String {
        switch self {
        case .dockerfile: "Dockerfile"
        case .kubernetes, .helm: "Kubernetes"
        case .terraform: "Terraform"
        case .cloudformation: "CloudFormation"
        }
    }

    /// Trivy's misconfiguration `Type` text (`Dockerfile Security Check`).
    public var checkTypeName: String {
        switch self {
        case .dockerfile: "Dockerfile Security Check"
        case .kubernetes: "Kubernetes Security Check"
        case .helm: "Helm Security Check"
        case .terraform: "Terraform Security Check"
        case .cloudformation: "CloudFormation Security Check"
        }
    }
}

/// What a check is: its IDs, words, severity and what it applies to. Reports and `docs/checks.md` read it.
public struct CheckMetadata: Sendable, Hashable {
    /// The current ID (`DS-0002`, `KSV-0017`).
    public var id: String
    /// Older and long spellings that ignore files and policies may use (`DS002`, `AVD-DS-0002`,
    /// `least-privilege-user`).
    public var aliases: [String]
    /// One line.
    public var title: String
    /// What the risk is.
    public var description: String
    /// How to fix it.
    public var resolution: String
    public var severity: Severity
    /// Where to read more; the first is the primary URL.
    public var references: [String]
    /// Trivy's check namespace (`builtin.dockerfile.DS002`), for the report's `Namespace` and `Query`.
    public var namespace: String?
    /// The provider (`Dockerfile`, `Kubernetes`, later `AWS`).
    public var provider: String
    /// The service within the provider (`general`, later `s3`).
    public var service: String
    /// The file types it reads.
    public var fileTypes: Set<ConfigFileType>
    /// Resource kinds it applies to, lowercased (`deployment`); empty means every kind of its file types.
    public var kinds: Set<String>
    /// Standards the check belongs to (`pss-baseline`, `pss-restricted`).
    public var standards: [String]
    /// Deprecated checks run only when asked for (`--include-deprecated-checks`).
    public var deprecated: Bool
    /// The page users open first; the first reference when not set.
    public var primaryURL: String?

    /// Creates metadata.
    public init(
        id: String, aliases: [String] = [], title: String, description: String, resolution: String,
        severity: Severity, references: [String] = [], namespace: String? = nil, provider: String,
        service: String = "general", fileTypes: Set<ConfigFileType>, kinds: Set<String> = [],
        standards: [String] = [], deprecated: Bool = false, primaryURL: String? = nil
    ) {
        self.id = id
        self.aliases = aliases
        self.title = title
        self.description = description
        self.resolution = resolution
        self.severity = severity
        self.references = references
        self.namespace = namespace
        self.provider = provider
        self.service = service
        self.fileTypes = fileTypes
        self.kinds = Set(kinds.map { $0.lowercased() })
        self.standards = standards
        self.deprecated = deprecated
        self.primaryURL = primaryURL ?? references.first
    }

    /// Every ID the check answers to, the current one first.
    public var allIDs: [String] { [id] + aliases }

    /// Whether `name` is one of the check's IDs (case-insensitive).
    public func answers(to name: String) -> Bool {
        let lowered = name.lowercased()
        return allIDs.contains { $0.lowercased() == lowered }
    }

    /// Whether the check reads files of `type` and resources of `kind`.
    public func applies(to type: ConfigFileType, kind: String) -> Bool {
        let readsType = fileTypes.contains(type) || (type == .helm && fileTypes.contains(.kubernetes))
        return readsType && (kinds.isEmpty || kinds.contains(kind.lowercased()))
    }
}
