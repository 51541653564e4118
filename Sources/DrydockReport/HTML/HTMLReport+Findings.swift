import DrydockModel
import DrydockPolicy

extension HTMLReport {
    /// The findings table: one summary row per finding (set-aside ones hidden until the decision filter shows
    /// them) and a details row with the decision's evidence.
    func findingsTable(_ report: ScanReport) -> String {
        var out = "<section id=\"findings-section\">\n<h2>Findings</h2>\n"
        out += "<table id=\"findings\">\n<thead><tr><th>Severity</th><th>ID</th><th>Kind</th><th>Target</th>"
        out += "<th>Package or file</th><th>Title</th><th>Decision</th></tr></thead>\n<tbody>\n"
        var index = 0
        for target in report.targets {
            for decided in target.findings where !decided.isPassedCheck {
                out += row(decided, target: target, index: index)
                index += 1
            }
        }
        if index == 0 { out += "<tr class=\"empty\"><td colspan=\"7\">No findings.</td></tr>\n" }
        out += "</tbody>\n</table>\n</section>\n"
        return out
    }

    private func row(_ decided: DecidedFinding, target: DecidedTarget, index: Int) -> String {
        let finding = decided.finding
        let severity = finding.severity.rawValue
        let action = decided.decision.action.rawValue
        let subject = HTMLReport.subject(finding, target: target)
        let title = FindingText.shorten(FindingText.title(finding), to: 160)
        let search = [finding.id, subject, target.name, title].joined(separator: " ").lowercased()
        var out = "<tr class=\"finding\" data-severity=\"\(severity)\" data-kind=\"\(finding.kind.rawValue)\" "
        out += "data-decision=\"\(action)\" data-text=\"\(HTML.escape(search))\" data-details=\"details-\(index)\">"
        out += "<td><span class=\"sev sev-\(severity.lowercased())\">\(severity)</span></td>"
        out += "<td>\(HTML.link(finding.id, HTMLReport.url(finding)))</td><td>\(finding.kind.rawValue)</td>"
        out += "<td>\(HTML.escape(target.name))</td><td>\(HTML.escape(subject))</td><td>\(HTML.escape(title))</td>"
        out += "<td><button type=\"button\" class=\"decision decision-\(action)\" aria-expanded=\"false\">"
        out += "\(action)</button></td></tr>\n"
        out += "<tr class=\"details\" id=\"details-\(index)\" hidden><td colspan=\"7\">\n"
        out += evidence(decided.decision) + details(finding)
        out += "</td></tr>\n"
        return out
    }

    /// The decision and everything that supports it.
    private func evidence(_ decision: Decision) -> String {
        var out = "<div class=\"evidence\"><h3>Decision: \(decision.action.rawValue)</h3>\n<dl>\n"
        let rule = decision.rule
        out += "<dt>Rule</dt><dd>\(HTML.escape(rule.source.rawValue))"
        if let id = rule.id { out += " <code>\(HTML.escape(id))</code>" }
        out += ": \(HTML.escape(rule.description))</dd>\n"
        if let location = rule.location {
            out += "<dt>Written in</dt><dd><code>\(HTML.escape(location.description))</code></dd>\n"
        }
        if let owner = rule.owner { out += "<dt>Owner</dt><dd>\(HTML.escape(owner))</dd>\n" }
        if let expires = rule.expires { out += "<dt>Expires</dt><dd>\(HTML.escape(expires))</dd>\n" }
        if let vex = decision.vex {
            var text = vex.status
            if let justification = vex.justification { text += " (\(justification))" }
            if let statement = vex.statement { text += ": \(statement)" }
            out += "<dt>VEX</dt><dd>\(HTML.escape(text)) — <code>\(HTML.escape(vex.location.description))</code></dd>\n"
        }
        if let baseline = decision.baseline {
            let seen = baseline.firstSeen.map { ", first seen \($0)" } ?? ""
            out += "<dt>Baseline</dt><dd>\(HTML.escape(baseline.status.rawValue + seen))</dd>\n"
        }
        for note in decision.notes { out += "<dt>Note</dt><dd>\(HTML.escape(note))</dd>\n" }
        out += "</dl></div>\n"
        return out
    }

    /// The finding's own facts: versions, fix, description, location.
    private func details(_ finding: Finding) -> String {
        var facts: [(String, String)] = []
        var text = ""
        switch finding {
        case .vulnerability(let value):
            facts.append(("Installed", value.package.version))
            facts.append(("Fixed", value.fixedVersion ?? "no fix known"))
            facts.append(("Status", value.status.rawValue))
            if let path = value.package.filePath { facts.append(("File", path)) }
            if let layer = value.package.layer?.createdBy ?? value.package.layer?.diffID {
                facts.append(("Layer", layer))
            }
            let scores = value.advisory.cvss.compactMap { score in
                score.score.map { "\(score.source) v\(score.version) \($0)" }
            }
            if !scores.isEmpty { facts.append(("CVSS", scores.joined(separator: ", "))) }
            if value.allIDs.count > 1 {
                facts.append(("Also known as", value.allIDs.dropFirst().joined(separator: ", ")))
            }
            text = value.advisory.description ?? ""
        case .misconfiguration(let value):
            var location = value.filePath
            if let start = value.cause.startLine { location += ":\(start)" }
            facts.append(("Location", location))
            facts.append(("Message", value.message))
            facts.append(("Resolution", value.resolution))
            text = value.description
        case .secret(let value):
            facts.append(("Location", "\(value.filePath):\(value.startLine)"))
            facts.append(("Match", value.match))
        case .license(let value):
            facts.append(("Classification", value.category.rawValue))
            if let path = value.filePath ?? value.package?.filePath { facts.append(("File", path)) }
        }
        var out = "<dl class=\"facts\">\n"
        for (name, value) in facts { out += "<div><dt>\(HTML.escape(name))</dt><dd>\(HTML.escape(value))</dd></div>\n" }
        out += "</dl>\n"
        if !text.isEmpty { out += "<p class=\"description\">\(HTML.escape(text))</p>\n" }
        return out
    }

    /// The package (`name version`) or the file a finding is about.
    static func subject(_ finding: Finding, target: DecidedTarget) -> String {
        switch finding {
        case .vulnerability(let value): "\(value.package.name) \(value.package.version)"
        case .misconfiguration(let value): value.cause.resource ?? value.filePath
        case .secret(let value): value.filePath
        case .license(let value): value.package?.name ?? value.filePath ?? target.name
        }
    }

    static func url(_ finding: Finding) -> String? {
        switch finding {
        case .vulnerability(let value): TrivyJSONReport.primaryURL(for: value)
        case .misconfiguration(let value): value.primaryURL
        case .license(let value): value.link
        case .secret: nil
        }
    }
}
