/// One value bound to or read from a SQL statement, the same for SQLite and PostgreSQL.
///
/// Times are stored as integer milliseconds since 1970, booleans as `0`/`1`, JSON documents as blobs: both
/// dialects hold these types natively, so one statement text serves both stores.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// The integer, or `nil` for any other case.
    public var int64: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// The integer as an `Int`, or `nil`.
    public var int: Int? { int64.map { Int($0) } }

    /// The text, or `nil` for any other case.
    public var string: String? {
        if case .text(let value) = self { return value }
        return nil
    }

    /// The bytes of a blob, or `nil` for any other case.
    public var bytes: [UInt8]? {
        if case .blob(let value) = self { return value }
        return nil
    }

    /// The real, or an integer as a real.
    public var double: Double? {
        switch self {
        case .real(let value): return value
        case .integer(let value): return Double(value)
        default: return nil
        }
    }

    /// Whether the value is SQL `NULL`.
    public var isNull: Bool { self == .null }
}

extension SQLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
}

extension SQLValue {
    /// `.text` or `.null`.
    public static func optional(_ text: String?) -> SQLValue { text.map(SQLValue.text) ?? .null }
    /// `.integer` or `.null`.
    public static func optional(_ value: Int64?) -> SQLValue { value.map(SQLValue.integer) ?? .null }
    /// An `Int` as `.integer`.
    public static func int(_ value: Int) -> SQLValue { .integer(Int64(value)) }
    /// A boolean as `0` or `1`.
    public static func bool(_ value: Bool) -> SQLValue { .integer(value ? 1 : 0) }
}

/// One result row: values in the order the statement's columns name them.
public struct SQLRow: Sendable, Hashable {
    public var values: [SQLValue]

    public init(_ values: [SQLValue]) {
        self.values = values
    }

    /// The value of column `index` (`.null` past the end).
    public subscript(_ index: Int) -> SQLValue {
        index < values.count ? values[index] : .null
    }
}
