import DrydockMatch
import DrydockModel
import DrydockPolicy

/// Writes one self-contained HTML page: no script, style, font or image is loaded from anywhere, so it opens
/// offline and from a CI artifact store. It holds the verdict, a severity chart (inline SVG), filters
/// (severity, kind, decision, free text; plain inline JavaScript), and one row per finding — set-aside
/// findings included — that opens to show the decision, the rule that made it and the evidence
/// (VEX statement, baseline state, notes), with the finding's details.
public struct HTMLReport: Sendable {
    public var toolVersion: String

    public init(toolVersion: String) {
        self.toolVersion = toolVersion
    }

    public func render(_ report: ScanReport) -> [UInt8] {
        let title = "Drydock report: \(report.artifact.name)"
        var body = header(report)
        body += HTMLChart.severityChart(report)
        body += filters
        body += findingsTable(report)
        body += coverage(report)
        var page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        page += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        page += "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
        page += "<title>\(HTML.escape(title))</title>\n<style>\n\(HTMLAssets.css)</style>\n</head>\n<body>\n"
        page += body
        page += "<script>\n\(HTMLAssets.script)</script>\n</body>\n</html>\n"
        return Array(page.utf8)
    }

    private func header(_ report: ScanReport) -> String {
        let verdict = report.verdict
        let state = verdict.passed ? "passed" : "failed"
        let mode = verdict.mode == .audit ? "audit mode, " : ""
        var out = "<header>\n<h1>\(HTML.escape(report.artifact.name))</h1>\n<dl class=\"facts\">\n"
        out += fact(
            "Gate",
            "<span class=\"verdict \(state)\" id=\"verdict\">\(verdict.outcome)</span> "
                + "(\(mode)exit code \(verdict.exitCode))")
        if let policy = verdict.policy {
            out += fact("Policy", "<code>\(HTML.escape(policy.path))</code>" + digest(policy.digest))
        }
        if let ignoreFile = verdict.ignoreFile {
            out += fact("Ignore file", "<code>\(HTML.escape(ignoreFile.path))</code>" + digest(ignoreFile.digest))
        }
        out += fact("Artifact type", HTML.escape(report.artifact.type))
        if let os = report.operatingSystem {
            out += fact("Operating system", HTML.escape("\(os.family.rawValue) \(os.version)"))
        }
        if let imageID = report.artifact.imageID { out += fact("Image ID", "<code>\(HTML.escape(imageID))</code>") }
        out += fact("Scanned", HTML.escape(TrivyJSONReport.timestamp(report.createdAt, fractional: false)))
        if let digest = report.database?.digest {
            out += fact("Vulnerability DB", "<code>\(HTML.escape(digest))</code>")
        }
        out += fact("Drydock", HTML.escape(toolVersion))
        out += "</dl>\n"
        if !verdict.reasons.isEmpty {
            out += "<ul class=\"reasons\" aria-label=\"Rules that failed findings\">\n"
            for reason in verdict.reasons {
                var text = "\(reason.count) × "
                if let id = reason.rule.id { text += "<code>\(HTML.escape(id))</code> " }
                if let location = reason.rule.location {
                    text += "(<code>\(HTML.escape(location.description))</code>) "
                }
                out += "<li>\(text)\(HTML.escape(reason.rule.description))</li>\n"
            }
            out += "</ul>\n"
        }
        for failure in verdict.coverageFailures { out += "<p class=\"gate-failure\">\(HTML.escape(failure))</p>\n" }
        for warning in report.warnings { out += "<p class=\"warning\">Warning: \(HTML.escape(warning))</p>\n" }
        out += "</header>\n"
        return out
    }

    private func digest(_ digest: String?) -> String {
        digest.map { " <code class=\"digest\">\(HTML.escape($0))</code>" } ?? ""
    }

    private func fact(_ name: String, _ html: String) -> String {
        "<div><dt>\(HTML.escape(name))</dt><dd>\(html)</dd></div>\n"
    }

    private var filters: String {
        var out = "<section id=\"filters\" aria-label=\"Filters\">\n<fieldset><legend>Severity</legend>\n"
        for severity in Severity.allCases.reversed() {
            let name = severity.rawValue
            out += "<label><input type=\"checkbox\" class=\"severity-filter\" value=\"\(name)\" checked> "
            out += "<span class=\"sev sev-\(name.lowercased())\">\(name)</span></label>\n"
        }
        out += "</fieldset>\n<label>Kind <select id=\"kind-filter\"><option value=\"\">all</option>"
        for kind in FindingKind.allCases { out += "<option>\(kind.rawValue)</option>" }
        out += "</select></label>\n<label>Decision <select id=\"decision-filter\">"
        out += "<option value=\"shown\">fail and warn</option><option value=\"\">all</option>"
        for action in Decision.Action.allCases { out += "<option>\(action.rawValue)</option>" }
        out += "</select></label>\n"
        out +=
            "<label>Search <input type=\"search\" id=\"text-filter\" placeholder=\"ID, package, file, title\"></label>\n"
        out += "<span id=\"shown-count\" aria-live=\"polite\"></span>\n</section>\n"
        return out
    }

    private func coverage(_ report: ScanReport) -> String {
        var out = "<section id=\"coverage\">\n<h2>Coverage</h2>\n<ul>\n"
        if let coverage = report.coverage {
            out += "<li>\(HTML.escape(coverage.osSummary))</li>\n"
            if let summary = coverage.support?.summary { out += "<li>\(HTML.escape(summary))</li>\n" }
            for line in coverage.uncheckedSummaries { out += "<li>\(HTML.escape(line))</li>\n" }
        }
        for target in report.targets {
            var line = "\(target.name) (\(target.kind.rawValue)\(target.type.isEmpty ? "" : ", \(target.type)")): "
            line += "\(target.reported.count) reported, \(target.findings.count - target.reported.count) set aside"
            if let coverage = target.coverage, !coverage.isComplete {
                line += "; \(coverage.uncheckedPackageCount) package(s) not checked"
            }
            out += "<li>\(HTML.escape(line))</li>\n"
        }
        out += "</ul>\n</section>\n"
        return out
    }
}

/// HTML escaping.
enum HTML {
    /// `text` safe in HTML text and quoted attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A link when `url` is http(s), else the escaped text: no `javascript:` URL from a feed reaches the page.
    static func link(_ text: String, _ url: String?) -> String {
        guard let url, url.hasPrefix("https://") || url.hasPrefix("http://") else { return escape(text) }
        return "<a href=\"\(escape(url))\" rel=\"noreferrer\">\(escape(text))</a>"
    }
}
