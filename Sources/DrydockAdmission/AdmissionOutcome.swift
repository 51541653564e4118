import DrydockNetwork
import Foundation

/// One broken rule for one image, with the containers that run it.
public struct AdmissionViolation: Sendable, Hashable, Codable {
    public var rule: AdmissionRule
    /// The image as the object writes it.
    public var image: String
    /// `container "app"`, `init container "setup"`.
    public var containers: [String]
    public var message: String
    /// The normalised reference (`docker.io/library/nginx:1.25`), for exemption globs.
    public var normalized: String?

    /// `container "app" image nginx:1.25: [digest] …`.
    public var line: String {
        "\(containers.joined(separator: ", ")) image \(image): [\(rule.rawValue)] \(message)"
    }
}

/// What the decider found for one request, before it becomes an answer.
struct AdmissionOutcome {
    var request: AdmissionRequest
    var namespace: String
    var mode: AdmissionMode = .enforce
    /// Whether any image was looked at (else the request was allowed without a decision).
    var decided = false
    var skipReason: String?
    var violations: [AdmissionViolation] = []
    var warnings: [String] = []
    var exemptions: Set<String> = []
    var failedOpen = false
    /// Image (as written) → the stored digest it was decided by.
    var images: [String: String] = [:]
    /// Image (as written) → each supply-chain rule's outcome: what met it, or why nothing did.
    var supplyChain: [String: [String]] = [:]
    var duration: Duration = .zero

    init(request: AdmissionRequest) {
        self.request = request
        namespace = request.namespace ?? request.object?.metadata.namespace ?? ""
    }

    mutating func skipped(_ reason: String) -> AdmissionOutcome {
        skipReason = reason
        return self
    }

    mutating func add(_ rule: AdmissionRule, image: String, containers: [WorkloadContainer], _ message: String) {
        let names = containers.filter { $0.image == image }.map { "\($0.role.label) \"\($0.name)\"" }
        violations.append(
            AdmissionViolation(
                rule: rule, image: image, containers: names, message: message,
                normalized: (try? ImageReference.parse(image))?.description))
    }

    func decision(review: AdmissionReviewRequest, configuration: AdmissionConfiguration) -> AdmissionDecision {
        let object = request.object
        let kind = object?.kind ?? request.kind.kind
        let name = request.name ?? object?.displayName ?? ""
        let subject = "\(kind) \(namespace.isEmpty ? "" : namespace + "/")\(name)"
        let denied = !violations.isEmpty && mode == .enforce
        var warnings = self.warnings
        if mode == .audit {
            warnings = violations.map { "drydock (audit): \($0.line)" } + warnings
        }
        let action: AdmissionAuditRecord.Action =
            !decided ? .skip : denied ? .deny : violations.isEmpty && !failedOpen ? .allow : .warn
        var status: AdmissionStatus?
        if denied {
            let lines = violations.map { "- \($0.line)" }
            status = AdmissionStatus(
                code: 403, reason: "Forbidden",
                message: "drydock denied \(subject):\n" + lines.joined(separator: "\n"))
        }
        let response = AdmissionReviewResponse(
            apiVersion: review.apiVersion,
            response: AdmissionResponse(
                uid: request.uid, allowed: !denied, status: status,
                warnings: warnings.isEmpty ? nil : warnings.map(Self.clip)))
        let record = AdmissionAuditRecord(
            uid: request.uid, operation: request.operation, kind: kind, namespace: namespace, name: name,
            user: request.userInfo?.username ?? "", dryRun: request.dryRun ?? false, mode: mode, action: action,
            rules: Array(Set(violations.map(\.rule))).sorted(), violations: violations,
            exemptions: exemptions.sorted(), images: images, supplyChain: supplyChain.isEmpty ? nil : supplyChain,
            skipReason: skipReason,
            durationMilliseconds: Double(duration.components.attoseconds) / 1e15
                + Double(duration.components.seconds) * 1000)
        return AdmissionDecision(response: response, record: record)
    }

    /// Kubernetes truncates long warnings; keep each under 256 characters.
    static func clip(_ text: String) -> String {
        text.count <= 250 ? text : String(text.prefix(247)) + "..."
    }
}

/// The answer to send and the record to log.
public struct AdmissionDecision: Sendable, Hashable {
    public var response: AdmissionReviewResponse
    public var record: AdmissionAuditRecord
}

/// One line of the admission audit log: which object, what was done and why.
public struct AdmissionAuditRecord: Sendable, Hashable, Codable {
    public enum Action: String, Sendable, Hashable, Codable {
        /// Decided and nothing broken.
        case allow
        /// Decided and denied (enforce mode).
        case deny
        /// Allowed with warnings: audit mode, exemptions, failing open.
        case warn
        /// Not decided: an operation, kind, namespace or selector the webhook does not look at.
        case skip
    }

    public var uid: String
    public var operation: String
    public var kind: String
    public var namespace: String
    public var name: String
    public var user: String
    public var dryRun: Bool
    public var mode: AdmissionMode
    public var action: Action
    public var rules: [AdmissionRule]
    public var violations: [AdmissionViolation]
    public var exemptions: [String]
    public var images: [String: String]
    /// Image → one line per supply-chain rule: the signature or attestation (and certificate) that met it, or
    /// why none did.
    public var supplyChain: [String: [String]]?
    public var skipReason: String?
    public var durationMilliseconds: Double

    /// `Deployment/team/web`.
    public var object: String { "\(kind)/\(namespace.isEmpty ? "" : namespace + "/")\(name)" }
}
