import DrydockModel
import DrydockPolicy

extension TrivyJSONReportReader {
    /// The vulnerabilities a result set aside (`ExperimentalModifiedFindings`), with their decisions: Drydock's
    /// recorded `Decision`, or for Trivy's reports one rebuilt from `Status`, `Statement` and `Source` (a VEX
    /// status keeps its statement, so re-deciding the report keeps the finding set aside).
    static func readModifiedFindings(
        _ result: JSONValue, at position: String, path: String, fallback: Ecosystem?
    ) throws(SavedReportError) -> [(Finding, Decision?)] {
        var found: [(Finding, Decision?)] = []
        for (index, entry) in (result["ExperimentalModifiedFindings"]?.arrayValue ?? []).enumerated() {
            guard entry["Type"]?.stringValue == "vulnerability", let value = entry["Finding"] else { continue }
            let finding = try readVulnerability(
                value, at: "\(position).ExperimentalModifiedFindings[\(index)].Finding", path: path,
                fallback: fallback)
            found.append((.vulnerability(finding), DecisionJSON.read(value["Decision"]) ?? trivyDecision(entry)))
        }
        return found
    }

    /// A decision for a set-aside finding of Trivy's own report.
    private static func trivyDecision(_ entry: JSONValue) -> Decision {
        let status = entry["Status"]?.stringValue ?? "ignored"
        let statement = entry["Statement"]?.stringValue ?? ""
        let source = DecisionJSON.location(entry["Source"]?.stringValue ?? "")
        guard status != "ignored" else {
            return Decision(
                action: .ignore, rule: DecisionRule(source: .ignoreFile, description: statement, location: source))
        }
        let vex = VEXAssessment(
            status: status, justification: statement.isEmpty ? nil : statement, location: source)
        return Decision(
            action: .ignore, rule: DecisionRule(source: .vex, description: "VEX: \(status)", location: source),
            vex: vex)
    }
}
