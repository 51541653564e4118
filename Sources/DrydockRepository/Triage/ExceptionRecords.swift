import DrydockPolicy
import Foundation

/// An exception as the server stores and answers it: exactly the fields a policy file's exception has
/// (`docs/policy.md`), every list written as a list.
public struct ExceptionBody: Sendable, Hashable, Codable {
    public var id: [String]
    public var owner: String
    public var reason: String
    /// `YYYY-MM-DD` or an RFC 3339 time.
    public var expires: String
    /// `ignore` or `warn`.
    public var action: String
    public var purl: [String]?
    public var path: [String]?
    public var image: [String]?

    /// The body of `exception` (one a parser accepted, so owner, reason and expiry are set).
    public init(_ exception: PolicyException) {
        id = exception.ids
        owner = exception.owner ?? ""
        reason = exception.reason ?? ""
        expires = exception.expires.map(PolicyDate.expiryString) ?? ""
        action = exception.action.rawValue
        purl = exception.purls.isEmpty ? nil : exception.purls.map(\.description)
        path = exception.paths.isEmpty ? nil : exception.paths.map(\.text)
        image = exception.images.isEmpty ? nil : exception.images.map(\.text)
    }
}

/// One version of a stored exception.
public struct ExceptionRecord: Sendable, Hashable, Codable {
    /// The server's name for the exception (`x-3f9c2a1b`), the same in every version.
    public var id: String
    /// 1 for the first version; each change adds one.
    public var version: Int
    /// The exception as of this version; `nil` when this version removed it.
    public var exception: ExceptionBody?
    /// The token name that made this version.
    public var changedBy: String
    public var changedAt: Date
    /// Whether the exception's expiry has passed (now): it is kept but no longer applies.
    public var expired: Bool?

    /// The API path of this version: where decisions say the exception is written.
    public var path: String { "/api/v1/exceptions/\(id)/versions/\(version)" }

    /// The exception as the gate applies it, located at `base` + ``path`` (a client passes the server's URL).
    public func policyException(base: String = "") throws -> PolicyException? {
        guard let exception else { return nil }
        let location = base + path
        do {
            var parsed = try PolicyParser.parseException(Array(try JSONEncoder().encode(exception)), path: location)
            parsed.location = SourceLocation(file: location)
            return parsed
        } catch {
            throw RepositoryError(.storage, "stored exception \(id) version \(version) cannot be read: \(error)")
        }
    }
}

/// One line of the audit log: who changed what, when.
public struct AuditEntry: Sendable, Hashable, Codable {
    public var id: Int64
    public var at: Date
    /// The token's name.
    public var actor: String
    /// `exception.add`, `exception.update`, `exception.remove`, `triage.fix-now`, `webhook.add`, `webhook.remove`.
    public var action: String
    /// What it was done to: an exception ID, a webhook URL.
    public var object: String
    public var detail: AuditDetail?
}

/// What an audit entry records beyond who and what.
public struct AuditDetail: Sendable, Hashable, Codable {
    /// The exception version the change made.
    public var version: Int?
    /// The exception as that version has it.
    public var exception: ExceptionBody?
    /// The triage choice that made the change (`fix-now`, `next-sprint`, `accept-risk`, `false-positive`).
    public var triage: String?
    /// The image digest the triage was made on.
    public var image: String?

    public init(version: Int? = nil, exception: ExceptionBody? = nil, triage: String? = nil, image: String? = nil) {
        self.version = version
        self.exception = exception
        self.triage = triage
        self.image = image
    }
}
