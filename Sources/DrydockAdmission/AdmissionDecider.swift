import DrydockNetwork
import Foundation

/// Decides one `AdmissionReview`: which containers to look at, each image against the rules, exemptions,
/// the mode and failure policy of the namespace. The repository is reached through an ``ImageAssessor``
/// within the configuration's time budget.
public struct AdmissionDecider: Sendable {
    public let configuration: AdmissionConfiguration
    public let assessor: any ImageAssessor

    public init(configuration: AdmissionConfiguration, assessor: any ImageAssessor) {
        self.configuration = configuration
        self.assessor = assessor
    }

    /// The answer to `review` and its audit record, decided at `now`.
    public func decide(_ review: AdmissionReviewRequest, now: Date = Date()) async -> AdmissionDecision {
        let clock = ContinuousClock()
        let start = clock.now
        var outcome = await evaluate(review.request, now: now)
        outcome.duration = start.duration(to: clock.now)
        return outcome.decision(review: review, configuration: configuration)
    }

    func evaluate(_ request: AdmissionRequest, now: Date) async -> AdmissionOutcome {
        var outcome = AdmissionOutcome(request: request)
        guard ["CREATE", "UPDATE"].contains(request.operation) else {
            return outcome.skipped("operation \(request.operation) is not decided")
        }
        guard let object = request.object else { return outcome.skipped("the request carries no object") }
        guard object.isWorkload else { return outcome.skipped("kind \(request.kind.kind) runs no containers") }
        if let sub = request.subResource, !sub.isEmpty, sub != "ephemeralcontainers" {
            return outcome.skipped("subresource \(sub) is not decided")
        }
        let namespace = request.namespace ?? object.metadata.namespace ?? "default"
        outcome.namespace = namespace
        guard configuration.selects(namespace: namespace) else {
            return outcome.skipped("namespace \(namespace) is not selected")
        }
        guard configuration.objectSelector.matches(object.metadata.labels) else {
            return outcome.skipped("the object's labels do not match the objectSelector")
        }
        let settings = configuration.settings(for: namespace)
        outcome.mode = settings.mode
        var containers = object.containers
        if request.subResource == "ephemeralcontainers" {
            containers = containers.filter { $0.role == .ephemeralContainer }
        }
        if request.operation == "UPDATE", configuration.onlyChangedImagesOnUpdate, let old = request.oldObject {
            let running = Set(old.containers.map(\.image))
            containers = containers.filter { !running.contains($0.image) }
            if containers.isEmpty { return outcome.skipped("the update runs no new image") }
        }
        outcome.decided = true
        let images = Array(Set(containers.map(\.image))).sorted()
        var parsed: [String: ImageReference] = [:]
        for image in images {
            do {
                parsed[image] = try ImageReference.parse(image)
            } catch {
                outcome.add(.invalidImage, image: image, containers: containers, "\(error.reason)")
            }
        }
        for (image, reference) in parsed.sorted(by: { $0.key < $1.key }) {
            staticChecks(image: image, reference: reference, containers: containers, into: &outcome)
        }
        // The store and the registries are asked at once, each within the time budget.
        async let storeAnswers = lookUp(parsed)
        async let signatureAnswers = checkSupplyChain(parsed)
        let (answers, signatures) = await (storeAnswers, signatureAnswers)
        for (image, reference) in parsed.sorted(by: { $0.key < $1.key }) {
            let answer = answers[image] ?? .unavailable("no answer within \(configuration.timeBudget)")
            repositoryChecks(
                image: image, reference: reference, answer: answer, failurePolicy: settings.failurePolicy, now: now,
                containers: containers, into: &outcome)
            if let signature = signatures[image] {
                supplyChainChecks(
                    image: image, answer: signature, failurePolicy: settings.failurePolicy, containers: containers,
                    into: &outcome)
            }
        }
        applyExemptions(namespace: namespace, now: now, into: &outcome)
        return outcome
    }

    func staticChecks(
        image: String, reference: ImageReference, containers: [WorkloadContainer], into outcome: inout AdmissionOutcome
    ) {
        if !configuration.allowedRegistries.isEmpty {
            let name = reference.name
            let allowed = configuration.allowedRegistries.contains { entry in
                reference.registry == entry || name == entry || name.hasPrefix(entry + "/")
            }
            if !allowed {
                outcome.add(
                    .registry, image: image, containers: containers,
                    "registry \(reference.registry) is not allowed (allowed: \(configuration.allowedRegistries.joined(separator: ", ")))"
                )
            }
        }
        if configuration.requireDigest, reference.digest == nil {
            outcome.add(
                .digest, image: image, containers: containers,
                "tag '\(reference.tag ?? "latest")' is not pinned by digest; use \(reference.name)@sha256:…")
        }
    }

    func repositoryChecks(
        image: String, reference: ImageReference, answer: LookupAnswer, failurePolicy: FailurePolicy, now: Date,
        containers: [WorkloadContainer], into outcome: inout AdmissionOutcome
    ) {
        let records: ScanRecords
        switch answer {
        case .unavailable(let reason):
            if failurePolicy == .closed {
                outcome.add(
                    .storeUnavailable, image: image, containers: containers,
                    "the repository has no answer, failing closed (\(reason))")
            } else {
                outcome.warnings.append(
                    "\(image): allowed (failurePolicy: open): the repository has no answer (\(reason))")
                outcome.failedOpen = true
            }
            return
        case .answered(let value): records = value
        }
        if let index = records.index, index.platforms.isEmpty {
            let listed = index.listed.map(\.description).joined(separator: ", ")
            outcome.add(
                .invalidImage, image: image, containers: containers,
                "the image index has no image for \(index.missing.map(\.description).joined(separator: ", ")) "
                    + "(it lists \(listed.isEmpty ? "no platform" : listed)); no node of this cluster can run it")
            return
        }
        var decidedBy: [String] = []
        for record in records.records {
            let prefix = record.platform.map { "\($0): " } ?? ""
            guard let assessment = record.assessment else {
                if configuration.requireScan {
                    let platformFlag = record.platform.map { " --platform \($0)" } ?? ""
                    outcome.add(
                        .notScanned, image: image, containers: containers,
                        prefix + "not in the repository: scan it with 'drydock image \(image)\(platformFlag) "
                            + "--server URL' or push its SBOM")
                }
                continue
            }
            decidedBy.append(prefix + assessment.digest)
            if let maxAge = configuration.maxScanAge, now.timeIntervalSince(assessment.scannedAt) > maxAge {
                let days = Int(now.timeIntervalSince(assessment.scannedAt) / 86_400)
                outcome.add(
                    .scanAge, image: image, containers: containers,
                    prefix
                        + "last scanned \(Self.day(assessment.scannedAt)) (\(days) days ago), older than \(Self.age(maxAge))"
                )
            }
            if !assessment.passed {
                let shown = assessment.failing.prefix(3).map(\.summary).joined(separator: ", ")
                let more = assessment.failing.count > 3 ? " and \(assessment.failing.count - 3) more" : ""
                let count = assessment.failing.count
                outcome.add(
                    .gate, image: image, containers: containers,
                    prefix
                        + (count == 0
                            ? "the gate fails (incomplete coverage or end of life)"
                            : "\(count) finding\(count == 1 ? "" : "s") fail the gate: \(shown)\(more)"))
            }
        }
        if !decidedBy.isEmpty { outcome.images[image] = decidedBy.joined(separator: ", ") }
    }

    func applyExemptions(namespace: String, now: Date, into outcome: inout AdmissionOutcome) {
        outcome.violations = outcome.violations.filter { violation in
            let candidates = configuration.exemptions.filter { exemption in
                exemption.covers(violation.rule, image: violation.image, namespace: namespace)
                    || (violation.normalized.map {
                        exemption.covers(violation.rule, image: $0, namespace: namespace)
                    } ?? false)
            }
            if let live = candidates.first(where: { $0.expires > now }) {
                outcome.exemptions.insert(live.id)
                outcome.warnings.append(
                    "\(violation.image): [\(violation.rule.rawValue)] exempted by \(live.id) (owner \(live.owner), until \(Self.day(live.expires)))"
                )
                return false
            }
            for expired in candidates {
                outcome.warnings.append(
                    "exemption \(expired.id) (owner \(expired.owner)) expired on \(Self.day(expired.expires)); not applied to \(violation.image)"
                )
            }
            return true
        }
    }

    static func day(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: date)
    }

    static func age(_ seconds: TimeInterval) -> String {
        seconds >= 86_400 && seconds.truncatingRemainder(dividingBy: 86_400) == 0
            ? "\(Int(seconds / 86_400))d" : seconds >= 3600 ? "\(Int(seconds / 3600))h" : "\(Int(seconds))s"
    }
}
