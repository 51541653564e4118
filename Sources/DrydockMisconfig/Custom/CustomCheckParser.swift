import DrydockModel

/// Reads custom checks from YAML text (one check per document; a file may hold several).
public enum CustomCheckParser {
    /// The checks of the YAML in `text`, read from `file`. Throws `ConfigParseError` naming the line of
    /// a missing or malformed field.
    public static func parse(_ text: String, file: String) throws(ConfigParseError) -> [CustomCheck] {
        try YAMLTree.parse(text).compactMap(\.root).map { root throws(ConfigParseError) in try check(root, file: file) }
    }

    /// Whether a document of the YAML in `text` has a `definition`: what tells a check file from the example
    /// inputs kept beside it in a folder of checks (a Kubernetes manifest has `metadata` too, never
    /// `definition`). Text that is not YAML counts as a check file, so that its error is reported.
    public static func looksLikeCheck(_ text: String) -> Bool {
        guard let documents = try? YAMLTree.parse(text) else { return true }
        return documents.contains { $0.root?["definition"] != nil }
    }

    static func check(_ root: ConfigNode, file: String) throws(ConfigParseError) -> CustomCheck {
        guard let metadata = root["metadata"], metadata.isMapping else {
            throw ConfigParseError("a custom check needs a 'metadata' mapping", line: root.range.start)
        }
        guard let id = metadata["id"]?.text, !id.isEmpty else {
            throw ConfigParseError("metadata.id is missing", line: metadata.range.start)
        }
        guard let definition = root["definition"] else {
            throw ConfigParseError("'definition' is missing", line: root.range.start)
        }
        let name = metadata["name"]?.text ?? id
        let severityText = metadata["severity"]?.text ?? "MEDIUM"
        guard let severity = severityText.uppercased() == "INFO" ? Severity.low : Severity(name: severityText) else {
            throw ConfigParseError(
                "metadata.severity '\(severityText)' is not one of INFO, LOW, MEDIUM, HIGH, CRITICAL",
                line: metadata["severity"]?.range.start)
        }
        var frameworks: Set<ConfigFileType> = []
        for node in root["scope", "frameworks"]?.items ?? [] {
            guard let text = node.text, let type = ConfigFileType(rawValue: text.lowercased()) else {
                throw ConfigParseError(
                    "scope.frameworks: '\(node.text ?? "")' is not one of dockerfile, kubernetes, helm",
                    line: node.range.start)
            }
            frameworks.insert(type)
        }
        let condition = try self.condition(definition)
        if frameworks.isEmpty {
            let dockerKinds = DockerfileParser.keywords.union(["DOCKERFILE"])
            let types = condition.resourceTypes.map { $0.uppercased() }
            frameworks = !types.isEmpty && types.allSatisfy { dockerKinds.contains($0) } ? [.dockerfile] : [.kubernetes]
            if types.isEmpty { frameworks = [.dockerfile, .kubernetes] }
        }
        if frameworks.contains(.helm) { frameworks.insert(.kubernetes) }
        var references = metadata["guideline"]?.text.map { [$0] } ?? []
        references += metadata["references"]?.strings ?? []
        let checkMetadata = CheckMetadata(
            id: id, aliases: metadata["aliases"]?.strings ?? [], title: name,
            description: metadata["description"]?.text ?? name,
            resolution: metadata["resolution"]?.text
                ?? (references.first.map { "See \($0)" } ?? "See the check's definition in \(file)."),
            severity: severity, references: references,
            provider: frameworks.contains(.dockerfile) && frameworks.count == 1 ? "Dockerfile" : "Kubernetes",
            service: metadata["category"]?.text?.lowercased() ?? "general", fileTypes: frameworks)
        var tests: [CustomCheckTest] = []
        for (index, node) in (root["tests"]?.items ?? []).enumerated() {
            guard let expect = node["expect"]?.text,
                let expectation = CustomCheckTest.Expectation(rawValue: expect.lowercased())
            else {
                throw ConfigParseError("tests[\(index)].expect must be 'fail' or 'pass'", line: node.range.start)
            }
            let input = node["input"]?.text
            let path = node["file"]?.text
            guard input != nil || path != nil else {
                throw ConfigParseError("tests[\(index)] needs 'input' or 'file'", line: node.range.start)
            }
            tests.append(
                CustomCheckTest(
                    name: node["name"]?.text ?? "test \(index + 1)", expectation: expectation, input: input, file: path)
            )
        }
        return CustomCheck(
            metadata: checkMetadata, message: metadata["message"]?.text ?? name, condition: condition, tests: tests,
            file: file)
    }

    static func condition(_ node: ConfigNode) throws(ConfigParseError) -> CustomCondition {
        for key in ["and", "or"] {
            guard let list = node[key] else { continue }
            guard list.isSequence else {
                throw ConfigParseError("'\(key)' takes a list of conditions", line: list.range.start)
            }
            var conditions: [CustomCondition] = []
            for item in list.items { conditions.append(try condition(item)) }
            return key == "and" ? .and(conditions) : .or(conditions)
        }
        if let inner = node["not"] { return .not(try condition(inner)) }
        let types = node["resource_types"].map { $0.isSequence ? $0.strings : [$0.text ?? ""] } ?? []
        switch node["cond_type"]?.text ?? "attribute" {
        case "filter":
            guard node["attribute"]?.text == "resource_type" else {
                throw ConfigParseError("a filter block needs 'attribute: resource_type'", line: node.range.start)
            }
            return .filter(resourceTypes: node["value"]?.strings ?? types)
        case "attribute":
            guard let attribute = node["attribute"]?.text else {
                throw ConfigParseError("an attribute block needs 'attribute'", line: node.range.start)
            }
            guard let operatorText = node["operator"]?.text, let op = AttributeOperator(rawValue: operatorText) else {
                let known = AttributeOperator.allCases.map(\.rawValue).joined(separator: ", ")
                throw ConfigParseError(
                    "unknown operator '\(node["operator"]?.text ?? "")' (known: \(known))", line: node.range.start)
            }
            return .attribute(resourceTypes: types, path: AttributePath(attribute), operator: op, value: node["value"])
        case let other:
            throw ConfigParseError(
                "cond_type '\(other)' is not supported (use attribute or filter; connection blocks need a resource graph)",
                line: node.range.start)
        }
    }
}
