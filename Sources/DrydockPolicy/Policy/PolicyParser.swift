import DrydockModel
import Yams

/// Reads a policy file (`docs/policy.md`): bytes in, ``PolicyDocument`` out, every rule, exception and condition
/// with its line.
///
/// Values that cannot be used (a wrong type, an unknown action or severity, an exception without owner, reason
/// or expiry, an invalid pattern or purl) are errors. Unknown keys are diagnostics: the document stays usable,
/// scans warn and `policy lint` fails; a rule with an unknown condition never matches, because it cannot be
/// evaluated as written.
public enum PolicyParser {
    static let topKeys = ["apiVersion", "mode", "defaultAction", "rules", "exceptions", "supplyChain"]
    static let ruleKeys = ["name", "description", "action", "noExceptions", "when"]
    static let exceptionKeys = [
        "id", "owner", "reason", "expires", "action", "purl", "purls", "path", "paths", "image", "images",
    ]

    /// Parses the policy in `bytes`, read from `path`.
    public static func parse(_ bytes: some Collection<UInt8>, path: String) throws(PolicyError) -> PolicyDocument {
        guard let text = String(validating: Array(bytes), as: UTF8.self) else {
            throw PolicyError(.unreadable, "not UTF-8 text", at: SourceLocation(file: path))
        }
        let reader = YAMLReader(file: path)
        guard let root = try reader.root(of: text) else {
            throw PolicyError(
                .schema, "the policy is empty (it needs at least 'apiVersion: \(PolicyDocument.apiVersion)')",
                at: SourceLocation(file: path, line: 1))
        }
        var document = PolicyDocument(path: path, digest: PolicyDigest.sha256(bytes))
        var version: String?
        for (key, keyNode, value) in try reader.mapping(root, "a policy") {
            switch key {
            case "apiVersion": version = try reader.nonEmptyString(value, "apiVersion")
            case "mode":
                let text = try reader.nonEmptyString(value, "mode")
                guard let mode = PolicyMode(rawValue: text) else {
                    throw PolicyError(.schema, "mode '\(text)': expected enforce or audit", at: reader.location(value))
                }
                document.mode = mode
            case "defaultAction": document.defaultAction = try action(value, reader: reader, "defaultAction")
            case "rules":
                for (index, node) in try reader.sequence(value, "rules").enumerated() {
                    document.rules.append(try rule(node, index: index, reader: reader, into: &document.diagnostics))
                }
            case "exceptions":
                for node in try reader.sequence(value, "exceptions") {
                    document.exceptions.append(try exception(node, reader: reader, into: &document.diagnostics))
                }
            case "supplyChain":
                document.supplyChain = try SupplyChainPolicyParser.parse(
                    value, reader: reader, into: &document.diagnostics)
            default:
                document.diagnostics.append(
                    unknown(key, in: "the policy", known: topKeys, at: reader.location(keyNode)))
            }
        }
        guard let version else {
            throw PolicyError(
                .version, "no apiVersion: write 'apiVersion: \(PolicyDocument.apiVersion)' at the top",
                at: reader.location(root))
        }
        guard version == PolicyDocument.apiVersion else {
            throw PolicyError(
                .version,
                "apiVersion '\(version)' is not supported (this Drydock reads \(PolicyDocument.apiVersion))",
                at: reader.location(root))
        }
        return document
    }

    private static func rule(_ node: Node, index: Int, reader: YAMLReader, into diagnostics: inout [PolicyDiagnostic])
        throws(PolicyError) -> PolicyRule
    {
        var rule = PolicyRule(name: "rules[\(index)]", action: .warn, location: reader.location(node))
        var hasAction = false
        for (key, keyNode, value) in try reader.mapping(node, "a rule") {
            switch key {
            case "name": rule.name = try reader.nonEmptyString(value, "name")
            case "description": rule.description = try reader.nonEmptyString(value, "description")
            case "action":
                rule.action = try action(value, reader: reader, "action")
                hasAction = true
            case "noExceptions": rule.noExceptions = try reader.bool(value, "noExceptions")
            case "when":
                if value.null != nil { continue }
                for (conditionKey, conditionKeyNode, conditionValue) in try reader.mapping(value, "when") {
                    let location = reader.location(conditionKeyNode)
                    guard let parsed = try PolicyConditionParser.parse(conditionKey, conditionValue, reader: reader)
                    else {
                        rule.unknownConditions.append(conditionKey)
                        diagnostics.append(
                            PolicyDiagnostic(
                                .unknownField,
                                "unknown condition '\(conditionKey)' in rule '\(rule.name)': the rule cannot be "
                                    + "evaluated and never matches (known: "
                                    + PolicyConditionParser.keys.joined(separator: ", ") + ")", at: location))
                        continue
                    }
                    rule.conditions.append(LocatedCondition(parsed, at: location))
                }
            default:
                diagnostics.append(
                    unknown(key, in: "rule '\(rule.name)'", known: ruleKeys, at: reader.location(keyNode)))
            }
        }
        guard hasAction else {
            throw PolicyError(.schema, "rule '\(rule.name)' has no action (fail, warn or ignore)", at: rule.location)
        }
        return rule
    }

    static func exception(_ node: Node, reader: YAMLReader, into diagnostics: inout [PolicyDiagnostic])
        throws(PolicyError) -> PolicyException
    {
        var exception = PolicyException(ids: [], location: reader.location(node))
        for (key, keyNode, value) in try reader.mapping(node, "an exception") {
            switch key {
            case "id": exception.ids = try reader.strings(value, "id")
            case "owner": exception.owner = try reader.nonEmptyString(value, "owner")
            case "reason": exception.reason = try reader.nonEmptyString(value, "reason")
            case "expires": exception.expires = try reader.date(value, "expires")
            case "action":
                exception.action = try action(value, reader: reader, "action")
                guard exception.action != Decision.Action.fail else {
                    throw PolicyError(
                        .schema, "an exception's action is ignore or warn, not fail", at: reader.location(value))
                }
            case "purl", "purls": exception.purls += try reader.purls(try reader.strings(value, key), at: value, key)
            case "path", "paths": exception.paths += try PolicyConditionParser.patterns(value, key, reader: reader)
            case "image", "images": exception.images += try PolicyConditionParser.patterns(value, key, reader: reader)
            default:
                diagnostics.append(
                    unknown(key, in: "an exception", known: exceptionKeys, at: reader.location(keyNode)))
            }
        }
        let missing = [
            exception.ids.isEmpty ? "id" : nil, exception.owner == nil ? "owner" : nil,
            exception.reason == nil ? "reason" : nil, exception.expires == nil ? "expires" : nil,
        ].compactMap { $0 }
        guard missing.isEmpty else {
            throw PolicyError(
                .schema,
                "an exception needs id, owner, reason and expires; missing: \(missing.joined(separator: ", "))",
                at: exception.location)
        }
        return exception
    }

    static func action(_ node: Node, reader: YAMLReader, _ what: String) throws(PolicyError) -> Decision.Action {
        let text = try reader.nonEmptyString(node, what)
        guard let action = Decision.Action(rawValue: text) else {
            throw PolicyError(.schema, "\(what) '\(text)': expected fail, warn or ignore", at: reader.location(node))
        }
        return action
    }

    private static func unknown(_ key: String, in place: String, known: [String], at location: SourceLocation)
        -> PolicyDiagnostic
    {
        PolicyDiagnostic(
            .unknownField, "unknown field '\(key)' in \(place), ignored (known: \(known.joined(separator: ", ")))",
            at: location)
    }
}
