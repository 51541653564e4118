import DrydockModel
import Foundation

/// An exception as the gate applies it: a policy exception, or an ignore-file entry (which in policy mode is an
/// exception without an owner).
public enum GateException: Sendable, Hashable {
    case policy(PolicyException)
    case ignoreFile(IgnoreEntry)

    /// The IDs it names, as written.
    public var ids: [String] {
        switch self {
        case .policy(let exception): exception.ids
        case .ignoreFile(let entry): [entry.id]
        }
    }

    public var location: SourceLocation {
        switch self {
        case .policy(let exception): exception.location
        case .ignoreFile(let entry): entry.location
        }
    }

    public var owner: String? {
        if case .policy(let exception) = self { exception.owner } else { nil }
    }

    /// The reason given (`reason`, or an ignore-file entry's `statement`).
    public var reason: String? {
        switch self {
        case .policy(let exception): exception.reason
        case .ignoreFile(let entry): entry.statement.flatMap { $0.isEmpty ? nil : $0 }
        }
    }

    public var expires: Date? {
        switch self {
        case .policy(let exception): exception.expires
        case .ignoreFile(let entry): entry.expiresAt
        }
    }

    /// `ignore`, or `warn` for a policy exception that accepts a finding but keeps it visible.
    public var action: Decision.Action {
        if case .policy(let exception) = self { exception.action } else { .ignore }
    }

    /// Whether it names no purl, path or image.
    public var isBroad: Bool {
        switch self {
        case .policy(let exception): exception.isBroad
        case .ignoreFile(let entry): !entry.isScoped
        }
    }

    public func isExpired(at now: Date) -> Bool {
        switch self {
        case .policy(let exception): exception.isExpired(at: now)
        case .ignoreFile(let entry): entry.isExpired(at: now)
        }
    }

    /// Whether it names the finding (expiry not considered); ignore-file entries match with Trivy's rules.
    public func matches(_ context: FindingContext, facts: FindingFacts) -> Bool {
        switch self {
        case .policy(let exception): exception.matches(facts)
        case .ignoreFile(let entry): entry.matches(context)
        }
    }

    /// The exception as decisions cite it.
    public var decisionRule: DecisionRule {
        let expiry = expires.map(PolicyDate.dayString)
        switch self {
        case .policy(let exception):
            return DecisionRule(
                source: .exception, id: exception.ids.joined(separator: ","),
                description: exception.reason ?? "exception", location: exception.location, owner: exception.owner,
                expires: expiry)
        case .ignoreFile(let entry):
            // Trivy's statement, empty when the entry gives none (a `.trivyignore` line never does).
            return DecisionRule(
                source: .ignoreFile, id: entry.id, description: entry.statement ?? "", location: entry.location,
                expires: expiry)
        }
    }

    /// An exception as a saved report records it (`Drydock.Verdict.Exceptions`): its IDs, where it is written,
    /// owner, reason and expiry day. Enough to report on it again, not to match findings: its scope (purls, paths,
    /// images) is not recorded.
    public static func recorded(
        ids: [String], source: DecisionRule.Source, location: SourceLocation, owner: String?, reason: String?,
        expires: String?
    ) -> GateException {
        let expiry = expires.flatMap(PolicyDate.parse)
        if source == .ignoreFile, let id = ids.first {
            return .ignoreFile(IgnoreEntry(id: id, expiresAt: expiry, statement: reason, location: location))
        }
        return .policy(PolicyException(ids: ids, owner: owner, reason: reason, expires: expiry, location: location))
    }

    /// `CVE-2024-1 (policy.yaml:20)`, for messages.
    public var label: String { "\(ids.joined(separator: ",")) (\(location))" }

    /// `exception` or `ignore-file entry`, for messages.
    public var noun: String {
        if case .policy = self { "exception" } else { "ignore-file entry" }
    }
}
