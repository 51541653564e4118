import DrydockModel
import Yams

/// Reads Trivy's `trivy-secret.yaml` format: `rules`, `allow-rules`, `disable-rules`, `disable-allow-rules`,
/// `enable-builtin-rules`, `exclude-block` and `skip-patterns`.
///
/// Stricter than Trivy where leniency would hide a mistake: an unknown key, a severity that is not one of
/// Trivy's five, a rule without `id` or `regex`, or a glob that does not parse is an error naming the line;
/// regular expressions are checked when the scanner is built (`SecretScanner.init`). A rule without
/// `severity` is `UNKNOWN`, as in Trivy.
public enum SecretConfigParser {
    /// Parses `bytes`, the content of the file at `path` (named in errors).
    public static func parse(_ bytes: [UInt8], path: String) throws(SecretConfigError) -> SecretConfiguration {
        let text = String(decoding: bytes, as: UTF8.self)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw SecretConfigError(
                code: .malformedYAML, reason: "not valid YAML", file: path, line: line(of: error),
                underlying: "\(error)")
        } catch {
            throw SecretConfigError(code: .malformedYAML, reason: "not valid YAML", file: path, underlying: "\(error)")
        }
        var configuration = SecretConfiguration(source: path)
        guard let root else { return configuration }
        let reader = Reader(path: path)
        for (key, value) in try reader.mapping(root, what: "the configuration") {
            switch try reader.key(key, allowed: topLevelKeys) {
            case "rules":
                for item in try reader.sequence(value, what: "rules") {
                    let rule = try reader.rule(item)
                    configuration.lines[rule.id] = item.mark?.line
                    configuration.rules.append(rule)
                }
            case "allow-rules":
                for item in try reader.sequence(value, what: "allow-rules") {
                    let allow = try reader.allowRule(item)
                    configuration.lines["allow:" + allow.id] = item.mark?.line
                    configuration.allowRules.append(allow)
                }
            case "disable-rules": configuration.disableRules = try reader.strings(value, what: "disable-rules")
            case "disable-allow-rules":
                configuration.disableAllowRules = try reader.strings(value, what: "disable-allow-rules")
            case "enable-builtin-rules":
                configuration.enableBuiltinRules = try reader.strings(value, what: "enable-builtin-rules")
            case "exclude-block":
                configuration.excludeBlocks = try reader.excludeBlock(value)
                configuration.lines["exclude-block"] = value.mark?.line
            default:
                let patterns = try reader.strings(value, what: "skip-patterns")
                for (index, pattern) in patterns.enumerated() {
                    do {
                        _ = try GlobPattern(pattern)
                    } catch {
                        let items = value.sequence.map { Array($0) } ?? []
                        let line = items.count > index ? items[index].mark?.line : value.mark?.line
                        throw SecretConfigError(
                            code: .invalidValue, reason: "skip-patterns: \(error)", file: path, line: line)
                    }
                }
                configuration.skipPatterns = patterns.map { $0.replacingOccurrences(of: "\\", with: "/") }
            }
        }
        return configuration
    }

    static let topLevelKeys = [
        "rules", "allow-rules", "disable-rules", "disable-allow-rules", "enable-builtin-rules", "exclude-block",
        "skip-patterns",
    ]
    static let ruleKeys = [
        "id", "category", "title", "severity", "regex", "keywords", "path", "allow-rules", "exclude-block",
        "secret-group-name",
    ]
    static let allowRuleKeys = ["id", "description", "regex", "path"]

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }

    /// Typed access to the YAML tree, with errors naming the file and line.
    struct Reader {
        let path: String

        func fail(_ node: Node?, _ reason: String) -> SecretConfigError {
            SecretConfigError(code: .invalidValue, reason: reason, file: path, line: node?.mark?.line)
        }

        func mapping(_ node: Node, what: String) throws(SecretConfigError) -> [(Node, Node)] {
            guard let mapping = node.mapping else { throw fail(node, "\(what) must be a mapping of keys to values") }
            return mapping.map { ($0.key, $0.value) }
        }

        func sequence(_ node: Node, what: String) throws(SecretConfigError) -> [Node] {
            if let scalar = node.scalar, ["", "~", "null"].contains(scalar.string) { return [] }
            guard let sequence = node.sequence else { throw fail(node, "\(what) must be a list") }
            return Array(sequence)
        }

        func string(_ node: Node, what: String) throws(SecretConfigError) -> String {
            guard let scalar = node.scalar else { throw fail(node, "\(what) must be a string") }
            return scalar.string
        }

        func strings(_ node: Node, what: String) throws(SecretConfigError) -> [String] {
            var values: [String] = []
            for item in try sequence(node, what: what) { values.append(try string(item, what: "an item of \(what)")) }
            return values
        }

        func key(_ node: Node, allowed: [String]) throws(SecretConfigError) -> String {
            let name = try string(node, what: "a key")
            guard allowed.contains(name) else {
                throw fail(node, "unknown key '\(name)' (expected one of: \(allowed.joined(separator: ", ")))")
            }
            return name
        }

        func rule(_ node: Node) throws(SecretConfigError) -> SecretRule {
            var fields: [String: Node] = [:]
            for (key, value) in try mapping(node, what: "a rule") {
                fields[try self.key(key, allowed: SecretConfigParser.ruleKeys)] = value
            }
            let id = try fields["id"].map { node throws(SecretConfigError) in try string(node, what: "id") } ?? ""
            guard !id.isEmpty else { throw fail(node, "a rule needs an 'id'") }
            guard let regexNode = fields["regex"] else { throw fail(node, "rule \(id) needs a 'regex'") }
            var severity = Severity.unknown
            if let severityNode = fields["severity"] {
                let name = try string(severityNode, what: "severity")
                guard
                    let parsed = ["UNKNOWN", "LOW", "MEDIUM", "HIGH", "CRITICAL"].first(where: {
                        $0 == name.uppercased()
                    }).flatMap(Severity.init(rawValue:))
                else {
                    throw fail(
                        severityNode,
                        "rule \(id): severity '\(name)' is not one of UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL")
                }
                severity = parsed
            }
            var allowRules: [SecretAllowRule] = []
            if let allowNode = fields["allow-rules"] {
                for item in try sequence(allowNode, what: "allow-rules") { allowRules.append(try allowRule(item)) }
            }
            return SecretRule(
                id: id,
                category: try fields["category"].map { node throws(SecretConfigError) in
                    try string(node, what: "category")
                } ?? "",
                title: try fields["title"].map { node throws(SecretConfigError) in try string(node, what: "title") }
                    ?? "",
                severity: severity, pattern: try string(regexNode, what: "regex"),
                secretGroup: try fields["secret-group-name"].map { node throws(SecretConfigError) in
                    try string(node, what: "secret-group-name")
                }.flatMap { $0.isEmpty ? nil : $0 },
                keywords: try fields["keywords"].map { node throws(SecretConfigError) in
                    try strings(node, what: "keywords")
                } ?? [],
                path: try fields["path"].map { node throws(SecretConfigError) in try string(node, what: "path") },
                allowRules: allowRules,
                excludeBlocks: try fields["exclude-block"].map { node throws(SecretConfigError) in
                    try excludeBlock(node)
                } ?? [],
                reach: .wholeFile, origin: .custom)
        }

        func allowRule(_ node: Node) throws(SecretConfigError) -> SecretAllowRule {
            var fields: [String: String] = [:]
            for (key, value) in try mapping(node, what: "an allow rule") {
                let name = try self.key(key, allowed: SecretConfigParser.allowRuleKeys)
                fields[name] = try string(value, what: name)
            }
            guard fields["regex"] != nil || fields["path"] != nil else {
                throw fail(node, "an allow rule needs a 'regex' or a 'path'")
            }
            return SecretAllowRule(
                id: fields["id"] ?? "", description: fields["description"] ?? "", regex: fields["regex"],
                path: fields["path"], origin: .custom)
        }

        func excludeBlock(_ node: Node) throws(SecretConfigError) -> [String] {
            var regexes: [String] = []
            for (key, value) in try mapping(node, what: "exclude-block") {
                if try self.key(key, allowed: ["description", "regexes"]) == "regexes" {
                    regexes = try strings(value, what: "exclude-block regexes")
                }
            }
            return regexes
        }
    }
}
