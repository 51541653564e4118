/// One instance of a Terraform module (the root module, or a module call's instance) being evaluated:
/// the scope its expressions see. Values are computed lazily and once; a reference cycle gives an unknown.
final class TerraformModuleInstance: HCLScope {
    let project: TerraformProject
    let directory: String
    let files: [(path: String, body: HCLBody)]
    let inputs: [String: ConfigNode]
    let modulePath: String
    /// The `modules.json` key of this module (`vpc`, `vpc.subnets`); empty for the root.
    let moduleKey: [String]
    let calls: [TerraformModuleCall]
    let depth: Int

    private var variables: [String: HCLBlock] = [:]
    private var locals: [String: HCLAttribute] = [:]
    private var outputs: [String: HCLAttribute] = [:]
    private(set) var resourceBlocks: [(address: String, mode: String, block: HCLBlock, file: String)] = []
    private(set) var moduleBlocks: [(name: String, block: HCLBlock, file: String)] = []
    private var localCache: [String: ConfigNode] = [:]
    private var instanceCache: [String: [(key: ConfigNode?, address: String, value: ConfigNode)]] = [:]
    private var childCache: [String: [(key: ConfigNode?, instance: TerraformModuleInstance)]] = [:]
    private var evaluating: Set<String> = []

    init(
        project: TerraformProject, directory: String, inputs: [String: ConfigNode], modulePath: String,
        moduleKey: [String], calls: [TerraformModuleCall], depth: Int
    ) {
        self.project = project
        self.directory = directory
        self.files = project.files(in: directory)
        self.inputs = inputs
        self.modulePath = modulePath
        self.moduleKey = moduleKey
        self.calls = calls
        self.depth = depth
        for (path, body) in files {
            for block in body.blocks {
                switch (block.type, block.labels.count) {
                case ("variable", 1): variables[block.labels[0]] = block
                case ("locals", _): for attribute in block.body.attributes { locals[attribute.name] = attribute }
                case ("output", 1): outputs[block.labels[0]] = block.body[attribute: "value"]
                case ("resource", 2):
                    resourceBlocks.append(("\(block.labels[0]).\(block.labels[1])", "resource", block, path))
                case ("data", 2):
                    resourceBlocks.append(("data.\(block.labels[0]).\(block.labels[1])", "data", block, path))
                case ("module", 1): moduleBlocks.append((block.labels[0], block, path))
                default: break
                }
            }
        }
    }

    var evaluator: HCLEvaluator { HCLEvaluator(scope: self) }

    /// The most values one local or resource attribute may expand to.
    static let maximumNodes = 100_000

    // MARK: Scope

    func resolve(_ root: String, _ attribute: String?) -> ConfigNode? {
        switch root {
        case "var":
            return attribute.map(variable)
        case "local":
            return attribute.map(local)
        case "path":
            let value = attribute == "root" ? project.rootDirectory : directory
            return ConfigNode(
                .mapping([
                    ConfigEntry(key: "module", keyLine: 0, value: ConfigNode(.string(directory), line: 0)),
                    ConfigEntry(key: "root", keyLine: 0, value: ConfigNode(.string(project.rootDirectory), line: 0)),
                    ConfigEntry(key: "cwd", keyLine: 0, value: ConfigNode(.string(project.rootDirectory), line: 0)),
                ]), line: 0)[attribute ?? ""] ?? ConfigNode(.string(value), line: 0)
        case "terraform":
            return attribute == "workspace" ? ConfigNode(.string("default"), line: 0) : nil
        case "module":
            return attribute.map(moduleValue)
        case "data":
            guard let type = attribute else { return nil }
            let names = resourceBlocks.filter { $0.mode == "data" && $0.block.labels[0] == type }
            return ConfigNode(
                .mapping(
                    names.map {
                        ConfigEntry(
                            key: $0.block.labels[1], keyLine: $0.block.range.start, value: resourceValue($0.address))
                    }), line: 0)
        case "count", "each", "self":
            return nil
        default:
            guard let name = attribute, resourceBlocks.contains(where: { $0.address == "\(root).\(name)" }) else {
                return nil
            }
            return resourceValue("\(root).\(name)")
        }
    }

    private func guarded(_ key: String, _ body: () -> ConfigNode) -> ConfigNode {
        guard evaluating.insert(key).inserted else {
            return ConfigNode(.unknown("\(key) (a reference cycle)"), line: 0)
        }
        defer { evaluating.remove(key) }
        return body()
    }

    func variable(_ name: String) -> ConfigNode {
        if let input = inputs[name] { return input }
        guard let block = variables[name] else { return ConfigNode(.unknown("var.\(name)"), line: 0) }
        guard let defaultValue = block.body[attribute: "default"] else {
            return ConfigNode(.unknown("var.\(name)"), range: block.range)
        }
        return guarded("var.\(name)") { HCLEvaluator(scope: self).evaluate(defaultValue.expression) }
    }

    func local(_ name: String) -> ConfigNode {
        if let cached = localCache[name] { return cached }
        guard let attribute = locals[name] else { return ConfigNode(.unknown("local.\(name)"), line: 0) }
        var value = guarded("local.\(name)") { evaluator.evaluate(attribute.expression) }
        // A chain of locals that each double a list grows exponentially: past the bound the value is unknown.
        if value.exceeds(nodes: Self.maximumNodes) {
            value = ConfigNode(
                .unknown("local.\(name) (more than \(Self.maximumNodes) values)"), range: attribute.range)
        }
        localCache[name] = value
        return value
    }

    // MARK: Resources

    /// The instances of a resource block: `count` and `for_each` expanded (an unknown count or collection
    /// gives one instance whose `count.index` / `each` are unknown).
    func instances(_ address: String) -> [(key: ConfigNode?, address: String, value: ConfigNode)] {
        if let cached = instanceCache[address] { return cached }
        guard let entry = resourceBlocks.first(where: { $0.address == address }),
            evaluating.insert(address).inserted
        else { return [] }
        defer { evaluating.remove(address) }
        let values = expand(entry.block.body, evaluator: evaluator).map { instance in
            (instance.key, address + instance.suffix, TerraformBody.evaluate(entry.block.body, instance.evaluator))
        }
        instanceCache[address] = values
        return values
    }

    /// The value a reference to `address` sees: the instance, a list (count) or a map (for_each).
    func resourceValue(_ address: String) -> ConfigNode {
        guard let entry = resourceBlocks.first(where: { $0.address == address }) else {
            return ConfigNode(.unknown(address), line: 0)
        }
        if evaluating.contains(address) { return ConfigNode(.unknown(address), line: 0) }
        let values = instances(address)
        let body = entry.block.body
        if body[attribute: "count"] != nil {
            return ConfigNode(.sequence(values.map(\.value)), range: entry.block.range)
        }
        if body[attribute: "for_each"] != nil {
            return ConfigNode(
                .mapping(
                    values.map { ConfigEntry(key: $0.key?.text ?? "", keyLine: $0.value.range.start, value: $0.value) }),
                range: entry.block.range)
        }
        return values.first?.value ?? ConfigNode(.unknown(address), line: 0)
    }

    /// `count` / `for_each` instances of a block body, each with its evaluator (`count.index`, `each.key`,
    /// `each.value` bound) and address suffix.
    func expand(_ body: HCLBody, evaluator: HCLEvaluator) -> [(
        key: ConfigNode?, suffix: String, evaluator: HCLEvaluator
    )] {
        if let count = body[attribute: "count"] {
            let value = evaluator.evaluate(count.expression)
            guard let number = value.int else {
                let unknown = ConfigNode(
                    .mapping([
                        ConfigEntry(key: "index", keyLine: 0, value: ConfigNode(.unknown("count.index"), line: 0))
                    ]), line: 0)
                return [(nil, "", evaluator.binding("count", unknown))]
            }
            return (0..<max(0, min(number, 1000))).map { index in
                let bound = ConfigNode(
                    .mapping([ConfigEntry(key: "index", keyLine: 0, value: ConfigNode(.int(index), line: 0))]), line: 0)
                return (ConfigNode(.int(index), line: 0), "[\(index)]", evaluator.binding("count", bound))
            }
        }
        if let forEach = body[attribute: "for_each"] {
            let value = evaluator.evaluate(forEach.expression)
            if value.unknownOrigin != nil {
                let unknown = ConfigNode(
                    .mapping([
                        ConfigEntry(key: "key", keyLine: 0, value: ConfigNode(.unknown("each.key"), line: 0)),
                        ConfigEntry(key: "value", keyLine: 0, value: ConfigNode(.unknown("each.value"), line: 0)),
                    ]), line: 0)
                return [(nil, "", evaluator.binding("each", unknown))]
            }
            let pairs: [(ConfigNode, ConfigNode)] =
                value.isSequence ? value.items.map { ($0, $0) } : HCLEvaluator.pairs(value)
            return pairs.map { key, item in
                let bound = ConfigNode(
                    .mapping([
                        ConfigEntry(key: "key", keyLine: 0, value: key),
                        ConfigEntry(key: "value", keyLine: 0, value: item),
                    ]), line: 0)
                return (key, "[\(HCLJSON.quote(key.text ?? ""))]", evaluator.binding("each", bound))
            }
        }
        return [(nil, "", evaluator)]
    }

    // MARK: Modules

    func childInstances(_ name: String) -> [(key: ConfigNode?, instance: TerraformModuleInstance)] {
        if let cached = childCache[name] { return cached }
        guard depth < 16, let entry = moduleBlocks.first(where: { $0.name == name }),
            let source = entry.block.body[attribute: "source"].flatMap({ evaluator.evaluate($0.expression).string }),
            let childDirectory = project.moduleDirectory(source: source, from: directory, key: moduleKey + [name])
        else {
            childCache[name] = []
            return []
        }
        var result: [(ConfigNode?, TerraformModuleInstance)] = []
        childCache[name] = []
        let meta: Set<String> = ["source", "version", "count", "for_each", "providers", "depends_on"]
        for instance in expand(entry.block.body, evaluator: evaluator) {
            var inputs: [String: ConfigNode] = [:]
            for attribute in entry.block.body.attributes where !meta.contains(attribute.name) {
                inputs[attribute.name] = instance.evaluator.evaluate(attribute.expression)
            }
            let address = (modulePath.isEmpty ? "" : modulePath + ".") + "module.\(name)" + instance.suffix
            let arguments = inputs.sorted { $0.key < $1.key }.map {
                ConfigEntry(key: $0.key, keyLine: $0.value.range.start, value: $0.value)
            }
            let call = TerraformModuleCall(
                file: entry.file, range: entry.block.range, address: address,
                inputs: ConfigNode(.mapping(arguments), range: entry.block.range))
            result.append(
                (
                    instance.key,
                    TerraformModuleInstance(
                        project: project, directory: childDirectory, inputs: inputs, modulePath: address,
                        moduleKey: moduleKey + [name], calls: calls + [call], depth: depth + 1)
                ))
        }
        childCache[name] = result
        return result
    }

    /// `module.name`: the outputs of the call (a list or map of them with count / for_each).
    func moduleValue(_ name: String) -> ConfigNode {
        guard let entry = moduleBlocks.first(where: { $0.name == name }) else {
            return ConfigNode(.unknown("module.\(name)"), line: 0)
        }
        let children = childInstances(name)
        if children.isEmpty, entry.block.body[attribute: "count"] == nil, entry.block.body[attribute: "for_each"] == nil
        {
            return ConfigNode(.unknown("module.\(name)"), range: entry.block.range)
        }
        let values = children.map { $0.instance.outputValues(origin: "module.\(name)") }
        if entry.block.body[attribute: "count"] != nil {
            return ConfigNode(.sequence(values), range: entry.block.range)
        }
        if entry.block.body[attribute: "for_each"] != nil {
            return ConfigNode(
                .mapping(
                    zip(children, values).map {
                        ConfigEntry(key: $0.0.key?.text ?? "", keyLine: entry.block.range.start, value: $0.1)
                    }), range: entry.block.range)
        }
        return values.first ?? ConfigNode(.unknown("module.\(name)"), range: entry.block.range)
    }

    func outputValues(origin: String) -> ConfigNode {
        ConfigNode(
            .mapping(
                outputs.sorted { $0.key < $1.key }.map { name, attribute in
                    ConfigEntry(
                        key: name, keyLine: attribute.range.start,
                        value: guarded("output.\(name)") { evaluator.evaluate(attribute.expression) })
                }), line: 0)
    }

    /// Every resource and data source instance of this module and the modules it calls.
    func allResources() -> [TerraformResource] {
        var result: [TerraformResource] = []
        for entry in resourceBlocks {
            for instance in instances(entry.address) {
                let labels = entry.block.labels
                result.append(
                    TerraformResource(
                        mode: entry.mode, type: labels[0], name: labels[1], localAddress: instance.address,
                        modulePath: modulePath, file: entry.file, range: entry.block.range, attributes: instance.value,
                        calls: calls))
            }
        }
        for entry in moduleBlocks {
            for child in childInstances(entry.name) { result += child.instance.allResources() }
        }
        return result
    }
}
