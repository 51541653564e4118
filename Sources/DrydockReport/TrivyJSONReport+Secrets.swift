import DrydockModel

// The JSON of secret results, until the report writers' rework (the `reports` branch) replaces it: Trivy's
// `DetectedSecret` with its `Code` lines and `Layer`.
extension TrivyJSONReport {
    func secret(_ finding: SecretFinding) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("RuleID", .string(finding.ruleID))
        object.add("Category", .string(finding.category))
        object.add("Severity", .string(finding.severity.rawValue))
        object.add("Title", .string(finding.title))
        object.add("StartLine", .int(Int64(finding.startLine)))
        object.add("EndLine", .int(Int64(finding.endLine)))
        object.add("Code", .object([("Lines", .array(finding.code.lines.map(codeLine)))]))
        object.add("Match", .string(finding.match))
        if let layer = finding.layer { object.add("Layer", nonEmpty: self.layer(layer)) }
        if let offset = finding.offset, offset != 0 { object.add("Offset", .int(Int64(offset))) }
        return object.value
    }

    private func codeLine(_ line: CodeLine) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("Number", .int(Int64(line.number)))
        object.add("Content", .string(line.content))
        object.add("IsCause", .bool(line.isCause))
        object.add("Annotation", .string(line.annotation))
        object.add("Truncated", .bool(line.truncated))
        object.add("Highlighted", string: line.content)
        object.add("FirstCause", .bool(line.firstCause))
        object.add("LastCause", .bool(line.lastCause))
        return object.value
    }
}
