/// A JSON tree type the shared parsing core can build: each case made from what the parser read.
///
/// Both JSON trees in the code base (`DrydockVulnDB.JSONValue` and `DrydockReport.JSONValue`) conform, so
/// one parser serves both (see `BENCHMARKS.md`, "JSON parsers").
public protocol JSONTree {
    /// How the tree holds an object's members while they are read (its own tuple type, so that building
    /// an object converts nothing).
    associatedtype JSONMembers
    /// `null`.
    static var jsonNull: Self { get }
    /// `true` or `false`.
    static func jsonBool(_ value: Bool) -> Self
    /// A number; `text` is valid RFC 8259 number syntax. `nil` when the tree cannot hold it.
    static func jsonNumber(_ text: String) -> Self?
    /// A string, escapes resolved.
    static func jsonString(_ value: String) -> Self
    /// An array.
    static func jsonArray(_ elements: [Self]) -> Self
    /// No members yet.
    static func jsonMembers() -> JSONMembers
    /// Appends a member read after those in `members`.
    static func jsonAppend(_ key: String, _ value: Self, to members: inout JSONMembers)
    /// An object's members in document order.
    static func jsonObject(_ members: JSONMembers) -> Self
}

/// Where and why JSON text is invalid: the byte offset, what was expected and what was found.
public struct JSONSyntaxError: Error, Sendable, Hashable {
    public var offset: Int
    public var expected: String
    public var found: String

    public init(offset: Int, expected: String, found: String) {
        self.offset = offset
        self.expected = expected
        self.found = found
    }
}

/// The strict RFC 8259 JSON parser both JSON trees use: bytes to any ``JSONTree``, no Foundation on the hot
/// path, nesting limited to 512 levels so hostile input cannot exhaust the stack.
///
/// `@inlinable` so that each tree's module gets a specialised copy (a generic call across modules would
/// otherwise go through witness tables for every value).
public enum JSONCore {
    /// Parses one JSON document (surrounding whitespace allowed) into `Tree`.
    @inlinable
    public static func parse<Tree: JSONTree>(_ bytes: [UInt8], as: Tree.Type = Tree.self) throws(JSONSyntaxError)
        -> Tree
    {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONSyntaxError) -> Tree in
            var reader = JSONCoreReader<Tree>(bytes: buffer)
            let value = try reader.value(depth: 0)
            reader.skipWhitespace()
            guard reader.index == buffer.count else { throw reader.failure("end of document") }
            return value
        }
    }
}

@usableFromInline
struct JSONCoreReader<Tree: JSONTree> {
    @usableFromInline let bytes: UnsafeBufferPointer<UInt8>
    @usableFromInline var index = 0

    @usableFromInline static var maxDepth: Int { 512 }

    @inlinable init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    @inlinable func failure(_ expected: String) -> JSONSyntaxError {
        let found = index < bytes.count ? "byte 0x\(String(bytes[index], radix: 16))" : "end of input"
        return JSONSyntaxError(offset: index, expected: expected, found: found)
    }

    @inlinable mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    @inlinable mutating func value(depth: Int) throws(JSONSyntaxError) -> Tree {
        skipWhitespace()
        guard index < bytes.count else { throw failure("a value") }
        guard depth < Self.maxDepth else { throw failure("less nesting") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .jsonString(try string())
        case UInt8(ascii: "t"): return try literal("true", .jsonBool(true))
        case UInt8(ascii: "f"): return try literal("false", .jsonBool(false))
        case UInt8(ascii: "n"): return try literal("null", .jsonNull)
        default:
            let start = index
            let text = try number()
            guard let value = Tree.jsonNumber(text) else {
                index = start
                throw failure("a number this document type can hold")
            }
            return value
        }
    }

    @inlinable mutating func literal(_ word: StaticString, _ value: Tree) throws(JSONSyntaxError) -> Tree {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw failure("\(word)") }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw failure("\(word)")
        }
        index += count
        return value
    }

    @inlinable mutating func object(depth: Int) throws(JSONSyntaxError) -> Tree {
        index += 1
        var members = Tree.jsonMembers()
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .jsonObject(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("a member name") }
            let key = try string()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("':'") }
            index += 1
            Tree.jsonAppend(key, try value(depth: depth + 1), to: &members)
            skipWhitespace()
            guard index < bytes.count else { throw failure("',' or '}'") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .jsonObject(members)
            } else {
                throw failure("',' or '}'")
            }
        }
    }

    @inlinable mutating func array(depth: Int) throws(JSONSyntaxError) -> Tree {
        index += 1
        var elements: [Tree] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .jsonArray(elements)
        }
        while true {
            elements.append(try value(depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else { throw failure("',' or ']'") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .jsonArray(elements)
            } else {
                throw failure("',' or ']'")
            }
        }
    }

    @inlinable mutating func string() throws(JSONSyntaxError) -> String {
        index += 1
        let start = index
        // Fast path: no escapes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw failure("no control characters in a string") }
            index += 1
        }
        var scratch = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: scratch, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { throw failure("an escape") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(escape)
                case UInt8(ascii: "b"): scratch.append(0x08)
                case UInt8(ascii: "f"): scratch.append(0x0C)
                case UInt8(ascii: "n"): scratch.append(0x0A)
                case UInt8(ascii: "r"): scratch.append(0x0D)
                case UInt8(ascii: "t"): scratch.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar), index + 1 < bytes.count,
                        bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                    {
                        index += 2
                        let low = try hex4()
                        if (0xDC00...0xDFFF).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            appendScalar(0xFFFD, to: &scratch)
                            scalar = low
                        }
                    }
                    appendScalar(scalar, to: &scratch)
                default:
                    index -= 1
                    throw failure("a valid escape")
                }
            default:
                if byte < 0x20 { throw failure("no control characters in a string") }
                scratch.append(byte)
                index += 1
            }
        }
        throw failure("'\"'")
    }

    @inlinable mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw failure("4 hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 55)
            default: throw failure("a hex digit")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    @inlinable func appendScalar(_ value: UInt32, to scratch: inout [UInt8]) {
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        scratch.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    /// The text of a number (RFC 8259 syntax checked).
    @inlinable mutating func number() throws(JSONSyntaxError) -> String {
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        var digits = 0
        while index < bytes.count, (48...57).contains(bytes[index]) {
            index += 1
            digits += 1
        }
        guard digits > 0 else { throw failure("a value") }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var fraction = 0
            while index < bytes.count, (48...57).contains(bytes[index]) {
                index += 1
                fraction += 1
            }
            guard fraction > 0 else { throw failure("a digit") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            var exponent = 0
            while index < bytes.count, (48...57).contains(bytes[index]) {
                index += 1
                exponent += 1
            }
            guard exponent > 0 else { throw failure("a digit") }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }
}
