import DrydockModel
import DrydockPolicy
import DrydockReport

/// CycloneDX `vulnerabilities` entries: one per vulnerability and analysis, listing every component it
/// affects, as Trivy aggregates them.
enum CycloneDXVulnerabilities {
    /// The entries for `findings` (each with its component's ref), sorted by ID.
    static func entries(_ findings: [(ref: String, finding: DecidedFinding)]) -> [JSONValue] {
        var order: [String] = []
        var groups: [String: (entry: JSONObjectBuilder, affects: [JSONValue], fixes: [String])] = [:]
        for (ref, decided) in findings {
            guard let finding = decided.finding.vulnerability else { continue }
            let analysis = analysis(decided.decision)
            let key =
                finding.vulnerabilityID + "\u{0}" + String(decoding: JSONWriter.write(analysis ?? .null), as: UTF8.self)
            if groups[key] == nil {
                order.append(key)
                groups[key] = (entry(finding, analysis: analysis), [], [])
            }
            groups[key]?.affects.append(
                .object([
                    ("ref", .string(ref)),
                    (
                        "versions",
                        .array([
                            .object([("version", .string(finding.package.version)), ("status", .string("affected"))])
                        ])
                    ),
                ]))
            if let fixed = finding.fixedVersion {
                let recommendation = "Upgrade \(finding.package.name) to version \(fixed)"
                if groups[key]?.fixes.contains(recommendation) == false { groups[key]?.fixes.append(recommendation) }
            }
        }
        return order.sorted().compactMap { key in
            guard var group = groups[key] else { return nil }
            group.entry.add("recommendation", string: group.fixes.sorted().joined(separator: "; "))
            group.entry.add("affects", .array(group.affects))
            return group.entry.value
        }
    }

    static func entry(_ finding: VulnerabilityFinding, analysis: JSONValue?) -> JSONObjectBuilder {
        let advisory = finding.advisory
        var entry = JSONObjectBuilder()
        entry.add("id", .string(finding.vulnerabilityID))
        let source = ReportFields.dataSource(of: finding)
        entry.add("source", .object([("name", .string(source.id)), ("url", .string(source.url))]))
        let aliases = finding.allIDs.filter { $0 != finding.vulnerabilityID }
        entry.add(
            "references",
            nonEmpty: .array(
                aliases.map { .object([("id", .string($0)), ("source", .object([("name", .string(source.id))]))]) }))
        entry.add("ratings", .array(ratings(finding)))
        let cwes = advisory.cweIDs.compactMap { Int($0.uppercased().replacingOccurrences(of: "CWE-", with: "")) }
        entry.add("cwes", nonEmpty: .array(cwes.map { .int(Int64($0)) }))
        entry.add("description", string: advisory.description ?? advisory.title)
        var urls: [String] = []
        for url in [ReportFields.primaryURL(of: finding)].compactMap({ $0 }) + advisory.references
        where url.hasPrefix("http") && !urls.contains(url) {
            urls.append(url)
        }
        entry.add("advisories", nonEmpty: .array(urls.map { .object([("url", .string($0))]) }))
        if let published = advisory.published { entry.add("published", .string(ReportFields.timestamp(published))) }
        if let modified = advisory.modified { entry.add("updated", .string(ReportFields.timestamp(modified))) }
        if let analysis { entry.add("analysis", analysis) }
        return entry
    }

    /// One rating per CVSS vector (its source, score, method and the source's severity), and one per
    /// source that rated the severity without a vector; the chosen severity when nothing else is known.
    static func ratings(_ finding: VulnerabilityFinding) -> [JSONValue] {
        let advisory = finding.advisory
        var ratings: [(source: String, method: String, value: JSONValue)] = []
        var scored: Set<String> = []
        for cvss in advisory.cvss {
            let method: String
            switch cvss.version {
            case 2: method = "CVSSv2"
            case 3: method = cvss.vector.hasPrefix("CVSS:3.1") ? "CVSSv31" : "CVSSv3"
            default: method = "CVSSv4"
            }
            var rating = JSONObjectBuilder()
            rating.add("source", .object([("name", .string(cvss.source))]))
            if let score = cvss.score { rating.add("score", .double(score)) }
            let severity = advisory.vendorSeverity[cvss.source] ?? cvss.score.map { Severity(cvssScore: $0) }
            if let severity { rating.add("severity", .string(self.severity(severity))) }
            rating.add("method", .string(method))
            rating.add("vector", .string(cvss.vector))
            ratings.append((cvss.source, method, rating.value))
            scored.insert(cvss.source)
        }
        for (source, severity) in advisory.vendorSeverity where !scored.contains(source) {
            ratings.append(
                (
                    source, "",
                    .object([
                        ("source", .object([("name", .string(source))])),
                        ("severity", .string(self.severity(severity))),
                    ])
                ))
        }
        if ratings.isEmpty {
            let source = finding.severitySource ?? advisory.source
            ratings.append(
                (
                    source, "",
                    .object([
                        ("source", .object([("name", .string(source))])),
                        ("severity", .string(self.severity(finding.severity))),
                    ])
                ))
        }
        return ratings.sorted { ($0.source, $0.method) < ($1.source, $1.method) }.map(\.value)
    }

    /// CycloneDX's severity words.
    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .critical: "critical"
        case .high: "high"
        case .medium: "medium"
        case .low: "low"
        case .unknown: "unknown"
        }
    }

    /// The `analysis` for a decision: the VEX statement's state (OpenVEX `not_affected` → `not_affected`
    /// with CycloneDX's justification, `affected` → `exploitable`, `fixed` → `resolved`,
    /// `under_investigation` → `in_triage`), else for an exception or ignore rule `exploitable` with the
    /// response `will_not_fix` (a risk accepted, not disproved); `nil` for findings only reported.
    static func analysis(_ decision: Decision) -> JSONValue? {
        var analysis = JSONObjectBuilder()
        if let vex = decision.vex {
            switch vex.status {
            case "not_affected":
                analysis.add("state", .string("not_affected"))
                if let justification = vex.justification.flatMap(Self.justification) {
                    analysis.add("justification", .string(justification))
                }
            case "affected": analysis.add("state", .string("exploitable"))
            case "fixed": analysis.add("state", .string("resolved"))
            default: analysis.add("state", .string("in_triage"))
            }
            var detail = [vex.statement, "VEX statement at \(vex.location)"].compactMap { $0 }
            if decision.rule.source != .vex { detail.append(rule(decision)) }
            analysis.add("detail", .string(detail.joined(separator: "; ")))
            return analysis.value
        }
        switch decision.rule.source {
        case .exception, .ignoreFile, .inline, .policy, .defaultPolicy, .baseline:
            guard decision.action == .ignore else { return nil }
            analysis.add("state", .string("exploitable"))
            analysis.add("response", .array([.string("will_not_fix")]))
            analysis.add("detail", .string(rule(decision)))
            return analysis.value
        case .flag, .vex:
            return nil
        }
    }

    static func rule(_ decision: Decision) -> String {
        var text = "\(decision.rule.source.rawValue)"
        if let id = decision.rule.id { text += " \(id)" }
        text += ": \(decision.rule.description)"
        if let location = decision.rule.location { text += " (\(location))" }
        return text
    }

    /// OpenVEX's `not_affected` justifications in CycloneDX's words.
    static func justification(_ openVEX: String) -> String? {
        switch openVEX {
        case "component_not_present", "vulnerable_code_not_present": "code_not_present"
        case "vulnerable_code_not_in_execute_path": "code_not_reachable"
        case "vulnerable_code_cannot_be_controlled_by_adversary": "requires_environment"
        case "inline_mitigations_already_exist": "protected_by_mitigating_control"
        default: nil
        }
    }
}
