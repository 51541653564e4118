import DrydockModel
import DrydockPolicy
import Foundation

/// `--evidence FILE`: one JSON line per finding — the decision, the rule, exception or VEX statement that took
/// it (with file and line), the facts it was taken on, and what identifies the inputs (DB digest, image
/// digest, policy and ignore file digests).
///
/// Every finding has a line, set-aside ones included. Secrets appear by rule, file and lines only: their
/// matched text is never written (and is masked upstream anyway).
public struct EvidenceLog: Sendable {
    /// The schema of each line (`"schema"`), bumped when a field changes meaning.
    public static let schema = "drydock-evidence/v1"

    public init() {}

    /// The log for `report`, as decided by `gate` (whose facts and clock the decisions used).
    public func render(_ report: ScanReport, gate: Gate) -> [UInt8] {
        var out: [UInt8] = []
        let common = commonMembers(report, gate: gate)
        for target in report.targets {
            let detected = target.detected
            for decided in target.findings {
                let context = FindingContext(decided.finding, in: detected, artifact: report.artifact)
                let facts = gate.facts(context, baseline: decided.decision.baseline)
                var members = common
                members.append(("target", .string(target.name)))
                members.append(("targetType", .string(target.type)))
                members.append(("finding", finding(decided.finding)))
                members.append(("facts", self.facts(facts)))
                members.append(("decision", decision(decided.decision, mode: report.verdict.mode, gate: gate)))
                out += JSONWriter.writeCompact(.object(members))
                out.append(UInt8(ascii: "\n"))
            }
        }
        return out + supplyChainLines(report, common: common)
    }

    func commonMembers(_ report: ScanReport, gate: Gate) -> [(String, JSONValue)] {
        var artifact = JSONObjectBuilder()
        artifact.add("name", .string(report.artifact.name))
        artifact.add("type", .string(report.artifact.type))
        artifact.add("imageID", string: report.artifact.imageID)
        artifact.add("repoDigests", strings: report.artifact.repoDigests)
        var database = JSONObjectBuilder()
        database.add("digest", string: report.database?.digest)
        if let builtAt = report.database?.builtAt {
            database.add("builtAt", .string(TrivyJSONReport.timestamp(builtAt, fractional: false)))
        }
        var policy = JSONObjectBuilder()
        policy.add("mode", .string(report.verdict.mode.rawValue))
        if let source = report.verdict.policy {
            policy.add("path", .string(source.path))
            policy.add("digest", string: source.digest)
        } else {
            policy.add("flags", .string(flags(gate.policy)))
        }
        var members: [(String, JSONValue)] = [
            ("schema", .string(EvidenceLog.schema)),
            ("scannedAt", .string(TrivyJSONReport.timestamp(report.createdAt, fractional: true))),
            ("artifact", artifact.value), ("database", database.value), ("policy", policy.value),
        ]
        if let ignoreFile = report.verdict.ignoreFile {
            var object = JSONObjectBuilder()
            object.add("path", .string(ignoreFile.path))
            object.add("digest", string: ignoreFile.digest)
            members.append(("ignoreFile", object.value))
        }
        return members
    }

    /// The Trivy flags that decided, for scans without a policy file.
    private func flags(_ policy: ScanPolicy) -> String {
        var parts: [String] = []
        if policy.severities.count < Severity.allCases.count {
            parts.append(
                "--severity "
                    + Severity.allCases.filter(policy.severities.contains).map(\.rawValue).joined(separator: ","))
        }
        if !policy.ignoreStatuses.isEmpty {
            parts.append("--ignore-status " + policy.ignoreStatuses.map(\.rawValue).sorted().joined(separator: ","))
        } else if policy.ignoreUnfixed {
            parts.append("--ignore-unfixed")
        }
        parts.append("--exit-code \(policy.failureExitCode)")
        return parts.joined(separator: " ")
    }

    private func finding(_ finding: Finding) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("kind", .string(finding.kind.rawValue))
        object.add("id", .string(finding.id))
        object.add("aliases", strings: finding.allIDs.filter { $0 != finding.id })
        object.add("title", string: finding.title)
        if let package = finding.package {
            var entry = JSONObjectBuilder()
            entry.add("name", .string(package.name))
            entry.add("purl", string: package.purl)
            entry.add("version", .string(package.version))
            entry.add("path", string: package.filePath)
            object.add("package", entry.value)
        }
        switch finding {
        case .misconfiguration(let check):
            object.add("file", .string(check.filePath))
            object.add("resource", string: check.cause.resource)
            if let line = check.cause.startLine { object.add("startLine", .int(Int64(line))) }
        case .secret(let secret):
            // Rule, file and lines only: never the match or the code around it.
            object.add("file", .string(secret.filePath))
            object.add("startLine", .int(Int64(secret.startLine)))
            object.add("endLine", .int(Int64(secret.endLine)))
        case .license(let license):
            object.add("file", string: license.filePath)
            object.add("category", .string(license.category.rawValue))
        case .vulnerability:
            break
        }
        if let layer = finding.layer { object.add("layer", string: layer.diffID ?? layer.digest) }
        return object.value
    }

    private func facts(_ facts: DrydockPolicy.FindingFacts) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("severity", .string(facts.severity.rawValue))
        object.add("severitySource", string: facts.severitySource)
        object.add("status", string: facts.status?.rawValue)
        object.add("installedVersion", string: facts.installedVersion)
        if facts.kind == .vulnerability {
            object.add("fixedVersion", facts.fixedVersion.map(JSONValue.string) ?? .null)
        }
        if let fixable = facts.fixable { object.add("fixable", .bool(fixable)) }
        if let cvss = facts.cvss {
            object.add("cvss", .double(cvss))
            object.add("cvssSource", string: facts.cvssSource)
        }
        if let epss = facts.epss { object.add("epss", .double(epss)) }
        if let inKEV = facts.inKEV { object.add("kev", .bool(inKEV)) }
        if let published = facts.published {
            object.add("published", .string(TrivyJSONReport.timestamp(published, fractional: false)))
        }
        object.add("firstSeen", .string(TrivyJSONReport.timestamp(facts.firstSeen, fractional: false)))
        object.add("openDays", .int(Int64(facts.openDays)))
        object.add("baseline", .string(facts.baseline.rawValue))
        object.add("reachability", .string(facts.reachability.rawValue))
        return object.value
    }

    private func decision(_ decision: Decision, mode: PolicyMode, gate: Gate) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("action", .string(decision.action.rawValue))
        let effect: String
        switch decision.action {
        case .fail: effect = mode == .audit ? "would fail the build (audit mode)" : "fails the build"
        case .warn: effect = "reported"
        case .ignore: effect = "set aside"
        }
        object.add("effect", .string(effect))
        object.add("source", .string(decision.rule.source.rawValue))
        object.add("rule", string: decision.rule.id)
        object.add("description", .string(decision.rule.description))
        object.add("location", string: decision.rule.location?.description)
        // The deciding rule's conditions, each with its own line: what the finding was found to meet.
        if decision.rule.source == .policy || decision.rule.source == .defaultPolicy,
            let rule = gate.policy.document?.rules.first(where: { $0.location == decision.rule.location })
        {
            object.add(
                "conditions", strings: rule.conditions.map { "\($0.condition.summary) (\($0.location))" })
        }
        object.add("owner", string: decision.rule.owner)
        object.add("expires", string: decision.rule.expires)
        if let vex = decision.vex { object.add("vex", DecisionJSON.json(vex)) }
        object.add("notes", strings: decision.notes)
        return object.value
    }
}
