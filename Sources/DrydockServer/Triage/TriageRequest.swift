import DrydockModel
import DrydockPolicy
import DrydockRepository
import Foundation

/// A triage decision on one stored finding (the UI's buttons, `POST /api/v1/triage`), turned into a server
/// exception exactly as a policy file would write one: the finding's ID, owner (the token's name), reason,
/// expiry and scope (the package's versionless purl, and the image unless `allImages`).
public struct TriageRequest: Sendable, Hashable, Codable {
    /// What to do about the finding.
    public enum Choice: String, Sendable, Hashable, Codable, CaseIterable {
        /// Must be fixed: no exception may set it aside; existing exceptions naming it in this image are removed.
        case fixNow = "fix-now"
        /// Deferred: `warn` (reported, never fails) until the expiry (default 14 days).
        case nextSprint = "next-sprint"
        /// Risk accepted: `warn` until the expiry (required).
        case acceptRisk = "accept-risk"
        /// Not a real finding: `ignore` until the expiry (default 90 days).
        case falsePositive = "false-positive"

        /// How the UI and the reason name it.
        public var label: String {
            switch self {
            case .fixNow: "Fix now"
            case .nextSprint: "Next sprint"
            case .acceptRisk: "Accept risk"
            case .falsePositive: "False positive"
            }
        }
    }

    /// The image's digest.
    public var image: String
    /// The finding's vulnerability ID as stored.
    public var vulnerabilityID: String
    /// The finding's package purl (with or without version); the exception names it without version.
    public var purl: String?
    public var choice: Choice
    public var reason: String?
    /// `YYYY-MM-DD` or RFC 3339; defaults per choice.
    public var expires: String?
    /// Scope the exception to the package in every image instead of this image.
    public var allImages: Bool?

    public init(
        image: String, vulnerabilityID: String, purl: String?, choice: Choice, reason: String? = nil,
        expires: String? = nil, allImages: Bool? = nil
    ) {
        self.image = image
        self.vulnerabilityID = vulnerabilityID
        self.purl = purl
        self.choice = choice
        self.reason = reason
        self.expires = expires
        self.allImages = allImages
    }
}

/// What a triage did: the exception version it wrote, or those it removed.
public struct TriageOutcome: Sendable, Hashable, Codable {
    public var choice: TriageRequest.Choice
    public var written: ExceptionRecord?
    public var removed: [ExceptionRecord]
}
