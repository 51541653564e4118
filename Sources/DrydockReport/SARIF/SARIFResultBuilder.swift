import DrydockModel
import DrydockPolicy
import Foundation

/// Turns a report's reported findings into SARIF entries: rule, message and location for each.
struct SARIFResultBuilder {
    var report: ScanReport

    func entries() -> [SARIFEntry] {
        report.targets.flatMap { target in
            target.reportedProblems.map { entry($0, target: target) }
        }
    }

    /// The image a file is in, as the first part of its SARIF path: the repository of the first tag
    /// (`ghcr.io/org/app`, `alpine`), else the artifact's name; `nil` for directories.
    private var imagePrefix: String? {
        guard report.artifact.type == "container_image" else { return nil }
        guard let tag = report.artifact.repoTags.first else { return report.artifact.name }
        var name = Substring(tag)
        if let at = name.firstIndex(of: "@") { name = name[..<at] }
        if let colon = name.lastIndex(of: ":"), !name[colon...].contains("/") { name = name[..<colon] }
        return String(name)
    }

    /// Where a file is for SARIF: the path itself in a directory scan, `IMAGE/PATH` inside an image.
    private func uri(_ path: String) -> String {
        let trimmed = path.hasPrefix("/") ? String(path.dropFirst()) : path
        guard let image = imagePrefix else { return trimmed }
        return "\(image)/\(trimmed)"
    }

    private func entry(_ decided: DecidedFinding, target: DecidedTarget) -> SARIFEntry {
        let decision = decided.decision.action.rawValue
        switch decided.finding {
        case .vulnerability(let finding):
            return vulnerability(finding, target: target, decision: decision)
        case .misconfiguration(let finding):
            let rule = SARIFRule(
                id: finding.id, name: "Misconfiguration", shortDescription: nonEmpty(finding.title, finding.id),
                fullDescription: nonEmpty(finding.description, finding.title), helpURI: finding.primaryURL,
                helpText: """
                    Misconfiguration \(finding.id)
                    Type: \(TrivyJSONReport.checkType(fileType: finding.fileType))
                    Severity: \(finding.severity.rawValue)
                    Check: \(finding.title)
                    Resolution: \(finding.resolution)
                    \(finding.description)
                    """,
                helpMarkdown: """
                    **Misconfiguration \(finding.id)**
                    | Type | Severity | Check | Link |
                    | --- | --- | --- | --- |
                    | \(cell(TrivyJSONReport.checkType(fileType: finding.fileType))) | \(finding.severity.rawValue) | \(cell(finding.title)) | \(link(finding.id, finding.primaryURL)) |

                    \(finding.description)

                    **Resolution:** \(finding.resolution)
                    """,
                severity: finding.severity, securitySeverity: SARIFEntry.defaultScore(finding.severity),
                tags: ["misconfiguration", "security", finding.severity.rawValue])
            let lines = finding.cause.startLine.map { "\($0)" + (finding.cause.endLine.map { "-\($0)" } ?? "") }
            return SARIFEntry(
                rule: rule, severity: finding.severity,
                message: """
                    Artifact: \(finding.filePath)
                    Type: \(finding.fileType)
                    Misconfiguration \(finding.id)
                    Severity: \(finding.severity.rawValue)
                    Message: \(finding.message)
                    """,
                uri: uri(finding.filePath), startLine: finding.cause.startLine ?? 1,
                endLine: finding.cause.endLine ?? finding.cause.startLine ?? 1,
                locationMessage: "\(finding.filePath)\(lines.map { ":\($0)" } ?? "")", decision: decision)
        case .secret(let finding):
            let rule = SARIFRule(
                id: finding.ruleID, name: "Secret", shortDescription: nonEmpty(finding.title, finding.ruleID),
                fullDescription: "\(finding.title) (\(finding.category))", helpURI: nil,
                helpText:
                    "Secret \(finding.title)\nSeverity: \(finding.severity.rawValue)\nCategory: \(finding.category)",
                helpMarkdown: """
                    **Secret \(finding.title)**
                    | Severity | Category |
                    | --- | --- |
                    | \(finding.severity.rawValue) | \(cell(finding.category)) |
                    """,
                severity: finding.severity, securitySeverity: SARIFEntry.defaultScore(finding.severity),
                tags: ["secret", "security", finding.severity.rawValue])
            return SARIFEntry(
                rule: rule, severity: finding.severity,
                message: """
                    Artifact: \(finding.filePath)
                    Secret \(finding.title)
                    Severity: \(finding.severity.rawValue)
                    Match: \(finding.match)
                    """,
                uri: uri(finding.filePath), startLine: finding.startLine, endLine: finding.endLine,
                locationMessage: "\(finding.filePath):\(finding.startLine)", decision: decision)
        case .license(let finding):
            let owner = finding.package.map { "\($0.name)@\($0.version)" } ?? finding.filePath ?? target.name
            let rule = SARIFRule(
                id: "license/\(finding.name)", name: "License", shortDescription: "License \(finding.name)",
                fullDescription: "\(finding.name) (\(finding.category.rawValue))", helpURI: finding.link,
                helpText: "License \(finding.name)\nClassification: \(finding.category.rawValue)",
                helpMarkdown: """
                    **License \(finding.name)**
                    | Classification | Severity |
                    | --- | --- |
                    | \(finding.category.rawValue) | \(finding.severity.rawValue) |
                    """,
                severity: finding.severity, securitySeverity: SARIFEntry.defaultScore(finding.severity),
                tags: ["license", finding.category.rawValue, finding.severity.rawValue])
            let path = finding.filePath ?? finding.package?.filePath ?? target.name
            return SARIFEntry(
                rule: rule, severity: finding.severity,
                message: "License \(finding.name) (\(finding.category.rawValue)) in \(owner)", uri: uri(path),
                startLine: 1, endLine: 1, locationMessage: "\(path): \(owner)", decision: decision)
        }
    }

    private func vulnerability(_ finding: VulnerabilityFinding, target: DecidedTarget, decision: String) -> SARIFEntry {
        let advisory = finding.advisory
        let id = finding.vulnerabilityID
        let title = FindingText.title(.vulnerability(finding))
        let url = TrivyJSONReport.primaryURL(for: finding)
        let fixed = finding.fixedVersion ?? ""
        let package = finding.package
        let path = package.filePath ?? target.name
        var markdown = """
            **Vulnerability \(id)**
            | Severity | Package | Fixed Version | Link |
            | --- | --- | --- | --- |
            | \(finding.severity.rawValue) | \(cell(package.name)) | \(cell(fixed)) | \(link(id, url)) |

            \(advisory.description ?? title)
            """
        let references = advisory.references.prefix(10)
        if !references.isEmpty {
            markdown += "\n\n**References**\n" + references.map { "- \($0)" }.joined(separator: "\n")
        }
        let rule = SARIFRule(
            id: id,
            name: target.kind == .osPackages ? "OsPackageVulnerability" : "LanguageSpecificPackageVulnerability",
            shortDescription: nonEmpty(title, id), fullDescription: nonEmpty(advisory.description ?? "", title),
            helpURI: url,
            helpText: """
                Vulnerability \(id)
                Severity: \(finding.severity.rawValue)
                Package: \(package.name)
                Fixed Version: \(fixed)
                Link: \(url ?? "")
                \(advisory.description ?? title)
                """,
            helpMarkdown: markdown, severity: finding.severity,
            securitySeverity: SARIFResultBuilder.securitySeverity(finding),
            tags: ["vulnerability", "security", finding.severity.rawValue])
        return SARIFEntry(
            rule: rule, severity: finding.severity,
            message: """
                Package: \(package.name)
                Installed Version: \(package.version)
                Vulnerability \(id)
                Severity: \(finding.severity.rawValue)
                Fixed Version: \(fixed)
                Link: \(url ?? "")
                """,
            uri: uri(path), startLine: 1, endLine: 1,
            locationMessage: "\(uri(path)): \(package.name)@\(package.version)", decision: decision)
    }

    /// The CVSS base score that agrees with the chosen severity (the severity source's first, then any other
    /// source's), else the severity's default score, so GitHub's severity matches Drydock's.
    static func securitySeverity(_ finding: VulnerabilityFinding) -> Double {
        let scored = finding.advisory.cvss.filter { $0.version >= 3 && $0.score != nil }
        let preferred = scored.filter { $0.source == finding.severitySource } + scored
        for entry in preferred {
            if let score = entry.score, Severity(cvssScore: score) == finding.severity { return score }
        }
        return SARIFEntry.defaultScore(finding.severity)
    }

    private func nonEmpty(_ text: String, _ fallback: String) -> String {
        let collapsed = FindingText.collapse(text)
        return collapsed.isEmpty ? fallback : collapsed
    }

    /// A Markdown table cell: pipes escaped, one line.
    private func cell(_ text: String) -> String {
        FindingText.collapse(text).replacingOccurrences(of: "|", with: "\\|")
    }

    private func link(_ text: String, _ url: String?) -> String {
        guard let url else { return text }
        return "[\(text)](\(url))"
    }
}
