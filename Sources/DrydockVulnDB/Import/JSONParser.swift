import DrydockJSON

/// A strict RFC 8259 JSON parser from bytes to ``JSONValue``, with no Foundation on the hot path.
///
/// The parsing itself is ``JSONCore``, shared with `DrydockReport`'s JSON tree.
public enum JSONParser {
    /// Parses one JSON document (surrounding whitespace allowed).
    ///
    /// Throws ``VulnDBError`` with code `malformedInput`, the byte offset as location, and what was expected.
    public static func parse(_ bytes: [UInt8]) throws(VulnDBError) -> JSONValue {
        do {
            return try JSONCore.parse(bytes, as: JSONValue.self)
        } catch {
            throw VulnDBError(
                code: .malformedInput, reason: "invalid JSON: expected \(error.expected), found \(error.found)",
                location: "offset \(error.offset)")
        }
    }
}

extension JSONValue: JSONTree {
    public static var jsonNull: JSONValue { .null }
    public static func jsonBool(_ value: Bool) -> JSONValue { .bool(value) }
    public static func jsonNumber(_ text: String) -> JSONValue? { Double(text).map(JSONValue.number) }
    public static func jsonString(_ value: String) -> JSONValue { .string(value) }
    public static func jsonArray(_ elements: [JSONValue]) -> JSONValue { .array(elements) }
    public static func jsonMembers() -> [(key: String, value: JSONValue)] { [] }
    public static func jsonAppend(
        _ key: String, _ value: JSONValue, to members: inout [(key: String, value: JSONValue)]
    ) {
        members.append((key, value))
    }
    public static func jsonObject(_ members: [(key: String, value: JSONValue)]) -> JSONValue { .object(members) }
}
