import DrydockJSON

/// Why JSON text could not be parsed.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Byte offset where parsing stopped.
    public var offset: Int
    public var reason: String

    public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}

/// Parses JSON into a `JSONValue`, keeping object members in document order.
///
/// Strict RFC 8259 (control characters in strings and invalid escapes are errors); integers that fit
/// `Int64` are `.int`, other numbers `.double`. Nesting is limited to 512 levels so hostile input cannot
/// exhaust the stack. The parsing is `DrydockJSON.JSONCore`, which the advisory importers use too (the
/// faster of the two parsers the code base had; `BENCHMARKS.md`, "JSON parsers").
public enum JSONParser {
    /// Parses a whole document; trailing non-whitespace is an error.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        do {
            return try JSONCore.parse(bytes, as: JSONValue.self)
        } catch {
            throw JSONParseError(offset: error.offset, reason: "expected \(error.expected), found \(error.found)")
        }
    }
}

extension JSONValue: JSONTree {
    public static var jsonNull: JSONValue { .null }
    public static func jsonBool(_ value: Bool) -> JSONValue { .bool(value) }
    public static func jsonNumber(_ text: String) -> JSONValue? {
        if let integer = Int64(text) { return .int(integer) }
        return Double(text).map(JSONValue.double)
    }
    public static func jsonString(_ value: String) -> JSONValue { .string(value) }
    public static func jsonArray(_ elements: [JSONValue]) -> JSONValue { .array(elements) }
    public static func jsonMembers() -> [(String, JSONValue)] { [] }
    public static func jsonAppend(_ key: String, _ value: JSONValue, to members: inout [(String, JSONValue)]) {
        members.append((key, value))
    }
    public static func jsonObject(_ members: [(String, JSONValue)]) -> JSONValue { .object(members) }
}
