import Foundation

/// A parsed JSON, TOML or YAML document, reduced to what lockfile parsers need.
///
/// Scalars keep their text (`"1.2.3"`, `true`, `42`), so a version written as a bare number in YAML
/// stays exactly as written.
public indirect enum TreeValue: Sendable, Hashable {
    /// A scalar, as text.
    case string(String)
    /// A list.
    case array([TreeValue])
    /// A mapping; `keys` keeps the order they were written in.
    case object([String: TreeValue], keys: [String])
    /// An explicit null.
    case null

    /// The scalar's text, or `nil` for lists, mappings and null.
    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The list's items, or `nil`.
    public var array: [TreeValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// The mapping's entries in written order, or `nil`.
    public var entries: [(key: String, value: TreeValue)]? {
        guard case .object(let values, let keys) = self else { return nil }
        return keys.compactMap { key in values[key].map { (key, $0) } }
    }

    /// The value under `key` of a mapping, or `nil`.
    public subscript(key: String) -> TreeValue? {
        if case .object(let values, _) = self { return values[key] }
        return nil
    }

    /// Whether the scalar is `true` (Foundation's JSON reader spells it `1`).
    public var isTrue: Bool { string == "true" || string == "1" }

    /// Builds an object, keeping `keys` order.
    static func object(_ pairs: [(String, TreeValue)]) -> TreeValue {
        var values: [String: TreeValue] = [:]
        var keys: [String] = []
        for (key, value) in pairs {
            if values.updateValue(value, forKey: key) == nil { keys.append(key) }
        }
        return .object(values, keys: keys)
    }

    /// Parses JSON with Foundation; `path` names the file in the error.
    static func json(_ bytes: [UInt8], path: String) throws(CatalogError) -> TreeValue {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            throw CatalogError(
                code: .malformedLockfile, reason: "not valid JSON", location: path,
                underlying: (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String)
        }
        return convert(object)
    }

    private static func convert(_ object: Any) -> TreeValue {
        switch object {
        case let dictionary as [String: Any]:
            let keys = dictionary.keys.sorted()
            return .object(dictionary.mapValues(convert), keys: keys)
        case let list as [Any]:
            return .array(list.map(convert))
        case let text as String:
            return .string(text)
        case let number as NSNumber:
            return .string(number.stringValue)
        default:
            return .null
        }
    }
}

extension CatalogError.Code {
    /// A lockfile or package metadata file is not in the expected format.
    public static let malformedLockfile = CatalogError.Code(rawValue: "malformed-lockfile")
}
