/// A misconfiguration check: metadata, examples, and a pure function from one input to its failures.
///
/// Checks are values: the built-in ones are listed in ``BuiltinChecks``, custom ones are built from YAML
/// files (``CustomCheck``). Evaluating a check does no I/O.
public struct Check: Sendable {
    /// IDs, words, severity and what the check applies to.
    public var metadata: CheckMetadata
    /// Inputs that fail and inputs that pass, for tests, `drydock config test` and the documentation.
    public var examples: CheckExamples
    /// The failures of one input.
    public var evaluate: @Sendable (CheckInput, CheckSettings) -> [CheckFailure]

    /// Creates a check.
    public init(
        metadata: CheckMetadata, examples: CheckExamples,
        evaluate: @escaping @Sendable (CheckInput, CheckSettings) -> [CheckFailure]
    ) {
        self.metadata = metadata
        self.examples = examples
        self.evaluate = evaluate
    }

    /// A Dockerfile check.
    public static func dockerfile(
        _ metadata: CheckMetadata, examples: CheckExamples,
        _ body: @escaping @Sendable (Dockerfile, CheckSettings) -> [CheckFailure]
    ) -> Check {
        Check(metadata: metadata, examples: examples) { input, settings in
            guard case .dockerfile(let file) = input else { return [] }
            return body(file, settings)
        }
    }

    /// A Kubernetes check.
    public static func kubernetes(
        _ metadata: CheckMetadata, examples: CheckExamples,
        _ body: @escaping @Sendable (KubernetesObject, CheckSettings) -> [CheckFailure]
    ) -> Check {
        Check(metadata: metadata, examples: examples) { input, settings in
            guard case .kubernetes(let object) = input else { return [] }
            return body(object, settings)
        }
    }
}

/// What a check reads.
public enum CheckInput: Sendable, Hashable {
    /// A whole Dockerfile.
    case dockerfile(Dockerfile)
    /// One Kubernetes object.
    case kubernetes(KubernetesObject)
    /// A resource of another kind of file (Terraform and CloudFormation resources plug in here).
    case resource(ConfigResource)

    /// The kind checks select on (`Dockerfile`, `Deployment`, `aws_s3_bucket`).
    public var kind: String {
        switch self {
        case .dockerfile: "Dockerfile"
        case .kubernetes(let object): object.kind
        case .resource(let resource): resource.kind
        }
    }

    /// The generic view: the resource tree custom checks read.
    public var resource: ConfigResource {
        switch self {
        case .dockerfile(let file):
            ConfigResource(
                fileType: .dockerfile, kind: "Dockerfile", name: "", provider: "Dockerfile", node: file.tree)
        case .kubernetes(let object):
            ConfigResource(
                fileType: object.helmSource == nil ? .kubernetes : .helm, kind: object.kind, name: object.name,
                provider: "Kubernetes", node: object.node)
        case .resource(let resource):
            resource
        }
    }
}

/// A resource of any file type as a tree with lines: what custom checks and future IaC checks read.
public struct ConfigResource: Sendable, Hashable {
    /// The file type it came from.
    public var fileType: ConfigFileType
    /// Its kind (`Deployment`, `Dockerfile`, `aws_s3_bucket`).
    public var kind: String
    /// Its name (`web`, `logs`); empty when it has none.
    public var name: String
    /// The provider (`Kubernetes`, `Dockerfile`, `AWS`).
    public var provider: String
    /// The service (`general`, `s3`).
    public var service: String
    /// The resource's attributes.
    public var node: ConfigNode

    /// Creates a resource.
    public init(
        fileType: ConfigFileType, kind: String, name: String, provider: String, service: String = "general",
        node: ConfigNode
    ) {
        self.fileType = fileType
        self.kind = kind
        self.name = name
        self.provider = provider
        self.service = service
        self.node = node
    }

    /// `Kind/name` (`Deployment/web`), or the kind alone.
    public var displayName: String { name.isEmpty ? kind : "\(kind)/\(name)" }
}

/// One thing a check found wrong.
public struct CheckFailure: Sendable, Hashable {
    /// What is wrong, in words.
    public var message: String
    /// The lines of the cause; `nil` when the cause is the whole file (a missing instruction).
    public var range: LineRange?

    /// Creates a failure.
    public init(_ message: String, range: LineRange?) {
        self.message = message
        self.range = range
    }

    /// A failure caused by `node`.
    public init(_ message: String, at node: ConfigNode?) {
        self.init(message, range: node?.range)
    }

    /// A failure caused by `instruction`.
    public init(_ message: String, at instruction: DockerInstruction) {
        self.init(message, range: instruction.range)
    }
}

/// Inputs a check must fail on and inputs it must pass.
public struct CheckExamples: Sendable, Hashable {
    /// Inputs with at least one failure of the check.
    public var failing: [String]
    /// Inputs without failures of the check.
    public var passing: [String]
    /// The settings the examples are evaluated with.
    public var settings: CheckSettings

    /// Creates examples.
    public init(failing: [String], passing: [String], settings: CheckSettings = CheckSettings()) {
        self.failing = failing
        self.passing = passing
        self.settings = settings
    }
}

/// Settings some checks read (Trivy's check data and `--k8s-version`).
public struct CheckSettings: Sendable, Hashable {
    /// The Kubernetes version to judge deprecated APIs and allowed sysctls against (`1.29.0`).
    public var kubernetesVersion: String?
    /// Registries images may come from (KSV-0125); empty means the built-in cloud registries.
    public var trustedRegistries: [String]
    /// Further environment variable names that hold secrets (DS-0031).
    public var secretEnvironmentNames: [String]

    /// Creates settings.
    public init(
        kubernetesVersion: String? = nil, trustedRegistries: [String] = [], secretEnvironmentNames: [String] = []
    ) {
        self.kubernetesVersion = kubernetesVersion
        self.trustedRegistries = trustedRegistries
        self.secretEnvironmentNames = secretEnvironmentNames
    }
}
