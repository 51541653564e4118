import DrydockCatalog
import DrydockModel
import Foundation

/// The gate's rules a client sends with a scan (its `--severity`, `--ignore-unfixed`, `--exit-code`, …), so
/// the server decides exactly as a local scan would.
public struct GateRequest: Sendable, Hashable, Codable {
    public var severities: [Severity]
    public var ignoreUnfixed: Bool
    public var ignoredStatuses: [VulnerabilityStatus]
    public var exitCode: Int32
    public var failOnUncovered: Bool
    public var failOnEndOfLife: Bool

    public init(
        severities: [Severity] = Severity.allCases, ignoreUnfixed: Bool = false,
        ignoredStatuses: [VulnerabilityStatus] = [], exitCode: Int32 = 0, failOnUncovered: Bool = false,
        failOnEndOfLife: Bool = false
    ) {
        self.severities = severities
        self.ignoreUnfixed = ignoreUnfixed
        self.ignoredStatuses = ignoredStatuses
        self.exitCode = exitCode
        self.failOnUncovered = failOnUncovered
        self.failOnEndOfLife = failOnEndOfLife
    }
}

/// What `drydock image --server` (and `fs`, `rootfs`, `sbom`) sends: never image content, only the
/// inventory — or, for an image, the analyses of the layers the server lacks (``LayerQuery``) and the
/// diffIDs of all of them, which the server merges as a local scan merges them.
public struct ScanSubmission: Sendable, Hashable, Codable {
    public var artifact: ArtifactMetadata
    /// The merged inventory; `nil` when the server is to merge ``layers``.
    public var inventory: Inventory?
    /// Layer analyses the server did not have (keyed by their `diffID`).
    public var layers: [LayerAnalysis]
    /// The analyzers' fingerprint the layer analyses were made with.
    public var analyzerKey: String?
    /// Whether the target is a project directory though its type says otherwise (an SBOM of one).
    public var isProject: Bool
    public var gate: GateRequest
    /// `--list-all-pkgs`.
    public var listAllPackages: Bool
    /// Labels to store the image with (`team`, `environment`, `namespace`).
    public var labels: [String: String]
    /// Whether to keep the inventory in the repository (default: yes).
    public var store: Bool

    public init(
        artifact: ArtifactMetadata, inventory: Inventory?, layers: [LayerAnalysis] = [], analyzerKey: String? = nil,
        isProject: Bool = false, gate: GateRequest = GateRequest(), listAllPackages: Bool = false,
        labels: [String: String] = [:], store: Bool = true
    ) {
        self.artifact = artifact
        self.inventory = inventory
        self.layers = layers
        self.analyzerKey = analyzerKey
        self.isProject = isProject
        self.gate = gate
        self.listAllPackages = listAllPackages
        self.labels = labels
        self.store = store
    }
}

/// "Which of these layers do you lack?" — asked before a scan is sent.
public struct LayerQuery: Sendable, Hashable, Codable {
    public var analyzerKey: String
    public var diffIDs: [String]

    public init(analyzerKey: String, diffIDs: [String]) {
        self.analyzerKey = analyzerKey
        self.diffIDs = diffIDs
    }
}

/// The layers the server lacks.
public struct LayerQueryAnswer: Sendable, Hashable, Codable {
    public var missing: [String]

    public init(missing: [String]) {
        self.missing = missing
    }
}

/// The answer to an SBOM push: where it was stored and what it holds.
public struct SBOMPushAnswer: Sendable, Hashable, Codable {
    public var digest: String
    public var format: String
    public var packages: Int
    public var findings: Int
    public var changes: ImageChanges

    public init(digest: String, format: String, packages: Int, findings: Int, changes: ImageChanges) {
        self.digest = digest
        self.format = format
        self.packages = packages
        self.findings = findings
        self.changes = changes
    }
}

/// An error answer of the API: `{"error": {"code": …, "message": …}}`.
public struct APIErrorBody: Sendable, Hashable, Codable {
    public struct Detail: Sendable, Hashable, Codable {
        public var code: String
        public var message: String
        /// For a scan whose layers the server no longer has: the diffIDs to send.
        public var missingLayers: [String]?

        public init(code: String, message: String, missingLayers: [String]? = nil) {
            self.code = code
            self.message = message
            self.missingLayers = missingLayers
        }
    }

    public var error: Detail

    public init(code: String, message: String, missingLayers: [String]? = nil) {
        self.error = Detail(code: code, message: message, missingLayers: missingLayers)
    }
}
