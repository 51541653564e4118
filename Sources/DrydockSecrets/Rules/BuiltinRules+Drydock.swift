import DrydockModel

extension BuiltinRules {
    /// Rules Drydock adds for credentials Trivy has no rule for. `disable-rules` turns them off by ID like any
    /// other; `docs/secrets.md` lists them apart.
    static let drydockRules: [SecretRule] = [
        drydock(
            groupRule(
                "anthropic-api-key", "Anthropic", "Anthropic API Key", .critical,
                wordStart + #"(?<secret>sk-ant-api03-[A-Za-z0-9_\-]{93}AA)"# + wordEnd, keywords: ["sk-ant-api03-"])),
        drydock(
            groupRule(
                "anthropic-admin-api-key", "Anthropic", "Anthropic Admin API Key", .critical,
                wordStart + #"(?<secret>sk-ant-admin01-[A-Za-z0-9_\-]{93}AA)"# + wordEnd,
                keywords: ["sk-ant-admin01-"])),
        drydock(
            groupRule(
                "gcp-api-key", "Google", "Google API Key", .high,
                #"(?<![0-9A-Za-z_\-])(?<secret>AIza[0-9A-Za-z_\-]{35})(?![0-9A-Za-z_\-])"#, keywords: ["AIza"])),
        drydock(
            groupRule(
                "dockerhub-pat", "Docker", "Docker Hub Personal Access Token", .critical,
                wordStart + #"(?<secret>dckr_(?:pat|oat)_[A-Za-z0-9_\-]{27,64})"# + #"(?![A-Za-z0-9_\-])"#,
                keywords: ["dckr_pat_", "dckr_oat_"])),
        drydock(
            groupRule(
                "nuget-api-key", "NuGet", "NuGet API Key", .high,
                wordStart + #"(?<secret>oy2[a-z0-9]{43})"# + wordEnd, keywords: ["oy2"])),
        drydock(
            SecretRule(
                id: "database-connection-string", category: "Database",
                title: "Database connection string with password", severity: .high,
                pattern: #"(?i)(?<![A-Za-z0-9+.\-])(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?"#
                    + #"|mssql|sqlserver)://[^\s:@/'"<>]*:(?<secret>[^\s:@/'"<>]+)@[^\s/'"<>:@]+"#,
                secretGroup: "secret",
                keywords: [
                    "postgres://", "postgresql://", "mysql://", "mariadb://", "mongodb://", "mongodb+srv://",
                    "redis://", "rediss://", "amqp://", "amqps://", "mssql://", "sqlserver://",
                ],
                allowRules: [
                    SecretAllowRule(
                        id: "connection-string-placeholder",
                        description: "Passwords that are placeholders: variables, templates, masks, the word itself",
                        regex: #"(?i):(?:password|passwd|pass|pwd|secret|changeme|\*+|x+|<[^>]*>|\$\{[^}]*\}"#
                            + #"|\$[A-Za-z_][A-Za-z0-9_]*|%[sd]|%\([^)]*\)s|\{\{[^}]*\}\}|\{[^}]*\})@"#)
                ])),
    ]

    /// `rule`, marked as one of Drydock's own.
    private static func drydock(_ rule: SecretRule) -> SecretRule {
        var rule = rule
        rule.origin = .drydock
        return rule
    }
}
