/// Reads the subset of TOML that machine-written lockfiles use (`poetry.lock`, `uv.lock`, `pylock.toml`,
/// `pdm.lock`): tables, arrays of tables, dotted and quoted keys, strings (basic, literal, multi-line),
/// bare scalars (numbers, booleans, dates, kept as text), arrays and inline tables.
public struct TOMLReader {
    private let bytes: [UInt8]
    private let path: String
    private var position = 0
    private var line = 1
    /// Arrays and inline tables open around the value being read.
    private var depth = 0

    /// The deepest nesting of arrays and inline tables, and the most parts of a dotted key, accepted: far beyond
    /// any lockfile, and shallow enough that a hostile file cannot exhaust a thread's stack (the reader, and the
    /// tree it builds, recurse once per level).
    public static let maximumDepth = 64

    /// Parses `bytes`; `path` names the file in errors.
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> TreeValue {
        var reader = TOMLReader(bytes: bytes, path: path)
        return try reader.document()
    }

    private init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
    }

    /// A mutable document tree: tables are built in place, then frozen into `TreeValue`.
    private final class Table {
        var values: [String: Node] = [:]
        var keys: [String] = []
        func set(_ key: String, _ node: Node) {
            if values.updateValue(node, forKey: key) == nil { keys.append(key) }
        }
    }

    private enum Node {
        case value(TreeValue)
        case table(Table)
        case tables([Table])
    }

    private mutating func document() throws(CatalogError) -> TreeValue {
        let root = Table()
        var current = root
        while true {
            skipBlank(newlines: true)
            guard position < bytes.count else { break }
            if bytes[position] == UInt8(ascii: "[") {
                let isArray = position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "[")
                position += isArray ? 2 : 1
                let keyPath = try key()
                skipBlank(newlines: false)
                try expect(UInt8(ascii: "]"))
                if isArray { try expect(UInt8(ascii: "]")) }
                current = try open(keyPath, in: root, appending: isArray)
            } else {
                let keyPath = try key()
                skipBlank(newlines: false)
                try expect(UInt8(ascii: "="))
                skipBlank(newlines: false)
                let value = try value()
                var table = current
                for component in keyPath.dropLast() { table = try child(component, of: table) }
                if let last = keyPath.last { table.set(last, .value(value)) }
            }
            skipBlank(newlines: false)
            if position < bytes.count, bytes[position] != UInt8(ascii: "\n"), bytes[position] != UInt8(ascii: "\r") {
                throw failure("unexpected text after a value")
            }
        }
        return Self.freeze(root)
    }

    private func open(_ keyPath: [String], in root: Table, appending: Bool) throws(CatalogError) -> Table {
        var table = root
        for (index, component) in keyPath.enumerated() {
            let isLast = index == keyPath.count - 1
            if isLast && appending {
                let fresh = Table()
                if case .tables(let list)? = table.values[component] {
                    table.set(component, .tables(list + [fresh]))
                } else if table.values[component] == nil {
                    table.set(component, .tables([fresh]))
                } else {
                    throw failure("\(keyPath.joined(separator: ".")) is both a table and an array of tables")
                }
                return fresh
            }
            table = try child(component, of: table)
        }
        return table
    }

    private func child(_ key: String, of table: Table) throws(CatalogError) -> Table {
        switch table.values[key] {
        case .table(let existing)?: return existing
        case .tables(let list)?:
            guard let last = list.last else { throw failure("empty array of tables \(key)") }
            return last
        case .value?: throw failure("\(key) is a value, not a table")
        case nil:
            let fresh = Table()
            table.set(key, .table(fresh))
            return fresh
        }
    }

    private static func freeze(_ table: Table) -> TreeValue {
        var values: [String: TreeValue] = [:]
        for (key, node) in table.values {
            switch node {
            case .value(let value): values[key] = value
            case .table(let inner): values[key] = freeze(inner)
            case .tables(let list): values[key] = .array(list.map(freeze))
            }
        }
        return .object(values, keys: table.keys)
    }

    private mutating func key() throws(CatalogError) -> [String] {
        var components: [String] = []
        while true {
            skipBlank(newlines: false)
            guard position < bytes.count else { throw failure("key expected") }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                components.append(try quoted())
            } else {
                let start = position
                while position < bytes.count, Self.isBareKey(bytes[position]) { position += 1 }
                guard position > start else { throw failure("key expected") }
                components.append(String(decoding: bytes[start..<position], as: UTF8.self))
            }
            skipBlank(newlines: false)
            guard position < bytes.count, bytes[position] == UInt8(ascii: ".") else { return components }
            guard components.count < Self.maximumDepth else {
                throw failure("key of more than \(Self.maximumDepth) dotted parts")
            }
            position += 1
        }
    }

    private mutating func value() throws(CatalogError) -> TreeValue {
        guard position < bytes.count else { throw failure("value expected") }
        let byte = bytes[position]
        let nests = byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{")
        if nests {
            guard depth < Self.maximumDepth else {
                throw failure("arrays and inline tables nested more than \(Self.maximumDepth) deep")
            }
            depth += 1
        }
        defer { if nests { depth -= 1 } }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            return .string(try quoted())
        case UInt8(ascii: "["):
            position += 1
            var items: [TreeValue] = []
            while true {
                skipBlank(newlines: true)
                guard position < bytes.count else { throw failure("array not closed") }
                if bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    return .array(items)
                }
                items.append(try value())
                skipBlank(newlines: true)
                if position < bytes.count, bytes[position] == UInt8(ascii: ",") { position += 1 }
            }
        case UInt8(ascii: "{"):
            position += 1
            var pairs: [(String, TreeValue)] = []
            while true {
                skipBlank(newlines: false)
                guard position < bytes.count else { throw failure("inline table not closed") }
                if bytes[position] == UInt8(ascii: "}") {
                    position += 1
                    return .object(pairs)
                }
                let keyPath = try key()
                skipBlank(newlines: false)
                try expect(UInt8(ascii: "="))
                skipBlank(newlines: false)
                pairs.append((keyPath.joined(separator: "."), try value()))
                skipBlank(newlines: false)
                if position < bytes.count, bytes[position] == UInt8(ascii: ",") { position += 1 }
            }
        default:
            let start = position
            while position < bytes.count, !Self.endsBareValue(bytes[position]) { position += 1 }
            var end = position
            while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
            guard end > start else { throw failure("value expected") }
            return .string(String(decoding: bytes[start..<end], as: UTF8.self))
        }
    }

    private mutating func quoted() throws(CatalogError) -> String {
        let quote = bytes[position]
        let triple = position + 2 < bytes.count && bytes[position + 1] == quote && bytes[position + 2] == quote
        position += triple ? 3 : 1
        if triple, position < bytes.count, bytes[position] == UInt8(ascii: "\n") {
            position += 1
            line += 1
        }
        var out: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            if byte == quote {
                if !triple {
                    position += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if position + 2 < bytes.count, bytes[position + 1] == quote, bytes[position + 2] == quote {
                    position += 3
                    return String(decoding: out, as: UTF8.self)
                }
            }
            if byte == UInt8(ascii: "\n") {
                guard triple else { throw failure("string not closed on its line") }
                line += 1
            }
            if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\""), position + 1 < bytes.count {
                position += 1
                switch bytes[position] {
                case UInt8(ascii: "n"): out.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "t"): out.append(UInt8(ascii: "\t"))
                default: out.append(bytes[position])
                }
                position += 1
                continue
            }
            out.append(byte)
            position += 1
        }
        throw failure("string not closed")
    }

    private mutating func skipBlank(newlines: Bool) {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                position += 1
            case UInt8(ascii: "\n") where newlines:
                line += 1
                position += 1
            case UInt8(ascii: "#"):
                while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
            default:
                return
            }
        }
    }

    private mutating func expect(_ byte: UInt8) throws(CatalogError) {
        guard position < bytes.count, bytes[position] == byte else {
            throw failure("'\(Character(Unicode.Scalar(byte)))' expected")
        }
        position += 1
    }

    private func failure(_ reason: String) -> CatalogError {
        CatalogError(code: .malformedLockfile, reason: "not valid TOML: \(reason)", location: "\(path):\(line)")
    }

    private static func isBareKey(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }

    private static func endsBareValue(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
            UInt8(ascii: "#"):
            return true
        default:
            return false
        }
    }
}
