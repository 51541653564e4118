import Foundation
import Yams

/// YAML documents as JSON values (`[String: Any]`, `[Any]`, `String`, `Int`, `Double`, `Bool`, `NSNull`), read
/// from Yams' node tree: plain scalars that are YAML 1.2 core-schema numbers, booleans or null take those types,
/// everything else (quoted scalars, timestamps, …) stays text. Yams' own typed loader is not used because some
/// scalars in real manifests make it trap.
public enum YAMLJSON {
    /// Every document of `text`.
    public static func documents(_ text: String) throws -> [Any] {
        try Yams.compose_all(yaml: text).map(value)
    }

    static func value(_ node: Node) -> Any {
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
        case .sequence(let sequence): return sequence.map(value)
        case .mapping(let mapping):
            var object: [String: Any] = [:]
            for (key, item) in mapping { object[key.string ?? "\(value(key))"] = value(item) }
            return object
        case .alias: return NSNull()
        }
    }
}
