import DrydockModel
import Foundation

/// One rule of a policy file: conditions and the action taken on the findings that meet them all.
public struct PolicyRule: Sendable, Hashable {
    /// `name`, or `rules[N]` when the rule has none.
    public var name: String
    public var description: String?
    public var action: Decision.Action
    /// `noExceptions: true`: no exception can turn this rule's `fail` into anything else.
    public var noExceptions: Bool
    /// Every condition must hold (none: the rule matches every finding).
    public var conditions: [LocatedCondition]
    /// Conditions the rule names but this version does not know: such a rule never matches.
    public var unknownConditions: [String]
    /// Where the rule starts.
    public var location: SourceLocation

    public init(
        name: String, description: String? = nil, action: Decision.Action, noExceptions: Bool = false,
        conditions: [LocatedCondition] = [], unknownConditions: [String] = [], location: SourceLocation
    ) {
        self.name = name
        self.description = description
        self.action = action
        self.noExceptions = noExceptions
        self.conditions = conditions
        self.unknownConditions = unknownConditions
        self.location = location
    }

    /// Whether every condition holds for `facts`.
    public func matches(_ facts: FindingFacts) -> Bool {
        unknownConditions.isEmpty && conditions.allSatisfy { $0.condition.matches(facts) }
    }

    /// The conditions in words (`severity CRITICAL and a fix is available`), or `every finding`.
    public var summary: String {
        conditions.isEmpty ? "every finding" : conditions.map(\.condition.summary).joined(separator: " and ")
    }

    /// The rule as decisions cite it.
    public var decisionRule: DecisionRule {
        DecisionRule(source: .policy, id: name, description: description ?? summary, location: location)
    }
}

/// An exception of a policy file: IDs set aside for an owner, for a reason, until a date, in a scope.
public struct PolicyException: Sendable, Hashable {
    /// The IDs it applies to (any of a finding's IDs, aliases included).
    public var ids: [String]
    public var owner: String?
    public var reason: String?
    /// When it stops applying (00:00 UTC of the `expires` day).
    public var expires: Date?
    /// What happens to the findings it covers: `ignore` (default) or `warn` (accepted, still shown).
    public var action: Decision.Action
    /// Scope: the finding's package must match one of these purls.
    public var purls: [PackageURL]
    /// Scope: the target's name or the finding's file must match one of these patterns.
    public var paths: [GlobPattern]
    /// Scope: the image's name, a tag, a repository digest or the image ID must match one of these patterns.
    public var images: [GlobPattern]
    public var location: SourceLocation

    public init(
        ids: [String], owner: String? = nil, reason: String? = nil, expires: Date? = nil,
        action: Decision.Action = .ignore, purls: [PackageURL] = [], paths: [GlobPattern] = [],
        images: [GlobPattern] = [], location: SourceLocation
    ) {
        self.ids = ids
        self.owner = owner
        self.reason = reason
        self.expires = expires
        self.action = action
        self.purls = purls
        self.paths = paths
        self.images = images
        self.location = location
    }

    /// Whether the exception names no purl, path or image, or only ones that match everything (`**`).
    public var isBroad: Bool {
        let wide: (GlobPattern) -> Bool = { $0.matchesEverything || $0.text == "*" }
        return purls.isEmpty && paths.allSatisfy(wide) && images.allSatisfy(wide)
    }

    /// Whether the exception no longer applies at `now`.
    public func isExpired(at now: Date) -> Bool {
        guard let expires else { return false }
        return expires <= now
    }

    /// Whether the exception names the finding (expiry not considered): an ID, and every scope given.
    public func matches(_ facts: FindingFacts) -> Bool {
        guard ids.contains(where: facts.ids.contains) else { return false }
        if !purls.isEmpty {
            guard let purl = facts.purl, purls.contains(where: { $0.matches(purl) }) else { return false }
        }
        if !paths.isEmpty, !paths.contains(where: { pattern in facts.paths.contains(where: pattern.matches) }) {
            return false
        }
        if !images.isEmpty, !images.contains(where: { pattern in facts.images.contains(where: pattern.matches) }) {
            return false
        }
        return true
    }

    /// The exception's scope in words (`purl pkg:apk/alpine/musl, image registry/app:*`), or `no scope`.
    public var scopeSummary: String {
        var parts: [String] = []
        if !purls.isEmpty { parts.append("purl " + purls.map(\.description).joined(separator: "|")) }
        if !paths.isEmpty { parts.append("path " + paths.map(\.text).joined(separator: "|")) }
        if !images.isEmpty { parts.append("image " + images.map(\.text).joined(separator: "|")) }
        return parts.isEmpty ? "no scope" : parts.joined(separator: ", ")
    }
}
