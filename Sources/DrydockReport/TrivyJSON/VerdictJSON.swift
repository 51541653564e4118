import DrydockPolicy

/// The gate's verdict in the JSON report: the `Drydock.Verdict` object, written and read back whole (so `convert`
/// and `policy diff` see the verdict as the scan gave it). The table's closing lines are ``TableReport``'s.
enum VerdictJSON {
    /// `Passed`, `Outcome`, `Mode`, `FailingFindings`, `ExitCode`, then the reasons, policy and exceptions.
    static func json(_ verdict: Verdict) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("Passed", .bool(verdict.passed))
        object.add("Outcome", .string(verdict.outcome))
        object.add("Mode", .string(verdict.mode.rawValue))
        object.add("FailingFindings", .int(Int64(verdict.failingCount)))
        object.add("ExitCode", .int(Int64(verdict.exitCode)))
        object.add(
            "Reasons",
            nonEmpty: .array(
                verdict.reasons.map { reason in
                    var entry = JSONObjectBuilder()
                    DecisionJSON.add(reason.rule, to: &entry)
                    entry.add("Findings", .int(Int64(reason.count)))
                    return entry.value
                }))
        if let policy = verdict.policy { object.add("Policy", source(policy)) }
        if let ignoreFile = verdict.ignoreFile { object.add("IgnoreFile", source(ignoreFile)) }
        object.add("Exceptions", nonEmpty: .array(verdict.exceptions.map(exception)))
        return object.value
    }

    /// The verdict in a report's `Drydock` object (`Verdict` and `GateFailures`), or `nil` when it has none.
    static func read(_ drydock: JSONValue) -> Verdict? {
        guard let verdict = drydock["Verdict"] else { return nil }
        let reasons: [VerdictReason] = (verdict["Reasons"]?.arrayValue ?? []).compactMap { entry in
            DecisionJSON.readRule(entry).map { VerdictReason(rule: $0, count: entry["Findings"]?.intValue ?? 0) }
        }
        return Verdict(
            failingCount: verdict["FailingFindings"]?.intValue ?? 0,
            exitCode: Int32(clamping: verdict["ExitCode"]?.intValue ?? 0),
            coverageFailures: drydock["GateFailures"]?.stringArray ?? [],
            mode: verdict["Mode"]?.stringValue.flatMap(PolicyMode.init(rawValue:)) ?? .enforce, reasons: reasons,
            exceptions: (verdict["Exceptions"]?.arrayValue ?? []).compactMap(readException),
            policy: verdict["Policy"].flatMap(readSource), ignoreFile: verdict["IgnoreFile"].flatMap(readSource))
    }

    private static func readSource(_ value: JSONValue) -> PolicySource? {
        value["Path"]?.stringValue.map { PolicySource(path: $0, digest: value["Digest"]?.stringValue) }
    }

    private static func readException(_ value: JSONValue) -> ExceptionReport? {
        guard let ids = value["IDs"]?.stringArray, let location = value["Location"]?.stringValue,
            let source = value["Source"]?.stringValue.flatMap(DecisionRule.Source.init(rawValue:)),
            let status = value["Status"]?.stringValue.flatMap(ExceptionReport.Status.init(rawValue:))
        else { return nil }
        let exception = GateException.recorded(
            ids: ids, source: source, location: DecisionJSON.location(location), owner: value["Owner"]?.stringValue,
            reason: value["Reason"]?.stringValue, expires: value["Expires"]?.stringValue)
        return ExceptionReport(
            exception: exception, status: status, matched: value["Matched"]?.intValue ?? 0,
            applied: value["Applied"]?.intValue ?? 0, refused: value["Refused"]?.intValue ?? 0,
            isBroad: value["Broad"]?.boolValue ?? false)
    }

    private static func source(_ source: PolicySource) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("Path", .string(source.path))
        object.add("Digest", string: source.digest)
        return object.value
    }

    private static func exception(_ report: ExceptionReport) -> JSONValue {
        let exception = report.exception
        var object = JSONObjectBuilder()
        object.add("IDs", .array(exception.ids.map(JSONValue.string)))
        object.add("Source", .string(exception.decisionRule.source.rawValue))
        object.add("Location", .string(exception.location.description))
        object.add("Owner", string: exception.owner)
        object.add("Reason", string: exception.reason)
        object.add("Expires", string: exception.decisionRule.expires)
        object.add("Status", .string(report.status.rawValue))
        if report.isBroad { object.add("Broad", .bool(true)) }
        object.add("Matched", .int(Int64(report.matched)))
        object.add("Applied", .int(Int64(report.applied)))
        if report.refused > 0 { object.add("Refused", .int(Int64(report.refused))) }
        return object.value
    }
}
