/// Reads Terraform plan JSON (`terraform show -json plan.out`): the planned values of every resource, in
/// the root module and its child modules. Attributes the plan lists in `after_unknown` (known only after
/// apply) are unknown.
public enum TerraformPlan {
    /// Whether `content` is plan JSON: an object with `format_version` and `terraform_version` (Trivy's
    /// rule), or `format_version` and `planned_values`.
    public static func looksLikePlan(_ content: some Collection<UInt8>) -> Bool {
        let head = String(decoding: content.prefix(4096), as: UTF8.self)
        guard head.drop(while: \.isWhitespace).hasPrefix("{"), head.contains("\"format_version\"") else { return false }
        return head.contains("\"terraform_version\"") || head.contains("\"planned_values\"")
    }

    /// The planned resources of `text`, read from `path`.
    public static func resources(_ text: String, path: String) throws(ConfigParseError) -> [TerraformResource] {
        guard let root = try YAMLTree.parse(text).first?.root, root.isMapping else {
            throw ConfigParseError("a Terraform plan must be a JSON object")
        }
        guard let module = root["planned_values", "root_module"] else {
            throw ConfigParseError("the plan has no planned_values.root_module", line: root.range.start)
        }
        var unknowns: [String: ConfigNode] = [:]
        for change in root["resource_changes"]?.items ?? [] {
            if let address = change["address"]?.string, let unknown = change["change", "after_unknown"] {
                unknowns[address] = unknown
            }
        }
        var result: [TerraformResource] = []
        collect(module, path: path, unknowns: unknowns, into: &result)
        return result
    }

    private static func collect(
        _ module: ConfigNode, path: String, unknowns: [String: ConfigNode], into result: inout [TerraformResource]
    ) {
        let modulePath = module["address"]?.string ?? ""
        for resource in module["resources"]?.items ?? [] {
            guard let address = resource["address"]?.string, let type = resource["type"]?.string,
                let name = resource["name"]?.string
            else { continue }
            var values = resource["values"] ?? ConfigNode(.mapping([]), range: resource.range)
            if let unknown = unknowns[address] { values = markUnknown(values, unknown, origin: address) }
            let local =
                modulePath.isEmpty || !address.hasPrefix(modulePath + ".")
                ? address : String(address.dropFirst(modulePath.count + 1))
            result.append(
                TerraformResource(
                    mode: resource["mode"]?.string == "data" ? "data" : "resource", type: type, name: name,
                    localAddress: local, modulePath: modulePath, file: path, range: resource.range, attributes: values,
                    calls: []))
        }
        for child in module["child_modules"]?.items ?? [] {
            collect(child, path: path, unknowns: unknowns, into: &result)
        }
    }

    /// `values` with the attributes `after_unknown` marks `true` replaced by unknowns.
    static func markUnknown(_ values: ConfigNode, _ unknown: ConfigNode, origin: String) -> ConfigNode {
        if unknown.bool == true { return ConfigNode(.unknown("\(origin) (known after apply)"), range: values.range) }
        switch (values.value, unknown.value) {
        case (.mapping(var entries), .mapping(let marks)):
            for mark in marks {
                if let position = entries.firstIndex(where: { $0.key == mark.key }) {
                    entries[position].value = markUnknown(
                        entries[position].value, mark.value, origin: "\(origin).\(mark.key)")
                } else if mark.value.bool == true {
                    entries.append(
                        ConfigEntry(
                            key: mark.key, keyLine: values.range.start,
                            value: ConfigNode(
                                .unknown("\(origin).\(mark.key) (known after apply)"), range: values.range)))
                }
            }
            return ConfigNode(.mapping(entries), range: values.range)
        case (.sequence(let items), .sequence(let marks)):
            return ConfigNode(
                .sequence(
                    items.enumerated().map { index, item in
                        index < marks.count ? markUnknown(item, marks[index], origin: "\(origin)[\(index)]") : item
                    }), range: values.range)
        default:
            return values
        }
    }
}
