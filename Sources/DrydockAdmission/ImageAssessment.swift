import DrydockModel
import DrydockNetwork
import DrydockPolicy
import Foundation

/// What the repository knows about one image, decided with the admission gate: when it was scanned, whether
/// the gate passes, and the findings that fail it.
public struct ImageAssessment: Sendable, Hashable, Codable {
    /// The key the image is stored under.
    public var digest: String
    /// When its inventory was last scanned or pushed.
    public var scannedAt: Date
    /// Whether the gate passes.
    public var passed: Bool
    /// The findings that fail the gate, most severe first.
    public var failing: [FailingFinding]

    public init(digest: String, scannedAt: Date, passed: Bool, failing: [FailingFinding]) {
        self.digest = digest
        self.scannedAt = scannedAt
        self.passed = passed
        self.failing = failing
    }

    /// The assessment of a decided report of the image stored under `digest`.
    public init(digest: String, scannedAt: Date, report: ScanReport) {
        var failing: [FailingFinding] = []
        for target in report.targets {
            for decided in target.findings where decided.decision.action == .fail {
                failing.append(FailingFinding(decided.finding, rule: decided.decision.rule.id))
            }
        }
        failing.sort { ($0.severity, $1.id) > ($1.severity, $0.id) }
        self.init(digest: digest, scannedAt: scannedAt, passed: report.verdict.passed, failing: failing)
    }
}

/// A finding that fails the gate, as a denial message names it.
public struct FailingFinding: Sendable, Hashable, Codable {
    public var id: String
    public var severity: Severity
    public var package: String
    public var version: String
    public var fixedVersion: String?
    /// The policy rule that failed it, when a policy file decided.
    public var rule: String?

    public init(
        id: String, severity: Severity, package: String, version: String, fixedVersion: String?, rule: String? = nil
    ) {
        self.id = id
        self.severity = severity
        self.package = package
        self.version = version
        self.fixedVersion = fixedVersion
        self.rule = rule
    }

    init(_ finding: Finding, rule: String?) {
        self.init(
            id: finding.id, severity: finding.severity, package: finding.package?.name ?? finding.filePath ?? "",
            version: finding.package?.version ?? "", fixedVersion: finding.vulnerability?.fixedVersion, rule: rule)
    }

    /// `CVE-2023-0286 (CRITICAL, openssl 1.1.1c-r0, fixed in 1.1.1t-r0)`.
    public var summary: String {
        var parts = [severity.rawValue]
        if !package.isEmpty { parts.append(version.isEmpty ? package : "\(package) \(version)") }
        if let fixedVersion, !fixedVersion.isEmpty { parts.append("fixed in \(fixedVersion)") }
        if let rule { parts.append("rule \(rule)") }
        return "\(id) (\(parts.joined(separator: ", ")))"
    }
}

/// Looks images up in the repository and decides them with the gate. The server's implementation reads its
/// store and DB; `nil` means the repository has never seen the image; a thrown error means it has no answer.
public protocol ImageAssessor: Sendable {
    func assess(_ reference: ImageReference) async throws -> ImageAssessment?

    /// The answer from memory, without waiting for anything (a cache hit); `nil` when `assess` must ask.
    func remembered(_ reference: ImageReference) -> ImageAssessment?
}

extension ImageAssessor {
    public func remembered(_ reference: ImageReference) -> ImageAssessment? { nil }
}
