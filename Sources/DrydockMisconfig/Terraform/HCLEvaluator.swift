/// What names an expression can refer to, beyond its own `for` variables: `var`, `local`, resources,
/// modules, `each`, `count`, `path`.
protocol HCLScope {
    /// The value of `root` (`var`) or of `root.attribute` (`var.region`, `aws_s3_bucket.logs`), or nil when
    /// the scope does not know the name (the evaluator then reads `attribute` from the root's value).
    func resolve(_ root: String, _ attribute: String?) -> ConfigNode?
}

/// Evaluates HCL expressions to values. A value the evaluator cannot know (a data source, an unset variable,
/// an attribute only the provider computes) is `.unknown` naming its origin, and anything computed from it is
/// unknown too: nothing is guessed.
struct HCLEvaluator {
    var scope: any HCLScope
    /// Names bound by `for` expressions, `dynamic` blocks and splats.
    var bindings: [String: ConfigNode] = [:]
    /// Guards against runaway recursion in hostile input.
    var depth = 0

    init(scope: any HCLScope) {
        self.scope = scope
    }

    func binding(_ name: String, _ value: ConfigNode) -> HCLEvaluator {
        var copy = self
        copy.bindings[name] = value
        return copy
    }

    func evaluate(_ expression: HCLExpression) -> ConfigNode {
        guard depth < 64 else { return ConfigNode(.unknown("expression nested too deeply"), range: expression.range) }
        var inner = self
        inner.depth += 1
        return inner.evaluateUnguarded(expression)
    }

    private func evaluateUnguarded(_ expression: HCLExpression) -> ConfigNode {
        let range = expression.range
        switch expression {
        case .literal(let value, _):
            return ConfigNode(value, range: range)
        case .template(let parts, _):
            if parts.count == 1, case .interpolation(let inner) = parts[0] {
                var value = evaluate(inner)
                value.range = range
                return value
            }
            return render(parts, range: range)
        case .variable(let name, _):
            if let bound = bindings[name] { return bound }
            return scope.resolve(name, nil) ?? ConfigNode(.unknown(name), range: range)
        case .attribute(let base, let name, _):
            if case .variable(let root, _) = base, bindings[root] == nil, let value = scope.resolve(root, name) {
                return value
            }
            return Self.attribute(evaluate(base), name, origin: expression.traversalText, range: range)
        case .index(let base, let key, _):
            return Self.index(evaluate(base), evaluate(key), origin: expression.traversalText, range: range)
        case .splat(let base, let each, _):
            let value = evaluate(base)
            if value.unknownOrigin != nil { return value }
            if value.isNull { return ConfigNode(.sequence([]), range: range) }
            let items = value.isSequence ? value.items : [value]
            return ConfigNode(
                .sequence(items.map { binding(HCLExpression.splatItem, $0).evaluate(each) }), range: range)
        case .call(let name, let arguments, let expands, _):
            var values = arguments.map(evaluate)
            if expands, let last = values.popLast() {
                if last.unknownOrigin != nil { return ConfigNode(.unknown("\(name)(…)"), range: range) }
                values += last.isSequence ? last.items : last.entries.map(\.value)
            }
            if name == "try" || name == "can" { return HCLFunctions.tryCall(name, values, range: range) }
            return HCLFunctions.call(name, values, range: range)
        case .tuple(let items, _):
            return ConfigNode(.sequence(items.map(evaluate)), range: range)
        case .object(let entries, _):
            var result: [ConfigEntry] = []
            for (keyExpression, valueExpression) in entries {
                let key: String
                if case .variable(let name, _) = keyExpression {
                    key = name
                } else {
                    let evaluated = evaluate(keyExpression)
                    if let origin = evaluated.unknownOrigin { return ConfigNode(.unknown(origin), range: range) }
                    key = evaluated.text ?? ""
                }
                result.removeAll { $0.key == key }
                result.append(
                    ConfigEntry(key: key, keyLine: keyExpression.range.start, value: evaluate(valueExpression)))
            }
            return ConfigNode(.mapping(result), range: range)
        case .unary(let op, let operand, _):
            let value = evaluate(operand)
            if value.unknownOrigin != nil { return value }
            if op == "!" { return ConfigNode(value.bool.map { .bool(!$0) } ?? .unknown("!…"), range: range) }
            return HCLFunctions.number(value.number.map { -$0 }, range: range)
        case .binary(let op, let left, let right, _):
            return binary(op, evaluate(left), { evaluate(right) }, range: range)
        case .conditional(let condition, let yes, let no, _):
            let test = evaluate(condition)
            if let origin = test.unknownOrigin { return ConfigNode(.unknown(origin), range: range) }
            return Self.truthy(test) ? evaluate(yes) : evaluate(no)
        case .forExpression(let parts, _):
            return forExpression(parts, range: range)
        }
    }

    static func truthy(_ value: ConfigNode) -> Bool {
        value.bool ?? (value.text == "true")
    }

    static func attribute(_ value: ConfigNode, _ name: String, origin: String?, range: LineRange) -> ConfigNode {
        if value.unknownOrigin != nil {
            return ConfigNode(.unknown(origin ?? "\(value.unknownOrigin ?? "").\(name)"), range: range)
        }
        if let found = value[name] { return found }
        return ConfigNode(.unknown(origin ?? name), range: range)
    }

    static func index(_ value: ConfigNode, _ key: ConfigNode, origin: String?, range: LineRange) -> ConfigNode {
        if let unknown = value.unknownOrigin ?? key.unknownOrigin {
            return ConfigNode(.unknown(origin ?? unknown), range: range)
        }
        if value.isSequence, let position = key.int, value.items.indices.contains(position) {
            return value.items[position]
        }
        if let name = key.text, let found = value[name] { return found }
        return ConfigNode(.unknown(origin ?? "[\(key.text ?? "")]"), range: range)
    }

    private func render(_ parts: [HCLTemplatePart], range: LineRange) -> ConfigNode {
        var text = ""
        for part in parts {
            switch part {
            case .literal(let literal):
                text += literal
            case .interpolation(let inner):
                let value = evaluate(inner)
                if let origin = value.unknownOrigin { return ConfigNode(.unknown(origin), range: range) }
                guard let piece = value.text else { return ConfigNode(.unknown("a template"), range: range) }
                text += piece
            case .conditional(let condition, let yes, let no):
                let test = evaluate(condition)
                if let origin = test.unknownOrigin { return ConfigNode(.unknown(origin), range: range) }
                let chosen = render(Self.truthy(test) ? yes : no, range: range)
                guard let piece = chosen.text else { return chosen }
                text += piece
            case .loop(let keyName, let valueName, let collection, let body):
                let values = evaluate(collection)
                if let origin = values.unknownOrigin { return ConfigNode(.unknown(origin), range: range) }
                for (key, item) in Self.pairs(values) {
                    var scoped = binding(valueName, item)
                    if let keyName { scoped = scoped.binding(keyName, key) }
                    let piece = scoped.render(body, range: range)
                    guard let rendered = piece.text else { return piece }
                    text += rendered
                }
            }
        }
        return ConfigNode(.string(text), range: range)
    }

    /// Key and value pairs of a list (index, item) or a mapping (key, value), in Terraform's order (maps by
    /// key).
    static func pairs(_ value: ConfigNode) -> [(ConfigNode, ConfigNode)] {
        if value.isSequence {
            return value.items.enumerated().map { (ConfigNode(.int($0.offset), range: value.range), $0.element) }
        }
        return value.entries.sorted { $0.key < $1.key }.map {
            (ConfigNode(.string($0.key), range: value.range), $0.value)
        }
    }

    private func forExpression(_ parts: HCLForExpression, range: LineRange) -> ConfigNode {
        let collection = evaluate(parts.collection)
        if let origin = collection.unknownOrigin { return ConfigNode(.unknown(origin), range: range) }
        var items: [ConfigNode] = []
        var entries: [ConfigEntry] = []
        for (key, value) in Self.pairs(collection) {
            var scoped = binding(parts.valueName, value)
            if let keyName = parts.keyName { scoped = scoped.binding(keyName, key) }
            if let condition = parts.condition {
                let test = scoped.evaluate(condition)
                if let origin = test.unknownOrigin { return ConfigNode(.unknown(origin), range: range) }
                if !Self.truthy(test) { continue }
            }
            let result = scoped.evaluate(parts.value)
            guard let keyExpression = parts.key else {
                items.append(result)
                continue
            }
            let keyValue = scoped.evaluate(keyExpression)
            if let origin = keyValue.unknownOrigin { return ConfigNode(.unknown(origin), range: range) }
            let name = keyValue.text ?? ""
            if parts.grouping {
                if let position = entries.firstIndex(where: { $0.key == name }) {
                    entries[position].value.value = .sequence(entries[position].value.items + [result])
                } else {
                    entries.append(
                        ConfigEntry(
                            key: name, keyLine: range.start, value: ConfigNode(.sequence([result]), range: range)))
                }
            } else {
                entries.removeAll { $0.key == name }
                entries.append(ConfigEntry(key: name, keyLine: range.start, value: result))
            }
        }
        return ConfigNode(parts.key == nil ? .sequence(items) : .mapping(entries), range: range)
    }

    private func binary(_ op: String, _ left: ConfigNode, _ right: () -> ConfigNode, range: LineRange) -> ConfigNode {
        if op == "&&" || op == "||" {
            if let origin = left.unknownOrigin { return ConfigNode(.unknown(origin), range: range) }
            let leftTrue = Self.truthy(left)
            if op == "&&" && !leftTrue { return ConfigNode(.bool(false), range: range) }
            if op == "||" && leftTrue { return ConfigNode(.bool(true), range: range) }
            let value = right()
            if let origin = value.unknownOrigin { return ConfigNode(.unknown(origin), range: range) }
            return ConfigNode(.bool(Self.truthy(value)), range: range)
        }
        let rightValue = right()
        if let origin = left.unknownOrigin ?? rightValue.unknownOrigin {
            return ConfigNode(.unknown(origin), range: range)
        }
        switch op {
        case "==": return ConfigNode(.bool(HCLFunctions.equal(left, rightValue)), range: range)
        case "!=": return ConfigNode(.bool(!HCLFunctions.equal(left, rightValue)), range: range)
        default: break
        }
        guard let a = left.number ?? left.text.flatMap(Double.init),
            let b = rightValue.number ?? rightValue.text.flatMap(Double.init)
        else { return ConfigNode(.unknown("\(op) of a value that is not a number"), range: range) }
        switch op {
        case "+": return HCLFunctions.number(a + b, range: range)
        case "-": return HCLFunctions.number(a - b, range: range)
        case "*": return HCLFunctions.number(a * b, range: range)
        case "/": return HCLFunctions.number(b == 0 ? nil : a / b, range: range)
        case "%": return HCLFunctions.number(b == 0 ? nil : a.truncatingRemainder(dividingBy: b), range: range)
        case "<": return ConfigNode(.bool(a < b), range: range)
        case ">": return ConfigNode(.bool(a > b), range: range)
        case "<=": return ConfigNode(.bool(a <= b), range: range)
        default: return ConfigNode(.bool(a >= b), range: range)
        }
    }
}
