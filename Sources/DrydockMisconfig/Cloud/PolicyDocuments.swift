/// IAM policy documents in the common shape checks read: a mapping with `Statement`, a list of mappings
/// with `Effect`, `Action`, `NotAction`, `Resource`, `Principal`, as in AWS's JSON.
enum PolicyDocuments {
    /// A JSON policy; its values take `range` (the attribute that holds the text).
    static func parse(_ text: String, range: LineRange) -> ConfigNode? {
        guard let root = try? YAMLTree.parse(text).first?.root, root.isMapping else { return nil }
        return TerraformBody.relined(root, to: range)
    }

    /// A document written as an object, or as JSON text (CloudFormation accepts both); anything else as it is.
    static func document(_ node: ConfigNode) -> ConfigNode {
        if node.isMapping || node.unknownOrigin != nil { return node }
        return node.string.flatMap { parse($0, range: node.range) } ?? node
    }

    /// An `aws_iam_policy_document` data source's statements as a policy document.
    static func fromDataSource(_ attributes: ConfigNode, range: LineRange) -> ConfigNode {
        let statements = attributes.blocks("statement").map { statement -> ConfigNode in
            var fields = CloudFields(range: statement.range)
            fields.set("Effect", statement["effect"] ?? ConfigNode(.string("Allow"), range: statement.range))
            fields.set("Action", statement["actions"])
            fields.set("NotAction", statement["not_actions"])
            fields.set("Resource", statement["resources"])
            if let principals = statement.block("principals") {
                fields.set(
                    "Principal",
                    ConfigNode(
                        .mapping([
                            ConfigEntry(
                                key: principals["type"]?.text ?? "AWS", keyLine: principals.range.start,
                                value: principals["identifiers"] ?? ConfigNode(.sequence([]), range: principals.range))
                        ]), range: principals.range))
            }
            return fields.node
        }
        return ConfigNode(
            .mapping([
                ConfigEntry(
                    key: "Statement", keyLine: range.start, value: ConfigNode(.sequence(statements), range: range))
            ]),
            range: range)
    }

    /// The statements of a document (a single statement mapping counts as one).
    static func statements(_ document: ConfigNode) -> [ConfigNode] {
        guard let statement = document["Statement"] else { return [] }
        return statement.isSequence ? statement.items : [statement]
    }

    /// A statement's values under `key` (a string or a list).
    static func values(_ statement: ConfigNode, _ key: String) -> [ConfigNode] {
        statement[key]?.listItems ?? []
    }
}
