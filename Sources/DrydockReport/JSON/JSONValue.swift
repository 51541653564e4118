/// A JSON document with object keys kept in the order they were written, so output is stable and
/// readable (Trivy's field order) and byte-identical across runs.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.double(let a), .double(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .int(let value): hasher.combine(value)
        case .double(let value): hasher.combine(value)
        case .string(let value): hasher.combine(value)
        case .array(let values): hasher.combine(values)
        case .object(let members):
            for (key, value) in members {
                hasher.combine(key)
                hasher.combine(value)
            }
        }
    }

    /// The member named `key` of an object, or `nil`.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first(where: { $0.0 == key })?.1
    }

    /// The string value, or `nil` for other kinds.
    public var stringValue: String? {
        if case .string(let value) = self { value } else { nil }
    }
}

/// Builds a JSON object while skipping absent and empty optional fields, as Go's `omitempty` does.
public struct JSONObjectBuilder {
    public private(set) var members: [(String, JSONValue)] = []

    public init() {}

    /// Adds a member unconditionally.
    public mutating func add(_ key: String, _ value: JSONValue) {
        members.append((key, value))
    }

    /// Adds a string member unless it is `nil` or empty.
    public mutating func add(_ key: String, string value: String?) {
        guard let value, !value.isEmpty else { return }
        members.append((key, .string(value)))
    }

    /// Adds an array of strings unless it is empty.
    public mutating func add(_ key: String, strings values: [String]) {
        guard !values.isEmpty else { return }
        members.append((key, .array(values.map(JSONValue.string))))
    }

    /// Adds an object or array member unless it is empty.
    public mutating func add(_ key: String, nonEmpty value: JSONValue?) {
        guard let value else { return }
        switch value {
        case .object(let members) where members.isEmpty: return
        case .array(let values) where values.isEmpty: return
        default: members.append((key, value))
        }
    }

    /// The built object.
    public var value: JSONValue { .object(members) }
}
