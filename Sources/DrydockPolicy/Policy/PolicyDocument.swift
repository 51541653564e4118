import Foundation

/// Whether the gate fails the build or only reports what it would have done.
public enum PolicyMode: String, Sendable, Hashable, CaseIterable, Codable {
    /// Failing findings fail the build (exit code).
    case enforce
    /// Nothing fails the build; the verdict says what enforcement would have done, with the same reasons.
    case audit
}

/// A Drydock policy file (`--policy FILE`, `docs/policy.md`): ordered rules, exceptions, a mode.
public struct PolicyDocument: Sendable, Hashable {
    /// The schema version this Drydock reads (`apiVersion:`).
    public static let apiVersion = "drydock/v1"

    /// The file as decisions cite it (`policy.yaml`, or `built-in:default`).
    public var path: String
    /// `sha256:` of the file's bytes.
    public var digest: String
    public var mode: PolicyMode
    /// The action for findings no rule matches (`defaultAction`, `warn` unless set).
    public var defaultAction: Decision.Action
    /// Rules in file order: the first that matches decides.
    public var rules: [PolicyRule]
    public var exceptions: [PolicyException]
    /// The `supplyChain:` section: signature, provenance and digest rules for images.
    public var supplyChain: SupplyChainPolicy?
    /// Problems found while reading that do not stop the policy from being used (unknown fields).
    public var diagnostics: [PolicyDiagnostic]

    public init(
        path: String, digest: String, mode: PolicyMode = .enforce, defaultAction: Decision.Action = .warn,
        rules: [PolicyRule] = [], exceptions: [PolicyException] = [], diagnostics: [PolicyDiagnostic] = []
    ) {
        self.path = path
        self.digest = digest
        self.mode = mode
        self.defaultAction = defaultAction
        self.rules = rules
        self.exceptions = exceptions
        self.diagnostics = diagnostics
    }

    /// Whether this is the built-in default policy.
    public var isBuiltIn: Bool { path == BuiltInPolicy.path }
}
