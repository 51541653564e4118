import Foundation

/// Terraform's built-in functions that real configurations use to build the values checks read. Functions
/// that read files or the network (`file`, `templatefile`), compute hashes or addresses, or are not listed
/// give an unknown value naming the call: nothing is guessed.
enum HCLFunctions {
    typealias Body = @Sendable ([ConfigNode], LineRange) -> ConfigNode.Value?

    static func call(_ name: String, _ arguments: [ConfigNode], range: LineRange) -> ConfigNode {
        if let origin = arguments.lazy.compactMap(\.unknownOrigin).first, name != "coalesce" {
            return ConfigNode(.unknown(origin), range: range)
        }
        guard let body = table[name], let value = body(arguments, range) else {
            return ConfigNode(.unknown("\(name)(…)"), range: range)
        }
        return ConfigNode(value, range: range)
    }

    /// `try(a, b, …)`: the first argument that is known; `can(x)`: whether `x` is known.
    static func tryCall(_ name: String, _ arguments: [ConfigNode], range: LineRange) -> ConfigNode {
        if name == "can" {
            guard let first = arguments.first else { return ConfigNode(.bool(false), range: range) }
            return ConfigNode(first.unknownOrigin == nil ? .bool(true) : .unknown("can(…)"), range: range)
        }
        return arguments.first { $0.unknownOrigin == nil } ?? ConfigNode(.unknown("try(…)"), range: range)
    }

    static func number(_ value: Double?, range: LineRange) -> ConfigNode {
        guard let value, value.isFinite else { return ConfigNode(.unknown("arithmetic"), range: range) }
        return ConfigNode(
            value.rounded() == value && abs(value) < 1e15 ? .int(Int(value)) : .float(value), range: range)
    }

    static func equal(_ left: ConfigNode, _ right: ConfigNode) -> Bool {
        if let a = left.number, let b = right.number { return a == b }
        switch (left.value, right.value) {
        case (.sequence(let a), .sequence(let b)): return a.count == b.count && zip(a, b).allSatisfy(equal)
        case (.mapping(let a), .mapping(let b)):
            return a.count == b.count
                && a.allSatisfy { entry in b.contains { $0.key == entry.key && equal($0.value, entry.value) } }
        default: return left.value == right.value
        }
    }

    private static func strings(_ node: ConfigNode) -> [String]? {
        node.isSequence ? node.items.map { $0.text ?? "" } : nil
    }

    private static func text(_ arguments: [ConfigNode], _ position: Int) -> String? {
        arguments.indices.contains(position) ? arguments[position].text : nil
    }

    private static func list(_ values: [String], _ range: LineRange) -> ConfigNode.Value {
        .sequence(values.map { ConfigNode(.string($0), range: range) })
    }

    private static func distinct(_ items: [ConfigNode]) -> [ConfigNode] {
        var result: [ConfigNode] = []
        for item in items where !result.contains(where: { equal($0, item) }) { result.append(item) }
        return result
    }

    static let table: [String: Body] = [
        "merge": { arguments, _ in
            var entries: [ConfigEntry] = []
            for argument in arguments where !argument.isNull {
                for entry in argument.entries {
                    entries.removeAll { $0.key == entry.key }
                    entries.append(entry)
                }
            }
            return .mapping(entries)
        },
        "lookup": { arguments, _ in
            guard let key = text(arguments, 1) else { return nil }
            return arguments[0][key]?.value ?? (arguments.count > 2 ? arguments[2].value : nil)
        },
        "concat": { arguments, _ in .sequence(arguments.flatMap(\.items)) },
        "flatten": { arguments, _ in
            func flat(_ node: ConfigNode) -> [ConfigNode] { node.isSequence ? node.items.flatMap(flat) : [node] }
            return arguments.first.map { .sequence(flat($0)) }
        },
        "format": { arguments, _ in
            guard let pattern = text(arguments, 0) else { return nil }
            return HCLFormat.format(pattern, Array(arguments.dropFirst())).map(ConfigNode.Value.string)
        },
        "formatlist": { arguments, range in
            guard let pattern = text(arguments, 0) else { return nil }
            let rest = Array(arguments.dropFirst())
            let count = rest.filter(\.isSequence).map(\.items.count).max() ?? 1
            var results: [String] = []
            for position in 0..<count {
                let row = rest.map {
                    $0.isSequence ? ($0.items.indices.contains(position) ? $0.items[position] : $0) : $0
                }
                guard let line = HCLFormat.format(pattern, row) else { return nil }
                results.append(line)
            }
            return list(results, range)
        },
        "jsonencode": { arguments, _ in arguments.first.flatMap(HCLJSON.encode).map(ConfigNode.Value.string) },
        "jsondecode": { arguments, _ in
            guard let text = text(arguments, 0) else { return nil }
            return (try? YAMLTree.parse(text).first?.root)??.value
        },
        "toset": { arguments, _ in arguments.first.map { .sequence(distinct($0.isSequence ? $0.items : [])) } },
        "tolist": { arguments, _ in
            arguments.first.map { .sequence($0.isSequence ? $0.items : $0.entries.map(\.value)) }
        },
        "tomap": { arguments, _ in arguments.first?.value },
        "tostring": { arguments, _ in
            arguments.first.flatMap { $0.isNull ? .null : $0.text.map(ConfigNode.Value.string) }
        },
        "tonumber": { arguments, _ in
            guard let first = arguments.first else { return nil }
            return first.number.map { _ in first.value }
                ?? first.text.flatMap(Double.init).map { number($0, range: first.range).value }
        },
        "tobool": { arguments, _ in
            guard let first = arguments.first else { return nil }
            return first.bool.map(ConfigNode.Value.bool)
                ?? (first.text == "true" ? .bool(true) : first.text == "false" ? .bool(false) : nil)
        },
        "length": { arguments, _ in
            guard let first = arguments.first else { return nil }
            if first.isSequence { return .int(first.items.count) }
            if first.isMapping { return .int(first.entries.count) }
            return first.string.map { .int($0.count) }
        },
        "element": { arguments, _ in
            guard let items = arguments.first?.items, !items.isEmpty, arguments.count > 1,
                let position = arguments[1].int
            else { return nil }
            return items[((position % items.count) + items.count) % items.count].value
        },
        "index": { arguments, _ in
            guard arguments.count == 2, let found = arguments[0].items.firstIndex(where: { equal($0, arguments[1]) })
            else { return nil }
            return .int(found)
        },
        "coalesce": { arguments, _ in
            for argument in arguments {
                if let origin = argument.unknownOrigin { return .unknown(origin) }
                if !argument.isNull, argument.string != "" { return argument.value }
            }
            return nil
        },
        "coalescelist": { arguments, _ in arguments.first { !$0.items.isEmpty }?.value ?? .sequence([]) },
        "lower": { arguments, _ in text(arguments, 0).map { .string($0.lowercased()) } },
        "upper": { arguments, _ in text(arguments, 0).map { .string($0.uppercased()) } },
        "title": { arguments, _ in text(arguments, 0).map { .string($0.capitalized) } },
        "trimspace": { arguments, _ in
            text(arguments, 0).map { .string($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        },
        "trimprefix": { arguments, _ in
            guard let value = text(arguments, 0), let prefix = text(arguments, 1) else { return nil }
            return .string(value.hasPrefix(prefix) ? String(value.dropFirst(prefix.count)) : value)
        },
        "trimsuffix": { arguments, _ in
            guard let value = text(arguments, 0), let suffix = text(arguments, 1) else { return nil }
            return .string(value.hasSuffix(suffix) ? String(value.dropLast(suffix.count)) : value)
        },
        "startswith": { arguments, _ in
            guard let value = text(arguments, 0), let prefix = text(arguments, 1) else { return nil }
            return .bool(value.hasPrefix(prefix))
        },
        "endswith": { arguments, _ in
            guard let value = text(arguments, 0), let suffix = text(arguments, 1) else { return nil }
            return .bool(value.hasSuffix(suffix))
        },
        "strcontains": { arguments, _ in
            guard let value = text(arguments, 0), let part = text(arguments, 1) else { return nil }
            return .bool(value.contains(part))
        },
        "replace": { arguments, _ in
            guard let value = text(arguments, 0), let old = text(arguments, 1), let new = text(arguments, 2),
                !(old.hasPrefix("/") && old.hasSuffix("/") && old.count > 1)
            else { return nil }
            return .string(value.replacingOccurrences(of: old, with: new))
        },
        "substr": { arguments, _ in
            guard let value = text(arguments, 0), arguments.count == 3, let offset = arguments[1].int,
                let length = arguments[2].int, offset >= 0, offset <= value.count
            else { return nil }
            let tail = value.dropFirst(offset)
            return .string(String(length < 0 ? tail : tail.prefix(length)))
        },
        "join": { arguments, _ in
            guard let separator = text(arguments, 0) else { return nil }
            return .string(arguments.dropFirst().flatMap { strings($0) ?? [] }.joined(separator: separator))
        },
        "split": { arguments, range in
            guard let separator = text(arguments, 0), let value = text(arguments, 1), !separator.isEmpty else {
                return nil
            }
            return list(value.components(separatedBy: separator), range)
        },
        "contains": { arguments, _ in
            guard arguments.count == 2 else { return nil }
            return .bool(arguments[0].items.contains { equal($0, arguments[1]) })
        },
        "keys": { arguments, range in arguments.first.map { list($0.entries.map(\.key).sorted(), range) } },
        "values": { arguments, _ in
            arguments.first.map { node in .sequence(node.entries.sorted { $0.key < $1.key }.map(\.value)) }
        },
        "distinct": { arguments, _ in arguments.first.map { .sequence(distinct($0.items)) } },
        "compact": { arguments, _ in arguments.first.map { .sequence($0.items.filter { !$0.isNull && $0.text != "" }) }
        },
        "reverse": { arguments, _ in arguments.first.map { .sequence($0.items.reversed()) } },
        "sort": { arguments, range in arguments.first.flatMap(strings).map { list($0.sorted(), range) } },
        "slice": { arguments, _ in
            guard arguments.count == 3, let start = arguments[1].int, let end = arguments[2].int,
                start >= 0, start <= end, end <= arguments[0].items.count
            else { return nil }
            return .sequence(Array(arguments[0].items[start..<end]))
        },
        "zipmap": { arguments, _ in
            guard arguments.count == 2, let names = strings(arguments[0]) else { return nil }
            return .mapping(
                zip(names, arguments[1].items).map { ConfigEntry(key: $0, keyLine: $1.range.start, value: $1) })
        },
        "one": { arguments, _ in
            guard let items = arguments.first?.items, items.count <= 1 else { return nil }
            return items.first?.value ?? .null
        },
        "range": { arguments, range in
            let bounds = arguments.compactMap(\.int)
            guard bounds.count == arguments.count, (1...3).contains(bounds.count) else { return nil }
            let (start, end, step) =
                bounds.count == 1 ? (0, bounds[0], 1) : (bounds[0], bounds[1], bounds.count == 3 ? bounds[2] : 1)
            guard step != 0, abs(end - start) / abs(step) <= 10_000 else { return nil }
            return .sequence(stride(from: start, to: end, by: step).map { ConfigNode(.int($0), range: range) })
        },
        "min": { arguments, range in arguments.compactMap(\.number).min().map { number($0, range: range).value } },
        "max": { arguments, range in arguments.compactMap(\.number).max().map { number($0, range: range).value } },
        "sum": { arguments, range in
            arguments.first.map { number($0.items.compactMap(\.number).reduce(0, +), range: range).value }
        },
        "abs": { arguments, range in arguments.first?.number.map { number(abs($0), range: range).value } },
        "ceil": { arguments, range in arguments.first?.number.map { number($0.rounded(.up), range: range).value } },
        "floor": { arguments, range in arguments.first?.number.map { number($0.rounded(.down), range: range).value } },
        "base64encode": { arguments, _ in text(arguments, 0).map { .string(Data($0.utf8).base64EncodedString()) } },
        "base64decode": { arguments, _ in
            text(arguments, 0).flatMap { Data(base64Encoded: $0) }.map { .string(String(decoding: $0, as: UTF8.self)) }
        },
    ]
}
