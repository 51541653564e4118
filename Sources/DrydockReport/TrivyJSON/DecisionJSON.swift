import DrydockModel
import DrydockPolicy

/// The `Decision` object Drydock adds to each finding of the JSON report, and its reading back.
///
/// An added field (Trivy has none): `Action`, `Source`, `Rule`, `Description`, `Location` (`file:line`), and
/// when they apply `Owner`, `Expires`, `VEX`, `Baseline`, `Notes`.
enum DecisionJSON {
    static func json(_ decision: Decision) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("Action", .string(decision.action.rawValue))
        add(decision.rule, to: &object)
        if let vex = decision.vex { object.add("VEX", json(vex)) }
        if let baseline = decision.baseline {
            var state = JSONObjectBuilder()
            state.add("Status", .string(baseline.status.rawValue))
            state.add("FirstSeen", string: baseline.firstSeen)
            object.add("Baseline", state.value)
        }
        object.add("Notes", strings: decision.notes)
        return object.value
    }

    /// A rule's members, as both a decision and a verdict's reason write them: `Source`, `Rule`, `Description`,
    /// `Location`, `Owner`, `Expires`.
    static func add(_ rule: DecisionRule, to object: inout JSONObjectBuilder) {
        object.add("Source", .string(rule.source.rawValue))
        object.add("Rule", string: rule.id)
        object.add("Description", .string(rule.description))
        object.add("Location", string: rule.location?.description)
        object.add("Owner", string: rule.owner)
        object.add("Expires", string: rule.expires)
    }

    /// The rule in `value`'s members (see ``add(_:to:)``), or `nil` without a known `Source`.
    static func readRule(_ value: JSONValue) -> DecisionRule? {
        guard let source = value["Source"]?.stringValue.flatMap(DecisionRule.Source.init(rawValue:)) else {
            return nil
        }
        return DecisionRule(
            source: source, id: value["Rule"]?.stringValue, description: value["Description"]?.stringValue ?? "",
            location: value["Location"]?.stringValue.map(location), owner: value["Owner"]?.stringValue,
            expires: value["Expires"]?.stringValue)
    }

    static func json(_ vex: VEXAssessment) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("Status", .string(vex.status))
        object.add("Justification", string: vex.justification)
        object.add("Statement", string: vex.statement)
        object.add("Location", .string(vex.location.description))
        return object.value
    }

    /// The decision in a finding's `Decision` member, or `nil` when it has none or it is not one.
    static func read(_ value: JSONValue?) -> Decision? {
        guard let value, let action = value["Action"]?.stringValue.flatMap(Decision.Action.init(rawValue:)),
            let rule = readRule(value)
        else { return nil }
        var decision = Decision(action: action, rule: rule, notes: value["Notes"]?.stringArray ?? [])
        if let vex = value["VEX"], let status = vex["Status"]?.stringValue {
            decision.vex = VEXAssessment(
                status: status, justification: vex["Justification"]?.stringValue,
                statement: vex["Statement"]?.stringValue,
                location: location(vex["Location"]?.stringValue ?? ""))
        }
        if let baseline = value["Baseline"],
            let status = baseline["Status"]?.stringValue.flatMap(BaselineState.Status.init(rawValue:))
        {
            decision.baseline = BaselineState(status: status, firstSeen: baseline["FirstSeen"]?.stringValue)
        }
        return decision
    }

    /// `file:line` (the line after the last colon), or the whole text as a file.
    static func location(_ text: String) -> SourceLocation {
        if let colon = text.lastIndex(of: ":"), let line = Int(text[text.index(after: colon)...]) {
            return SourceLocation(file: String(text[..<colon]), line: line)
        }
        return SourceLocation(file: text)
    }
}
