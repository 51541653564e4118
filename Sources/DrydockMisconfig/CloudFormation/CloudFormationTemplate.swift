import Foundation

/// A CloudFormation template (YAML or JSON) with its intrinsic functions resolved: parameters take their
/// defaults (or the values given), conditions are evaluated, resources whose condition is false are left
/// out. What the template does not determine (`Fn::GetAtt`, `Fn::ImportValue`, `Fn::GetAZs`, pseudo
/// parameters such as `AWS::AccountId`, parameters without a default) stays unknown.
public struct CloudFormationTemplate: Sendable {
    /// One resource.
    public struct Resource: Sendable, Hashable {
        /// The logical ID (`LogsBucket`).
        public var logicalID: String
        /// `AWS::S3::Bucket`.
        public var type: String
        /// `Properties`, resolved.
        public var properties: ConfigNode
        /// From the logical ID's line to the end of the resource.
        public var range: LineRange
    }

    public var resources: [Resource]

    /// Whether `content` looks like a template: `AWSTemplateFormatVersion`, or `Resources` holding a
    /// `Type: AWS::…`.
    public static func looksLikeTemplate(_ content: some Collection<UInt8>) -> Bool {
        let text = String(decoding: content.prefix(64 << 10), as: UTF8.self)
        if text.contains("AWSTemplateFormatVersion") { return true }
        guard text.contains("Resources") else { return false }
        return text.range(of: #"["']?Type["']?\s*:\s*["']?AWS::"#, options: .regularExpression) != nil
    }

    /// Parameter values in the AWS CLI's file format (Trivy's `--cf-params`):
    /// `[{"ParameterKey": "Env", "ParameterValue": "prod"}]`.
    public static func parameters(_ text: String) throws(ConfigParseError) -> [String: ConfigNode] {
        guard let root = try YAMLTree.parse(text).first?.root, root.isSequence else {
            throw ConfigParseError("expected a list of {ParameterKey, ParameterValue} objects")
        }
        var values: [String: ConfigNode] = [:]
        for item in root.items {
            guard let key = item["ParameterKey"]?.text, let value = item["ParameterValue"] else {
                throw ConfigParseError("each parameter needs ParameterKey and ParameterValue", line: item.range.start)
            }
            values[key] = value
        }
        return values
    }

    /// Parses and resolves `text`; `parameters` override defaults (`--cf-params`).
    public static func parse(_ text: String, parameters: [String: ConfigNode] = [:]) throws(ConfigParseError)
        -> CloudFormationTemplate
    {
        var limits = YAMLTree.Limits()
        limits.cloudFormationTags = true
        guard let root = try YAMLTree.parse(text, limits: limits).first?.root, root.isMapping else {
            throw ConfigParseError("a CloudFormation template must be a mapping")
        }
        guard let resources = root["Resources"], resources.isMapping else {
            throw ConfigParseError("the template has no Resources mapping", line: root.range.start)
        }
        var resolver = CloudFormationResolver(root: root, overrides: parameters)
        var result: [Resource] = []
        for entry in resources.entries {
            let body = entry.value
            guard let type = body["Type"]?.string else {
                throw ConfigParseError("resource \(entry.key) has no Type", line: entry.keyLine)
            }
            if let condition = body["Condition"]?.string, resolver.condition(condition) == false { continue }
            let properties =
                body["Properties"].flatMap { resolver.resolve($0) } ?? ConfigNode(.mapping([]), range: body.range)
            result.append(
                Resource(
                    logicalID: entry.key, type: type, properties: properties,
                    range: LineRange(entry.keyLine, max(entry.keyLine, body.range.end))))
        }
        return CloudFormationTemplate(resources: result)
    }
}
