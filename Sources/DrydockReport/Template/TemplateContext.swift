import DrydockModel
import DrydockPolicy
import Foundation

/// What a Mustache template sees: the JSON report as plain values, plus flat lists of findings with the
/// values a logic-less template cannot compute itself (`docs/formats.md` lists them all).
struct TemplateContext {
    var report: ScanReport
    var toolVersion: String
    var environment: [String: String]

    var value: [String: Any] {
        let json = TrivyJSONReport(listAllPackages: true, toolVersion: toolVersion)
        let document = json.document(report)
        var root = (TemplateContext.plain(document) as? [String: Any]) ?? [:]
        let context = ResultContext(artifactID: ReportIdentity.artifactID(report.artifact), listAllPackages: true)
        let findings = report.targets.flatMap { target in
            target.reported.map { entry($0, target: target, context: context) }
        }
        root["Findings"] = findings
        root["AllVulnerabilities"] = findings.filter { ($0["IsVulnerability"] as? Bool) == true }
        root["Now"] = TrivyJSONReport.timestamp(report.createdAt, fractional: false)
        root["NowLocal"] = String(TrivyJSONReport.timestamp(report.createdAt, fractional: false).dropLast())
        root["DrydockVersion"] = toolVersion
        root["Image"] = TemplateContext.image(report.artifact)
        root["OperatingSystem"] = report.operatingSystem.map { "\($0.family.rawValue) \($0.version)" } ?? "Unknown"
        root["GatePassed"] = report.verdict.passed
        root["Env"] = environment
        return root
    }

    /// `alpine:3.10` for an image with a tag; the artifact's name otherwise.
    static func image(_ artifact: ArtifactMetadata) -> String {
        artifact.repoTags.first ?? artifact.name
    }

    private func entry(_ decided: DecidedFinding, target: DecidedTarget, context: ResultContext) -> [String: Any] {
        let finding = decided.finding
        let json: JSONValue
        var line = 1
        var endLine = 1
        var path = target.name
        switch finding {
        case .vulnerability(let value):
            json = context.vulnerability(value, target: target)
            path = context.pkgPath(value.package, target) ?? target.name
        case .misconfiguration(let value):
            json = context.misconfiguration(value)
            line = value.cause.startLine ?? 1
            endLine = value.cause.endLine ?? line
        case .secret(let value):
            json = context.secret(value)
            line = max(1, value.startLine)
            endLine = max(line, value.endLine)
        case .license(let value):
            json = context.license(value)
            path = value.filePath ?? value.package?.filePath ?? target.name
        }
        var entry = (TemplateContext.plain(json) as? [String: Any]) ?? [:]
        let severity = finding.severity
        let id = finding.id
        let fingerprint = ReportIdentity.sha256(
            "\(report.artifact.name):\(target.name):\(finding.package?.id ?? path):\(id):\(line)")
        entry["Target"] = target.name
        entry["Class"] = target.kind.rawValue
        entry["ResultType"] = target.type
        entry["Kind"] = finding.kind.rawValue
        entry["IsVulnerability"] = finding.kind == .vulnerability
        entry["IsMisconfiguration"] = finding.kind == .misconfiguration
        entry["IsSecret"] = finding.kind == .secret
        entry["IsLicense"] = finding.kind == .license
        entry["FindingID"] = id
        entry["DisplayTitle"] = FindingText.title(finding)
        entry["SeverityTitle"] = String(severity.rawValue.prefix(1)) + severity.rawValue.dropFirst().lowercased()
        entry["CodeQualitySeverity"] = TemplateContext.codeQuality(severity)
        entry["ASFFSeverity"] = severity == .unknown ? "INFORMATIONAL" : severity.rawValue
        entry["Path"] = path
        entry["Line"] = line
        entry["EndLine"] = endLine
        entry["UUID"] = TemplateContext.uuid(fingerprint)
        entry["FindingFingerprint"] = fingerprint
        entry["Decision"] = decided.decision.action.rawValue
        entry["DecisionRule"] = decided.decision.rule.description
        if let package = finding.package {
            entry["Package"] = package.name
            entry["PackageVersion"] = package.version
        }
        if let vulnerability = finding.vulnerability {
            entry["IdentifierType"] = TemplateContext.identifierType(vulnerability.vulnerabilityID)
            entry["Identifiers"] = vulnerability.allIDs.map { identifier in
                ["ID": identifier, "Type": TemplateContext.identifierType(identifier)]
            }
            entry["HTTPReferences"] = vulnerability.advisory.references.filter(TemplateContext.isWebURL)
            entry["Solution"] =
                vulnerability.fixedVersion.map { "Upgrade \(vulnerability.package.name) to \($0)" }
                ?? "No solution provided"
            let nvd = vulnerability.advisory.cvss.filter { $0.source == "nvd" }
            entry["NVDV3Score"] = nvd.first { $0.version == 3 }?.score.map { String($0) } ?? ""
            entry["NVDV3Vector"] = nvd.first { $0.version == 3 }?.vector ?? ""
        }
        return entry
    }

    /// Code Climate's severities, as GitLab's code quality report takes them.
    static func codeQuality(_ severity: Severity) -> String {
        switch severity {
        case .critical: "critical"
        case .high: "major"
        case .medium: "minor"
        case .low, .unknown: "info"
        }
    }

    /// The kind of an advisory ID, lower-cased (`cve`, `ghsa`, `pysec`, `rustsec`, `alsa`).
    static func identifierType(_ id: String) -> String {
        let prefix = id.split(separator: "-").first.map(String.init) ?? id
        return prefix.isEmpty ? "advisory" : prefix.lowercased()
    }

    static func isWebURL(_ text: String) -> Bool {
        text.hasPrefix("https://") || text.hasPrefix("http://") || text.hasPrefix("ftp://")
    }

    /// A UUID built from the first 16 bytes of a `sha256:` digest (version 5 layout), stable per finding.
    static func uuid(_ digest: String) -> String {
        let hex = Array(digest.dropFirst("sha256:".count).prefix(32))
        guard hex.count == 32 else { return "00000000-0000-5000-8000-000000000000" }
        var characters = hex
        characters[12] = "5"
        let variant = Int(String(characters[16]), radix: 16) ?? 0
        characters[16] = Array(String((variant & 0x3) | 0x8, radix: 16))[0]
        let text = String(characters)
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range -> String in
            let start = text.index(text.startIndex, offsetBy: range.lowerBound)
            let end = text.index(text.startIndex, offsetBy: range.upperBound)
            return String(text[start..<end])
        }
        return parts.joined(separator: "-")
    }

    /// A JSON value as the plain Swift values Mustache walks: dictionaries, arrays, strings, numbers, booleans.
    static func plain(_ value: JSONValue) -> Any? {
        switch value {
        case .null: nil
        case .bool(let flag): flag
        case .int(let number): Int(number)
        case .double(let number): number == number.rounded() && abs(number) < 1e15 ? Int(number) as Any : number as Any
        case .string(let text): text
        case .array(let values): values.map { plain($0) ?? "" }
        case .object(let members):
            Dictionary(
                members.compactMap { key, member in plain(member).map { (key, $0) } }, uniquingKeysWith: { a, _ in a })
        }
    }
}
