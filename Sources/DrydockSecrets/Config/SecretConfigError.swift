/// Why a secret-scanning configuration (`--secret-config`, Trivy's `trivy-secret.yaml` format) cannot be
/// used: the file, the line, and what is wrong with it.
public struct SecretConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it is; stable for programs, not meant for display.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The file is not YAML.
        public static let malformedYAML = Code(rawValue: "malformed-yaml")
        /// A key or value is not what the format allows.
        public static let invalidValue = Code(rawValue: "invalid-value")
        /// A regular expression does not compile.
        public static let badPattern = Code(rawValue: "bad-pattern")
        /// The file cannot be read.
        public static let unreadable = Code(rawValue: "unreadable")

        public var description: String { rawValue }
    }

    public var code: Code
    /// What is wrong, in words a user can act on.
    public var reason: String
    /// The file, when the configuration came from one.
    public var file: String?
    /// The 1-based line, when known.
    public var line: Int?
    /// The lower-level error, as text.
    public var underlying: String?

    public init(code: Code, reason: String, file: String?, line: Int? = nil, underlying: String? = nil) {
        self.code = code
        self.reason = reason
        self.file = file
        self.line = line
        self.underlying = underlying
    }

    /// `file:line: reason (underlying)`.
    public var description: String {
        var text = ""
        if let file { text += file + (line.map { ":\($0)" } ?? "") + ": " }
        text += reason
        if let underlying { text += " (\(underlying))" }
        return text
    }

    static func badPattern(_ pattern: String, field: String, rule: String?, file: String?, line: Int?) -> Self {
        let owner = rule.map { " of rule \($0)" } ?? ""
        return SecretConfigError(
            code: .badPattern, reason: "\(field)\(owner) is not a valid regular expression: \(pattern)", file: file,
            line: line)
    }
}
