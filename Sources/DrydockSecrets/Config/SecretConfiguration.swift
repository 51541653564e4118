/// What a `--secret-config` file says, in Trivy's `trivy-secret.yaml` format; the default value is "no
/// file": the built-in rules and allow rules, Trivy's default skip patterns.
public struct SecretConfiguration: Sendable, Hashable {
    /// When not empty, only these built-in rules run (`enable-builtin-rules`); custom rules always run.
    public var enableBuiltinRules: [String]
    /// Rules that do not run, built-in or custom (`disable-rules`).
    public var disableRules: [String]
    /// Allow rules that do not apply, built-in or custom (`disable-allow-rules`).
    public var disableAllowRules: [String]
    /// Custom rules (`rules`), run on the whole file whenever one of their keywords occurs.
    public var rules: [SecretRule]
    /// Custom allow rules applied to every rule (`allow-rules`).
    public var allowRules: [SecretAllowRule]
    /// Regular expressions of blocks inside which nothing is reported (`exclude-block.regexes`).
    public var excludeBlocks: [String]
    /// Globs of paths never scanned (`skip-patterns`); `nil` keeps Trivy's defaults, `[]` skips nothing.
    public var skipPatterns: [String]?
    /// The file it was read from, for messages.
    public var source: String?
    /// Where things are in the file, for messages: a rule's ID, `allow:ID`, `exclude-block`, `skip-patterns`.
    public var lines: [String: Int]

    /// Creates a configuration (by default: none).
    public init(
        enableBuiltinRules: [String] = [], disableRules: [String] = [], disableAllowRules: [String] = [],
        rules: [SecretRule] = [], allowRules: [SecretAllowRule] = [], excludeBlocks: [String] = [],
        skipPatterns: [String]? = nil, source: String? = nil, lines: [String: Int] = [:]
    ) {
        self.enableBuiltinRules = enableBuiltinRules
        self.disableRules = disableRules
        self.disableAllowRules = disableAllowRules
        self.rules = rules
        self.allowRules = allowRules
        self.excludeBlocks = excludeBlocks
        self.skipPatterns = skipPatterns
        self.source = source
        self.lines = lines
    }

    /// The rules, allow rules, skip patterns and exclude blocks in force.
    struct Effective: Hashable {
        var rules: [SecretRule]
        var allowRules: [SecretAllowRule]
        var skipPatterns: [GlobPattern]
        var excludeBlocks: [String]
    }

    /// Trivy's order: built-in rules (only the enabled ones when `enable-builtin-rules` is set), then custom
    /// rules, less the disabled ones; built-in allow rules then custom ones, less the disabled ones.
    func effectiveRules() -> Effective {
        let enabled = Set(enableBuiltinRules)
        let builtin = enabled.isEmpty ? BuiltinRules.all : BuiltinRules.all.filter { enabled.contains($0.id) }
        let disabled = Set(disableRules)
        let disabledAllow = Set(disableAllowRules)
        return Effective(
            rules: (builtin + rules).filter { !disabled.contains($0.id) },
            allowRules: (BuiltinAllowRules.all + allowRules).filter { !disabledAllow.contains($0.id) },
            skipPatterns: (skipPatterns ?? BuiltinAllowRules.defaultSkipPatterns).compactMap { try? GlobPattern($0) },
            excludeBlocks: excludeBlocks)
    }
}
