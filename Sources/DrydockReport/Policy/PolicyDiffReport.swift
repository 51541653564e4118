import DrydockModel
import DrydockPolicy

/// Writes `drydock policy diff`'s result: per report, whether its verdict flips, which targets flip between
/// pass and fail, and which findings change decision with the rule on each side.
public struct PolicyDiffReport: Sendable {
    public var old: PolicySource
    public var new: PolicySource
    public var reports: [PolicyDiff.ReportDiff]

    public init(old: PolicySource, new: PolicySource, reports: [PolicyDiff.ReportDiff]) {
        self.old = old
        self.new = new
        self.reports = reports
    }

    /// How many reports flip, from fail to pass and from pass to fail, and how many findings change.
    public var summary: String {
        let flipping = reports.filter(\.flips)
        let toPass = flipping.filter { $0.new.passed }.count
        let changes = reports.map(\.changes.count).reduce(0, +)
        return "\(flipping.count) of \(reports.count) report(s) flip (\(toPass) from fail to pass, "
            + "\(flipping.count - toPass) from pass to fail); \(changes) finding(s) change decision"
    }

    /// The human-readable form.
    public func text() -> String {
        var out = "Policy diff: \(describe(old)) → \(describe(new))\n"
        for report in reports {
            out += "\n\(report.path) (\(report.artifactName))\n"
            let flip = report.flips ? "  ← flips" : ""
            out += "  verdict: \(word(report.old)) → \(word(report.new))\(flip)\n"
            for target in report.targetFlips {
                out += "  target \(target.targetName): \(target.oldFails ? "fail" : "pass") → "
                out += "\(target.newFails ? "fail" : "pass")\n"
            }
            if report.changes.isEmpty {
                out += "  no finding changes decision (\(report.findingCount) decided)\n"
                continue
            }
            out += "  \(report.changes.count) of \(report.findingCount) finding(s) change decision:\n"
            for change in report.changes {
                out += "    \(title(change.finding)) in \(change.targetName)\n"
                out += "      old: \(explain(change.old))\n"
                out += "      new: \(explain(change.new))\n"
            }
        }
        out += "\nSummary: \(summary).\n"
        return out
    }

    /// The JSON form.
    public func json() -> [UInt8] {
        var root = JSONObjectBuilder()
        root.add("Old", source(old))
        root.add("New", source(new))
        root.add(
            "Reports",
            .array(
                reports.map { report in
                    var object = JSONObjectBuilder()
                    object.add("Path", .string(report.path))
                    object.add("ArtifactName", .string(report.artifactName))
                    object.add("Flips", .bool(report.flips))
                    object.add("Old", VerdictJSON.json(report.old))
                    object.add("New", VerdictJSON.json(report.new))
                    object.add(
                        "TargetFlips",
                        .array(
                            report.targetFlips.map {
                                .object([
                                    ("Target", .string($0.targetName)),
                                    ("Old", .string($0.oldFails ? "fail" : "pass")),
                                    ("New", .string($0.newFails ? "fail" : "pass")),
                                ])
                            }))
                    object.add("Changes", .array(report.changes.map(change)))
                    object.add("Findings", .int(Int64(report.findingCount)))
                    return object.value
                }))
        root.add("Summary", .string(summary))
        return JSONWriter.write(root.value)
    }

    private func change(_ change: PolicyDiff.FindingChange) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("Target", .string(change.targetName))
        object.add("Kind", .string(change.finding.kind.rawValue))
        object.add("ID", .string(change.finding.id))
        if let package = change.finding.package {
            object.add("PkgName", .string(package.name))
            object.add("InstalledVersion", .string(package.version))
            object.add("PURL", string: package.purl)
        }
        object.add("Old", DecisionJSON.json(change.old))
        object.add("New", DecisionJSON.json(change.new))
        return object.value
    }

    private func source(_ source: PolicySource) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("Path", .string(source.path))
        object.add("Digest", string: source.digest)
        return object.value
    }

    private func describe(_ source: PolicySource) -> String {
        guard let digest = source.digest else { return source.path }
        return "\(source.path) (\(digest.prefix(19))…)"
    }

    private func word(_ verdict: Verdict) -> String {
        verdict.passed ? "PASS" : "FAIL (\(verdict.failingCount) failing)"
    }

    private func title(_ finding: Finding) -> String {
        guard let package = finding.package else { return "\(finding.id) (\(finding.kind.rawValue))" }
        return "\(finding.id) \(package.name) \(package.version)"
    }

    /// `fail by rule fixable-critical (old.yaml:12): CRITICAL vulnerability with a fixed version available`.
    static func explain(_ decision: Decision) -> String {
        let rule = decision.rule
        var text = "\(decision.action.rawValue) by \(rule.source.rawValue)"
        if let id = rule.id { text += " \(id)" }
        var details: [String] = []
        if let location = rule.location { details.append(location.description) }
        if let owner = rule.owner { details.append("owner \(owner)") }
        if let expires = rule.expires { details.append("expires \(expires)") }
        if !details.isEmpty { text += " (\(details.joined(separator: ", ")))" }
        if !rule.description.isEmpty { text += ": \(rule.description)" }
        return text
    }

    private func explain(_ decision: Decision) -> String { PolicyDiffReport.explain(decision) }
}
