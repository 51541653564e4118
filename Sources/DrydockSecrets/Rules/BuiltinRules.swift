import DrydockModel

/// The rules Drydock runs unless a `--secret-config` file says otherwise: every rule Trivy ships, with
/// its ID, category, title and severity, in Trivy's order, then the few Drydock adds (`origin: .drydock`).
///
/// The patterns are Drydock's own (ICU syntax); where Trivy's pattern has a defect the difference is
/// listed in `docs/secrets.md`. Keywords are chosen so that every match of a rule contains one of them —
/// which lets the scanner run a rule's expression only around its keywords — and, where the expression
/// itself is case-sensitive, they are compared with their case (`exactKeywords`).
public enum BuiltinRules {
    /// Every built-in rule, Trivy's first, in Trivy's order.
    public static let all: [SecretRule] = tokensAndKeys + serviceTokens + platformTokens + drydockRules

    /// The built-in rule with `id`, if there is one.
    public static func rule(id: String) -> SecretRule? {
        all.first { $0.id == id }
    }

    // MARK: Building blocks

    /// No letter, digit or `_` right before (Trivy's "without word prefix" rules).
    static let wordStart = "(?<![0-9A-Za-z_])"
    /// No letter, digit or `_` right after.
    static let wordEnd = "(?![0-9A-Za-z_])"

    /// A service's name, then an assignment, then the secret in quotes, case-insensitive: the shape of most
    /// of Trivy's service rules (`facebook_token = "…"`, `"twitch.secret": '…'`).
    ///
    /// Up to 25 name characters may follow the service's name, then one of `=`, `>`, `:=`, `||:`, `<=`,
    /// `=>`, `:`, then up to 5 characters before the opening quote. With `grouped`, only the quoted value
    /// is the secret; without (Trivy's rules that name no group), the whole match is.
    static func keyed(_ name: String, _ secret: String, grouped: Bool = true, quoted: Bool = true) -> String {
        let value = grouped ? "(?<secret>\(secret))" : "(?:\(secret))"
        let quote = quoted ? #"["']"# : ""
        return #"(?i)"# + name + #"[a-z0-9_ .,\-]{0,25}(?:=|>|:=|\|\|:|<=|=>|:).{0,5}"# + quote + value + quote
    }

    /// A rule of the `keyed` shape for `service`, whose keyword is the service's name.
    static func keyedRule(
        _ id: String, _ category: String, _ title: String, _ severity: Severity, service: String, secret: String,
        grouped: Bool = true, quoted: Bool = true
    ) -> SecretRule {
        SecretRule(
            id: id, category: category, title: title, severity: severity,
            pattern: keyed(service, secret, grouped: grouped, quoted: quoted), secretGroup: grouped ? "secret" : nil,
            keywords: [service], afterKeyword: .assignment(quoted: quoted))
    }

    /// A rule whose whole match is the secret and whose keywords are compared with their case.
    static func literalRule(
        _ id: String, _ category: String, _ title: String, _ severity: Severity, _ pattern: String,
        keywords: [String], followedBy: SecretRule.AfterKeyword? = nil
    ) -> SecretRule {
        SecretRule(
            id: id, category: category, title: title, severity: severity, pattern: pattern, keywords: keywords,
            exactKeywords: true, afterKeyword: followedBy)
    }

    /// A rule reporting the group `secret`, whose keywords are compared with their case.
    static func groupRule(
        _ id: String, _ category: String, _ title: String, _ severity: Severity, _ pattern: String,
        keywords: [String], followedBy: SecretRule.AfterKeyword? = nil
    ) -> SecretRule {
        SecretRule(
            id: id, category: category, title: title, severity: severity, pattern: pattern, secretGroup: "secret",
            keywords: keywords, exactKeywords: true, afterKeyword: followedBy)
    }
}
