import DrydockModel

/// One secret-detection rule: an ID, what it finds, the keywords that must occur for it to run, and the
/// regular expression that finds the secret.
///
/// Built-in rules carry Trivy's IDs, categories, titles and severities (plus a few Drydock adds, see
/// `origin`); rules from a `--secret-config` file carry whatever the file says. Patterns use ICU's syntax
/// (`NSRegularExpression`); Go's `(?P<name>…)` group spelling is accepted too. Without `(?m)`, `^` and `$`
/// anchor at the start and end of the whole file, as in Go.
public struct SecretRule: Sendable, Hashable {
    /// Where a rule comes from.
    public enum Origin: String, Sendable, Hashable, Codable {
        /// One of Trivy's built-in rules (same ID, category, title and severity).
        case trivy
        /// A built-in rule Drydock adds where Trivy has none (see `docs/secrets.md`).
        case drydock
        /// A rule from a `--secret-config` file.
        case custom
    }

    /// How far from one of its keywords a match of the rule can reach: where its expression is run.
    public enum Reach: Sendable, Hashable {
        /// The lines around each keyword occurrence: the keyword's line, `before` lines above and `after`
        /// lines below. Right for rules whose every match contains one of their keywords.
        case lines(before: Int, after: Int)
        /// The whole file, whenever a keyword occurs anywhere in it (Trivy's behaviour; custom rules).
        case wholeFile
    }

    /// What must follow a keyword occurrence for a match to start there.
    public enum AfterKeyword: Sendable, Hashable {
        /// The `keyed` shape: name characters (`[A-Za-z0-9_ .,-]`, up to 25), an assignment (`=`, `>`, `:`,
        /// `||:`, `<=`), then — when `quoted` — a quote within the next 9 bytes.
        case assignment(quoted: Bool)
        /// `count` bytes of `set` (ASCII, ranges written `a-f`).
        case characters(String, count: Int)
    }

    /// Stable ID, as ignore files name it (`aws-access-key-id`).
    public var id: String
    /// Category shown in reports (`AWS`, `GitHub`).
    public var category: String
    /// Title shown in reports.
    public var title: String
    public var severity: Severity
    /// The regular expression.
    public var pattern: String
    /// The named group holding the secret (reported and masked); `nil`: the whole match.
    public var secretGroup: String?
    /// Words one of which must occur in the file (compared without regard to case, as Trivy does, unless
    /// `exactKeywords`); an empty list runs the rule on every file.
    public var keywords: [String]
    /// When `true`, keywords are compared with their case: only for rules whose every match contains a
    /// keyword exactly as written, so that the result is the same as comparing without case, only faster.
    public var exactKeywords: Bool
    /// A regular expression the file's path must match for the rule to run.
    public var path: String?
    /// Matches or paths this rule does not report.
    public var allowRules: [SecretAllowRule]
    /// Regular expressions of blocks inside which this rule's matches are not reported.
    public var excludeBlocks: [String]
    /// Where the expression is run.
    public var reach: Reach
    /// A cheap test of the bytes right after a keyword occurrence that the occurrence a match starts with
    /// always passes: occurrences that fail it are not looked at (with `.lines` reach only).
    public var afterKeyword: AfterKeyword?
    /// Where the rule comes from.
    public var origin: Origin

    /// Creates a rule.
    public init(
        id: String, category: String, title: String, severity: Severity, pattern: String,
        secretGroup: String? = nil, keywords: [String], exactKeywords: Bool = false, path: String? = nil,
        allowRules: [SecretAllowRule] = [], excludeBlocks: [String] = [], reach: Reach = .lines(before: 1, after: 2),
        afterKeyword: AfterKeyword? = nil, origin: Origin = .trivy
    ) {
        self.id = id
        self.category = category
        self.title = title
        self.severity = severity
        self.pattern = pattern
        self.secretGroup = secretGroup
        self.keywords = keywords
        self.exactKeywords = exactKeywords
        self.path = path
        self.allowRules = allowRules
        self.excludeBlocks = excludeBlocks
        self.reach = reach
        self.afterKeyword = afterKeyword
        self.origin = origin
    }
}

/// A rule that lets matches or whole paths through: test files, vendored code, placeholders.
///
/// A path rule skips matching files entirely; a regex rule drops matches (the whole match, not only the
/// secret group) it finds a match in. A rule with both does both, independently, as Trivy's do.
public struct SecretAllowRule: Sendable, Hashable {
    /// Stable ID, as `disable-allow-rules` names it (`tests`, `usr-dirs`).
    public var id: String
    /// What it is for.
    public var description: String
    /// Matches containing a match of this expression are not reported.
    public var regex: String?
    /// Files whose path matches this expression are not scanned.
    public var path: String?
    /// Where the rule comes from: Trivy's built-in list, Drydock's additions, or a `--secret-config` file.
    public var origin: SecretRule.Origin

    /// Creates an allow rule.
    public init(
        id: String, description: String, regex: String? = nil, path: String? = nil, origin: SecretRule.Origin = .trivy
    ) {
        self.id = id
        self.description = description
        self.regex = regex
        self.path = path
        self.origin = origin
    }
}
