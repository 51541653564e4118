/// Turns a resource's block body into the tree checks read: attributes evaluated (their values re-lined to
/// the attribute when computed elsewhere), nested blocks as a list of mappings per block type, `dynamic`
/// blocks expanded, meta-arguments left out.
enum TerraformBody {
    static let metaArguments: Set<String> = ["count", "for_each", "depends_on", "provider", "lifecycle"]
    static let metaBlocks: Set<String> = ["lifecycle", "provisioner", "connection"]

    static func evaluate(_ body: HCLBody, _ evaluator: HCLEvaluator) -> ConfigNode {
        var entries: [ConfigEntry] = []
        var range: LineRange?
        for attribute in body.attributes where !metaArguments.contains(attribute.name) {
            var evaluated = evaluator.evaluate(attribute.expression)
            if evaluated.exceeds(nodes: TerraformModuleInstance.maximumNodes) {
                evaluated = ConfigNode(
                    .unknown("\(attribute.name) (more than \(TerraformModuleInstance.maximumNodes) values)"),
                    range: attribute.range)
            }
            let value = relined(evaluated, to: attribute.range)
            entries.append(ConfigEntry(key: attribute.name, keyLine: attribute.range.start, value: value))
            range = range.map { $0.union(attribute.range) } ?? attribute.range
        }
        for block in body.blocks where !metaBlocks.contains(block.type) {
            let produced: [(type: String, node: ConfigNode)]
            if block.type == "dynamic", let name = block.labels.first {
                produced = dynamic(block, name: name, evaluator).map { (name, $0) }
            } else {
                produced = [(block.type, withRange(evaluate(block.body, evaluator), block.range))]
            }
            for (type, node) in produced {
                if let position = entries.firstIndex(where: {
                    $0.key == type && ($0.value.isSequence || $0.value.isMapping)
                }) {
                    // A `.tf.json` attribute written as one object or a list of objects, then more of its blocks.
                    let existing = entries[position].value
                    entries[position].value.value = .sequence(
                        (existing.isSequence ? existing.items : [existing]) + [node])
                    entries[position].value.range = entries[position].value.range.union(node.range)
                } else {
                    entries.append(
                        ConfigEntry(
                            key: type, keyLine: block.range.start,
                            value: ConfigNode(.sequence([node]), range: node.range)))
                }
            }
            range = range.map { $0.union(block.range) } ?? block.range
        }
        return ConfigNode(.mapping(entries), range: range ?? LineRange(line: 1))
    }

    private static func withRange(_ node: ConfigNode, _ range: LineRange) -> ConfigNode {
        var copy = node
        copy.range = range
        return copy
    }

    /// `dynamic "name" { for_each = …; iterator = it; content { … } }`: one block per item; an unknown
    /// collection gives one block whose iterator is unknown.
    static func dynamic(_ block: HCLBlock, name: String, _ evaluator: HCLEvaluator) -> [ConfigNode] {
        guard let forEach = block.body[attribute: "for_each"], let content = block.body.blocks("content").first else {
            return []
        }
        var iterator = name
        if case .variable(let named, _)? = block.body[attribute: "iterator"]?.expression { iterator = named }
        let collection = evaluator.evaluate(forEach.expression)
        let pairs: [(ConfigNode, ConfigNode)]
        if let origin = collection.unknownOrigin {
            pairs = [(ConfigNode(.unknown(origin), line: 0), ConfigNode(.unknown(origin), line: 0))]
        } else {
            pairs = HCLEvaluator.pairs(collection)
        }
        return pairs.map { key, value in
            let bound = ConfigNode(
                .mapping([
                    ConfigEntry(key: "key", keyLine: 0, value: key),
                    ConfigEntry(key: "value", keyLine: 0, value: value),
                ]), line: 0)
            return withRange(evaluate(content.body, evaluator.binding(iterator, bound)), block.range)
        }
    }

    /// `node` with every line range outside `range` (values computed in a variable, a local, another file)
    /// replaced by `range`, so causes point at the attribute that used them.
    static func relined(_ node: ConfigNode, to range: LineRange) -> ConfigNode {
        var copy = node
        if !(range.contains(node.range.start) && range.contains(node.range.end)) { copy.range = range }
        switch node.value {
        case .sequence(let items): copy.value = .sequence(items.map { relined($0, to: range) })
        case .mapping(let entries):
            copy.value = .mapping(
                entries.map {
                    ConfigEntry(
                        key: $0.key, keyLine: range.contains($0.keyLine) ? $0.keyLine : range.start,
                        value: relined($0.value, to: range))
                })
        default: break
        }
        return copy
    }
}
