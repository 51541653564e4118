/// Terraform's JSON configuration syntax (`.tf.json`): the same blocks as HCL written as nested JSON objects,
/// read into the ``HCLBody`` the HCL parser produces so both evaluate alike. Pure: text in, body out.
///
/// Top-level keys are block types; `resource` and `data` take two levels of labels, `module`, `variable`,
/// `output` and `provider` one, `locals` and `terraform` none, and at every level an array of objects means
/// several blocks. Inside a block, every property is read as an attribute: nested blocks (`versioning`,
/// `ingress`) become objects or lists of objects, which the cloud adapters read like HCL blocks; the one
/// exception is `dynamic`, whose entries are `dynamic` blocks expanded as in HCL. Strings are
/// string templates (`"${var.name}"`). Properties named `//` are comments.
public enum TerraformJSONSyntax {
    /// Labels each top-level block type takes.
    static let labelCounts = [
        "resource": 2, "data": 2, "module": 1, "variable": 1, "output": 1, "provider": 1, "locals": 0,
        "terraform": 0, "moved": 0, "import": 0, "check": 1, "removed": 0,
    ]

    /// The body of a `.tf.json` file.
    public static func parse(_ text: String) throws(ConfigParseError) -> HCLBody {
        guard let root = try YAMLTree.parse(text).first?.root else { return HCLBody() }
        guard root.isMapping else {
            throw ConfigParseError("a Terraform JSON file must hold an object", line: root.range.start)
        }
        var body = HCLBody()
        for entry in root.entries where entry.key != "//" {
            guard let labels = labelCounts[entry.key] else {
                throw ConfigParseError("unknown block type '\(entry.key)'", line: entry.keyLine)
            }
            body.blocks += try blocks(entry.key, labels: [], remaining: labels, entry.value, keyLine: entry.keyLine)
        }
        return body
    }

    /// The blocks under a block type (or a label), descending `remaining` label levels.
    static func blocks(_ type: String, labels: [String], remaining: Int, _ node: ConfigNode, keyLine: Int)
        throws(ConfigParseError) -> [HCLBlock]
    {
        if node.isSequence {
            var found: [HCLBlock] = []
            for item in node.items {
                found += try blocks(type, labels: labels, remaining: remaining, item, keyLine: item.range.start)
            }
            return found
        }
        guard node.isMapping else {
            throw ConfigParseError("the '\(type)' block must be an object", line: node.range.start)
        }
        if remaining == 0 {
            return [
                HCLBlock(
                    type: type, labels: labels, body: try body(node), range: LineRange(keyLine, node.range.end))
            ]
        }
        var found: [HCLBlock] = []
        for entry in node.entries where entry.key != "//" {
            found += try blocks(
                type, labels: labels + [entry.key], remaining: remaining - 1, entry.value, keyLine: entry.keyLine)
        }
        return found
    }

    /// A block's properties as attributes; a `dynamic` property holds `dynamic` blocks.
    static func body(_ node: ConfigNode) throws(ConfigParseError) -> HCLBody {
        var body = HCLBody()
        for entry in node.entries where entry.key != "//" {
            if entry.key == "dynamic" {
                body.blocks += try dynamicBlocks(entry.value, keyLine: entry.keyLine)
                continue
            }
            body.attributes.append(
                HCLAttribute(
                    name: entry.key, expression: try expression(entry.value),
                    range: LineRange(entry.keyLine, entry.value.range.end)))
        }
        return body
    }

    /// `"dynamic": { "ingress": { "for_each": …, "iterator": "rule", "content": { … } } }` (or an array of such
    /// objects): a `dynamic` block per name, as HCL writes it. `iterator` names a variable, so it is read as
    /// one rather than as a string; `content` is a block body (which may hold further `dynamic` blocks).
    static func dynamicBlocks(_ node: ConfigNode, keyLine: Int) throws(ConfigParseError) -> [HCLBlock] {
        if node.isSequence {
            var found: [HCLBlock] = []
            for item in node.items { found += try dynamicBlocks(item, keyLine: item.range.start) }
            return found
        }
        guard node.isMapping else {
            throw ConfigParseError("the 'dynamic' property must be an object of blocks", line: node.range.start)
        }
        var found: [HCLBlock] = []
        for entry in node.entries where entry.key != "//" {
            let specs = entry.value.isSequence ? entry.value.items : [entry.value]
            for spec in specs {
                guard spec.isMapping else {
                    throw ConfigParseError("the dynamic block '\(entry.key)' must be an object", line: spec.range.start)
                }
                var body = HCLBody()
                for property in spec.entries where property.key != "//" {
                    let range = LineRange(property.keyLine, property.value.range.end)
                    switch property.key {
                    case "content":
                        guard property.value.isMapping else {
                            throw ConfigParseError(
                                "the content of the dynamic block '\(entry.key)' must be an object",
                                line: property.value.range.start)
                        }
                        body.blocks.append(
                            HCLBlock(type: "content", labels: [], body: try self.body(property.value), range: range))
                    case "iterator":
                        guard let name = property.value.string else {
                            throw ConfigParseError(
                                "the iterator of the dynamic block '\(entry.key)' must be a name",
                                line: property.value.range.start)
                        }
                        body.attributes.append(
                            HCLAttribute(name: "iterator", expression: .variable(name, range), range: range))
                    default:
                        body.attributes.append(
                            HCLAttribute(name: property.key, expression: try expression(property.value), range: range))
                    }
                }
                found.append(
                    HCLBlock(
                        type: "dynamic", labels: [entry.key], body: body,
                        range: LineRange(entry.keyLine, spec.range.end)))
            }
        }
        return found
    }

    /// A JSON value as an HCL expression: strings are templates.
    static func expression(_ node: ConfigNode) throws(ConfigParseError) -> HCLExpression {
        switch node.value {
        case .string(let text):
            return .template(try HCLTemplateParser.parse(text, line: node.range.start), node.range)
        case .sequence(let items):
            var expressions: [HCLExpression] = []
            for item in items { expressions.append(try expression(item)) }
            return .tuple(expressions, node.range)
        case .mapping(let entries):
            var pairs: [(key: HCLExpression, value: HCLExpression)] = []
            for entry in entries where entry.key != "//" {
                pairs.append(
                    (.template([.literal(entry.key)], LineRange(line: entry.keyLine)), try expression(entry.value)))
            }
            return .object(pairs, node.range)
        case .unknown:
            return .literal(.null, node.range)
        default:
            return .literal(node.value, node.range)
        }
    }
}
