import Foundation

/// `jsonencode` and `format`'s verbs over configuration values.
enum HCLJSON {
    /// Compact JSON with object keys sorted, as Terraform writes it; nil when the value holds an unknown.
    static func encode(_ node: ConfigNode) -> String? {
        switch node.value {
        case .null: return "null"
        case .bool(let bool): return bool ? "true" : "false"
        case .int(let int): return String(int)
        case .float(let double): return double.isFinite ? String(double) : nil
        case .string(let string): return quote(string)
        case .unknown: return nil
        case .sequence(let items):
            var parts: [String] = []
            for item in items {
                guard let encoded = encode(item) else { return nil }
                parts.append(encoded)
            }
            return "[" + parts.joined(separator: ",") + "]"
        case .mapping(let entries):
            var parts: [String] = []
            for entry in entries.sorted(by: { $0.key < $1.key }) {
                guard let encoded = encode(entry.value) else { return nil }
                parts.append(quote(entry.key) + ":" + encoded)
            }
            return "{" + parts.joined(separator: ",") + "}"
        }
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// Terraform's `format` verbs: `%s`, `%d`, `%v`, `%q`, `%t`, `%f` (with a precision), `%%`.
enum HCLFormat {
    static func format(_ pattern: String, _ arguments: [ConfigNode]) -> String? {
        var out = ""
        var next = 0
        var index = pattern.startIndex
        while index < pattern.endIndex {
            let c = pattern[index]
            index = pattern.index(after: index)
            guard c == "%" else {
                out.append(c)
                continue
            }
            var spec = ""
            while index < pattern.endIndex, "0123456789.-+# ".contains(pattern[index]) {
                spec.append(pattern[index])
                index = pattern.index(after: index)
            }
            guard index < pattern.endIndex else { return nil }
            let verb = pattern[index]
            index = pattern.index(after: index)
            if verb == "%" {
                out += "%"
                continue
            }
            guard arguments.indices.contains(next) else { return nil }
            let argument = arguments[next]
            next += 1
            switch verb {
            case "s", "v", "d", "t": out += argument.text ?? HCLJSON.encode(argument) ?? ""
            case "q": out += HCLJSON.quote(argument.text ?? "")
            case "f":
                guard let number = argument.number else { return nil }
                let precision = spec.split(separator: ".").last.flatMap { Int($0) } ?? 6
                out += String(format: "%.\(precision)f", number)
            default: return nil
            }
        }
        return out
    }
}
