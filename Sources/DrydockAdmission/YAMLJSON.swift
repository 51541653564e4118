import Foundation
import Yams

/// YAML documents as JSON values (`[String: Any]`, `[Any]`, `String`, `Int`, `Double`, `Bool`, `NSNull`), read
/// from Yams' node tree: plain scalars that are YAML 1.2 core-schema numbers, booleans or null take those types,
/// everything else (quoted scalars, timestamps, …) stays text. Yams' own typed loader is not used because some
/// scalars in real manifests make it trap.
public enum YAMLJSON {
    /// The most values all documents of one input may expand to. Aliases are expanded (JSON has no references), so
    /// a few hundred bytes of nested aliases ("billion laughs") would otherwise become billions of values.
    public static let maximumValues = 2_000_000

    /// Every document of `text`. Throws `YAMLJSONError` when aliases expand past `maximumValues`.
    public static func documents(_ text: String) throws -> [Any] {
        var budget = maximumValues
        return try Yams.compose_all(yaml: text).map { node throws in try value(node, budget: &budget) }
    }

    static func value(_ node: Node, budget: inout Int) throws(YAMLJSONError) -> Any {
        budget -= 1
        guard budget >= 0 else { throw YAMLJSONError(maximumValues: maximumValues) }
        switch node {
        case .scalar(let scalar):
            guard scalar.style == .plain else { return scalar.string }
            let text = scalar.string
            switch text {
            case "true", "True", "TRUE": return true
            case "false", "False", "FALSE": return false
            case "", "~", "null", "Null", "NULL": return NSNull()
            default: break
            }
            if let integer = Int(text) { return integer }
            if text.contains(where: { $0.isNumber }), text.allSatisfy({ "0123456789.eE+-".contains($0) }),
                let double = Double(text)
            {
                return double
            }
            return text
        case .sequence(let sequence):
            var items: [Any] = []
            for item in sequence { items.append(try value(item, budget: &budget)) }
            return items
        case .mapping(let mapping):
            var object: [String: Any] = [:]
            for (key, item) in mapping {
                var name = key.string ?? ""
                if key.string == nil { name = "\(try value(key, budget: &budget))" }
                object[name] = try value(item, budget: &budget)
            }
            return object
        case .alias: return NSNull()
        }
    }
}

/// YAML whose aliases expand to more values than `YAMLJSON.maximumValues`.
public struct YAMLJSONError: Error, Sendable, CustomStringConvertible {
    /// The limit passed.
    public var maximumValues: Int

    /// What is wrong.
    public var description: String {
        "YAML aliases expand to more than \(maximumValues) values (an alias bomb?); not read"
    }
}
