/// A value read from a configuration file, with the lines it spans: the tree every parser produces
/// (Kubernetes manifests, a Dockerfile's instructions, and later Terraform and CloudFormation resources).
///
/// Mappings keep their keys in file order. Checks and custom-check paths read the tree through the
/// accessors below; nothing in it refers back to the file.
public struct ConfigNode: Sendable, Hashable {
    /// The value.
    public enum Value: Sendable, Hashable {
        case null
        case bool(Bool)
        case int(Int)
        case float(Double)
        case string(String)
        case sequence([ConfigNode])
        case mapping([ConfigEntry])
    }

    /// The value.
    public var value: Value
    /// The lines the value spans (a mapping: its first key to its last value).
    public var range: LineRange

    /// Creates a node.
    public init(_ value: Value, range: LineRange) {
        self.value = value
        self.range = range
    }

    /// Creates a node spanning one line.
    public init(_ value: Value, line: Int) {
        self.init(value, range: LineRange(line: line))
    }

    /// The value under `key`, when this is a mapping that has it.
    public subscript(key: String) -> ConfigNode? {
        guard case .mapping(let entries) = value else { return nil }
        return entries.first { $0.key == key }?.value
    }

    /// The value at `path` of mapping keys.
    public subscript(path: String...) -> ConfigNode? { lookup(path) }

    /// The value at `path` of mapping keys.
    public func lookup(_ path: [String]) -> ConfigNode? {
        var node = self
        for key in path {
            guard let next = node[key] else { return nil }
            node = next
        }
        return node
    }

    /// Whether this is a mapping holding `key` (with any value, null included).
    public func has(_ key: String) -> Bool {
        guard case .mapping(let entries) = value else { return false }
        return entries.contains { $0.key == key }
    }

    /// The mapping's entries, or none.
    public var entries: [ConfigEntry] {
        if case .mapping(let entries) = value { return entries }
        return []
    }

    /// The sequence's items, or none.
    public var items: [ConfigNode] {
        if case .sequence(let items) = value { return items }
        return []
    }

    /// Whether this is a mapping.
    public var isMapping: Bool {
        if case .mapping = value { return true }
        return false
    }

    /// Whether this is a sequence.
    public var isSequence: Bool {
        if case .sequence = value { return true }
        return false
    }

    /// Whether this is null.
    public var isNull: Bool { value == .null }

    /// The string, when this is a string.
    public var string: String? {
        if case .string(let string) = value { return string }
        return nil
    }

    /// The boolean, when this is one.
    public var bool: Bool? {
        if case .bool(let bool) = value { return bool }
        return nil
    }

    /// The number as an integer, when this is an integer (or a float with no fraction).
    public var int: Int? {
        switch value {
        case .int(let int): int
        case .float(let double) where double.rounded() == double && abs(double) < 1e15: Int(double)
        default: nil
        }
    }

    /// The number, when this is one.
    public var number: Double? {
        switch value {
        case .int(let int): Double(int)
        case .float(let double): double
        default: nil
        }
    }

    /// The value as text, for messages and comparisons: scalars as written, collections empty.
    public var text: String? {
        switch value {
        case .null: nil
        case .bool(let bool): bool ? "true" : "false"
        case .int(let int): String(int)
        case .float(let double): double.rounded() == double && abs(double) < 1e15 ? String(Int(double)) : String(double)
        case .string(let string): string
        case .sequence, .mapping: nil
        }
    }

    /// The strings of a sequence of scalars (other items are skipped).
    public var strings: [String] { items.compactMap(\.text) }

    /// Whether this is an empty mapping, an empty sequence or null.
    public var isEmpty: Bool {
        switch value {
        case .null: true
        case .mapping(let entries): entries.isEmpty
        case .sequence(let items): items.isEmpty
        default: false
        }
    }
}

/// One key of a mapping and its value.
public struct ConfigEntry: Sendable, Hashable {
    /// The key, as text.
    public var key: String
    /// The line the key is on.
    public var keyLine: Int
    /// The value.
    public var value: ConfigNode

    /// Creates an entry.
    public init(key: String, keyLine: Int, value: ConfigNode) {
        self.key = key
        self.keyLine = keyLine
        self.value = value
    }
}
