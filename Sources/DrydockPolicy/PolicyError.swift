/// Why a policy file or an ignore file cannot be used: the file, the line and what is wrong.
///
/// Every error names a place the user can open (`policy.yaml:12: …`). The CLI turns these into exit code 2
/// (usage error): a file that cannot be read as written never passes silently.
public struct PolicyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it is.
    public enum Code: String, Sendable, Hashable {
        /// The file could not be read.
        case unreadable
        /// Not valid YAML (syntax, duplicate keys).
        case yaml
        /// Valid YAML that does not follow the schema: wrong type, unknown value, missing field.
        case schema
        /// An unsupported `apiVersion`.
        case version
    }

    public var code: Code
    /// What is wrong, in words.
    public var reason: String
    /// Where: the file and, when known, the line.
    public var location: SourceLocation

    public init(_ code: Code, _ reason: String, at location: SourceLocation) {
        self.code = code
        self.reason = reason
        self.location = location
    }

    public var description: String { "\(location): \(reason)" }
}

/// Something worth telling about a policy or ignore file that does not stop it from being used: an unknown
/// field, an exception without an owner. Scans print these as warnings; `drydock policy lint` reports them as
/// problems.
public struct PolicyDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem (stable names, shown by `policy lint`).
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case unknownField = "unknown-field"
        case noOwner = "no-owner"
        case shadowedRule = "shadowed-rule"
        case neverMatches = "never-matches"
        case broadException = "broad-exception"
        case expiryTooFar = "expiry-too-far"
        case expiredException = "expired-exception"
        case duplicateName = "duplicate-name"
    }

    public var kind: Kind
    public var message: String
    public var location: SourceLocation

    public init(_ kind: Kind, _ message: String, at location: SourceLocation) {
        self.kind = kind
        self.message = message
        self.location = location
    }

    public var description: String { "\(location): \(message) [\(kind.rawValue)]" }
}
