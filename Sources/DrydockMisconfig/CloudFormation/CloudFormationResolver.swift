import Foundation

/// Resolves CloudFormation's intrinsic functions in a template's values.
struct CloudFormationResolver {
    let parameters: [String: ConfigNode]
    let mappings: ConfigNode?
    let conditionExpressions: [String: ConfigNode]
    let resourceIDs: Set<String>
    private var conditions: [String: Bool?] = [:]
    private var depth = 0

    init(root: ConfigNode, overrides: [String: ConfigNode]) {
        var parameters: [String: ConfigNode] = [:]
        for entry in root["Parameters"]?.entries ?? [] {
            parameters[entry.key] =
                overrides[entry.key] ?? entry.value["Default"]
                ?? ConfigNode(.unknown("parameter \(entry.key)"), range: entry.value.range)
        }
        self.parameters = parameters
        mappings = root["Mappings"]
        conditionExpressions = Dictionary(
            (root["Conditions"]?.entries ?? []).map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
        resourceIDs = Set((root["Resources"]?.entries ?? []).map(\.key))
    }

    /// The value of a named condition: true, false, or nil when it depends on an unknown.
    mutating func condition(_ name: String) -> Bool? {
        if let cached = conditions[name] { return cached }
        guard let expression = conditionExpressions[name], depth < 32 else { return nil }
        conditions[name] = .some(nil)
        depth += 1
        let value = resolve(expression)
        depth -= 1
        let result: Bool? = value.flatMap { $0.unknownOrigin == nil ? ($0.bool ?? ($0.text == "true")) : nil }
        conditions[name] = .some(result)
        return result
    }

    /// The resolved value, or nil for `Ref: AWS::NoValue` (the property is left out).
    mutating func resolve(_ node: ConfigNode) -> ConfigNode? {
        switch node.value {
        case .sequence(let items):
            return ConfigNode(.sequence(items.compactMap { resolve($0) }), range: node.range)
        case .mapping(let entries):
            if entries.count == 1, let function = Self.function(entries[0].key) {
                return call(function, entries[0].value, range: node.range)
            }
            var resolved: [ConfigEntry] = []
            for entry in entries {
                guard let value = resolve(entry.value) else { continue }
                resolved.append(ConfigEntry(key: entry.key, keyLine: entry.keyLine, value: value))
            }
            return ConfigNode(.mapping(resolved), range: node.range)
        default:
            return node
        }
    }

    static func function(_ key: String) -> String? {
        key == "Ref" || key == "Condition" || key.hasPrefix("Fn::") ? key : nil
    }

    private func unknown(_ origin: String, _ range: LineRange) -> ConfigNode {
        ConfigNode(.unknown(origin), range: range)
    }

    private mutating func call(_ function: String, _ argument: ConfigNode, range: LineRange) -> ConfigNode? {
        let arguments = argument.items
        switch function {
        case "Ref":
            guard let name = argument.string else { return unknown("Ref", range) }
            return reference(name, range: range)
        case "Condition":
            guard let name = argument.string else { return unknown("Condition", range) }
            return condition(name).map { ConfigNode(.bool($0), range: range) } ?? unknown("condition \(name)", range)
        case "Fn::If":
            guard arguments.count == 3, let name = arguments[0].string else { return unknown("Fn::If", range) }
            guard let value = condition(name) else { return unknown("condition \(name)", range) }
            return resolve(arguments[value ? 1 : 2])
        case "Fn::Equals":
            guard arguments.count == 2, let left = resolve(arguments[0]), let right = resolve(arguments[1]) else {
                return unknown("Fn::Equals", range)
            }
            if let origin = left.unknownOrigin ?? right.unknownOrigin { return unknown(origin, range) }
            return ConfigNode(
                .bool(HCLFunctions.equal(left, right) || left.text == right.text && left.text != nil), range: range)
        case "Fn::Not", "Fn::And", "Fn::Or":
            var values: [Bool] = []
            for item in arguments {
                guard let value = resolve(item) else { return unknown(function, range) }
                if let origin = value.unknownOrigin { return unknown(origin, range) }
                values.append(value.bool ?? (value.text == "true"))
            }
            let result =
                function == "Fn::Not"
                ? !(values.first ?? false)
                : function == "Fn::And" ? values.allSatisfy { $0 } : values.contains(true)
            return ConfigNode(.bool(result), range: range)
        case "Fn::Join":
            guard arguments.count == 2, let separator = arguments[0].string, let list = resolve(arguments[1]) else {
                return unknown("Fn::Join", range)
            }
            if let origin = list.unknownOrigin ?? list.items.compactMap(\.unknownOrigin).first {
                return unknown(origin, range)
            }
            return ConfigNode(.string(list.items.map { $0.text ?? "" }.joined(separator: separator)), range: range)
        case "Fn::Select":
            guard arguments.count == 2, let index = resolve(arguments[0]), let list = resolve(arguments[1]) else {
                return unknown("Fn::Select", range)
            }
            if let origin = index.unknownOrigin ?? list.unknownOrigin { return unknown(origin, range) }
            guard let position = index.int ?? index.text.flatMap({ Int($0) }), list.items.indices.contains(position)
            else {
                return unknown("Fn::Select", range)
            }
            return list.items[position]
        case "Fn::Split":
            guard arguments.count == 2, let separator = arguments[0].string, let text = resolve(arguments[1]) else {
                return unknown("Fn::Split", range)
            }
            if let origin = text.unknownOrigin { return unknown(origin, range) }
            return ConfigNode(
                .sequence(
                    (text.text ?? "").components(separatedBy: separator).map { ConfigNode(.string($0), range: range) }),
                range: range)
        case "Fn::FindInMap":
            let keys = arguments.prefix(3).compactMap { resolve($0) }
            guard keys.count == 3 else { return unknown("Fn::FindInMap", range) }
            if let origin = keys.compactMap(\.unknownOrigin).first { return unknown(origin, range) }
            guard let found = mappings?.lookup(keys.map { $0.text ?? "" }) else {
                return arguments.count > 3
                    ? resolve(arguments[3]["DefaultValue"] ?? arguments[3]) : unknown("Fn::FindInMap", range)
            }
            return resolve(found)
        case "Fn::Sub":
            return substitute(argument, range: range)
        case "Fn::Base64":
            guard let value = resolve(argument) else { return unknown("Fn::Base64", range) }
            if value.unknownOrigin != nil { return value }
            return ConfigNode(.string(Data((value.text ?? "").utf8).base64EncodedString()), range: range)
        case "Fn::GetAtt":
            let parts = argument.isSequence ? argument.strings : (argument.string.map { [$0] } ?? [])
            return unknown(parts.joined(separator: "."), range)
        default:
            return unknown(function, range)
        }
    }

    private func reference(_ name: String, range: LineRange) -> ConfigNode? {
        if name == "AWS::NoValue" { return nil }
        if let parameter = parameters[name] {
            var value = parameter
            value.range = range
            return value
        }
        if resourceIDs.contains(name) { return ConfigNode(.string(name), range: range) }
        return unknown(name, range)
    }

    private mutating func substitute(_ argument: ConfigNode, range: LineRange) -> ConfigNode {
        var template = argument.string
        var variables: [String: ConfigNode] = [:]
        if argument.isSequence, argument.items.count == 2 {
            template = argument.items[0].string
            for entry in argument.items[1].entries { variables[entry.key] = resolve(entry.value) }
        }
        guard let template else { return unknown("Fn::Sub", range) }
        var out = ""
        var rest = Substring(template)
        while let open = rest.range(of: "${") {
            out += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            if after.hasPrefix("!") {
                out += "${"
                rest = after.dropFirst()
                continue
            }
            guard let close = after.firstIndex(of: "}") else { break }
            let name = String(after[..<close])
            rest = after[after.index(after: close)...]
            let value = variables[name] ?? (name.contains(".") ? unknown(name, range) : reference(name, range: range))
            guard let value, value.unknownOrigin == nil, let text = value.text else {
                return unknown(value?.unknownOrigin ?? name, range)
            }
            out += text
        }
        out += rest
        return ConfigNode(.string(out), range: range)
    }
}
