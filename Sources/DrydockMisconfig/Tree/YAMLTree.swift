import DrydockCatalog
import Foundation
import Yams

/// Reads YAML (and JSON, which YAML includes) into `ConfigNode` trees with line numbers, one per document.
///
/// Scalars resolve as YAML 1.2's core schema does (`yes` stays a string, as in Kubernetes' own decoder).
/// Anchors and aliases are expanded, within a bound: a document whose expansion would exceed
/// ``Limits/maximumNodes`` (a "billion laughs" bomb) fails with an error instead of eating memory,
/// and aliases used as mapping keys are refused before parsing. Merge keys (`<<: *base`) are applied.
public enum YAMLTree {
    /// Bounds on what one file may expand to.
    public struct Limits: Sendable, Hashable {
        /// The most nodes all documents of one file may expand to.
        public var maximumNodes: Int
        /// The deepest nesting accepted.
        public var maximumDepth: Int

        /// Creates limits.
        public init(maximumNodes: Int = 1_000_000, maximumDepth: Int = 256) {
            self.maximumNodes = maximumNodes
            self.maximumDepth = maximumDepth
        }
    }

    /// One document of a YAML stream.
    public struct Document: Sendable, Hashable {
        /// 0-based position in the stream.
        public var index: Int
        /// The root value; `nil` for an empty document.
        public var root: ConfigNode?
    }

    /// Parses every document of `text`.
    ///
    /// Throws `ConfigParseError` with the line of the first syntax error, an alias bomb, or a nesting
    /// deeper than the limits allow.
    public static func parse(_ text: String, limits: Limits = Limits()) throws(ConfigParseError) -> [Document] {
        try parseKeepingDuplicates(text, limits: limits).documents
    }

    /// Parses like `parse`, accepting duplicate mapping keys as Kubernetes' decoder does (the last value
    /// wins), and lists the duplicates found.
    ///
    /// YAML forbids duplicate keys and Yams refuses them; real manifests have them, so each refused key's
    /// earlier occurrence is renamed in a copy of the text and dropped after parsing.
    public static func parseKeepingDuplicates(_ text: String, limits: Limits = Limits()) throws(ConfigParseError)
        -> (documents: [Document], duplicates: [ConfigParseError])
    {
        try refuseAliasKeys(in: text)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var duplicates: [ConfigParseError] = []
        while true {
            do {
                return (try parseOnce(lines.joined(separator: "\n"), lines: lines, limits: limits), duplicates)
            } catch {
                switch error {
                case .duplicate(let key, let line, let column):
                    guard duplicates.count < 100, DuplicateKeys.renameFirst(key, line: line, column: column, in: &lines)
                    else {
                        throw ConfigParseError("YAML: duplicate key \(key) in one mapping", line: line)
                    }
                    duplicates.append(ConfigParseError("duplicate key '\(key)': the last value is used", line: line))
                case .other(let failure):
                    throw failure
                }
            }
        }
    }

    enum Failure: Error {
        case duplicate(key: String, line: Int, column: Int)
        case other(ConfigParseError)
    }

    static func parseOnce(_ text: String, lines: [String], limits: Limits) throws(Failure) -> [Document] {
        var converter = Converter(lines: lines.map { Substring($0) }, limits: limits)
        var documents: [Document] = []
        do {
            let parser = try Parser(yaml: text, resolver: .basic, constructor: .default, encoding: .utf8)
            while let node = try parser.nextRoot() {
                let root = try converter.convert(node, depth: 0)
                documents.append(Document(index: documents.count, root: root.isNull ? nil : root))
            }
        } catch let error as ConfigParseError {
            throw .other(error)
        } catch let YamlError.duplicatedKeysInMapping(keys, context) where keys.count >= 1 {
            throw .duplicate(key: keys[0], line: context.mark.line, column: context.mark.column)
        } catch let error as YamlError {
            throw .other(ConfigParseError.fromYams(error))
        } catch {
            throw .other(ConfigParseError("cannot parse YAML: \(error)"))
        }
        return documents
    }

    /// Refuses aliases in key position (`*a: x`, `? *a`): see `YAMLSafety.aliasKeyLine(in:)`.
    static func refuseAliasKeys(in text: String) throws(ConfigParseError) {
        if let line = YAMLSafety.aliasKeyLine(in: text) {
            throw ConfigParseError("an alias is used as a mapping key; not supported", line: line)
        }
    }

    /// Turns Yams nodes into `ConfigNode`s, counting nodes against the limit.
    struct Converter {
        let lines: [Substring]
        let limits: Limits
        var produced = 0

        mutating func convert(_ node: Node, depth: Int) throws(ConfigParseError) -> ConfigNode {
            produced += 1
            let line = node.mark?.line ?? 1
            if produced > limits.maximumNodes {
                throw ConfigParseError(
                    "the document expands to more than \(limits.maximumNodes) values (an alias bomb?); not read",
                    line: line)
            }
            guard depth <= limits.maximumDepth else {
                throw ConfigParseError("nesting deeper than \(limits.maximumDepth) levels; not read", line: line)
            }
            switch node {
            case .scalar(let scalar):
                return ConfigNode(Self.resolve(scalar), range: LineRange(line, scalarEnd(scalar, line: line)))
            case .alias:
                return ConfigNode(.null, line: line)
            case .sequence(let sequence):
                var items: [ConfigNode] = []
                var end = line
                for item in sequence {
                    let converted = try convert(item, depth: depth + 1)
                    end = max(end, converted.range.end)
                    items.append(converted)
                }
                return ConfigNode(.sequence(items), range: LineRange(line, end))
            case .mapping(let mapping):
                var entries: [ConfigEntry] = []
                var end = line
                var merged: [ConfigEntry] = []
                for (key, value) in mapping {
                    let converted = try convert(value, depth: depth + 1)
                    end = max(end, converted.range.end)
                    let keyText = key.scalar.map(\.string) ?? ""
                    if keyText.hasPrefix(DuplicateKeys.marker) { continue }
                    if keyText == "<<", key.scalar?.style == .plain {
                        let sources = converted.isSequence ? converted.items : [converted]
                        for source in sources { merged += source.entries }
                        continue
                    }
                    entries.append(ConfigEntry(key: keyText, keyLine: key.mark?.line ?? line, value: converted))
                }
                for entry in merged where !entries.contains(where: { $0.key == entry.key }) {
                    entries.append(entry)
                }
                let start = min(line, entries.first?.keyLine ?? line)
                return ConfigNode(.mapping(entries), range: LineRange(start, end))
            }
        }

        /// The last line of a scalar: block scalars run over the following more-indented lines.
        func scalarEnd(_ scalar: Node.Scalar, line: Int) -> Int {
            switch scalar.style {
            case .literal, .folded:
                guard line >= 1, line <= lines.count else { return line }
                let indent = Self.indentation(lines[line - 1])
                var end = line
                var index = line
                while index < lines.count {
                    let next = lines[index]
                    if next.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) {
                        index += 1
                        continue
                    }
                    guard Self.indentation(next) > indent else { break }
                    index += 1
                    end = index
                }
                return end
            case .doubleQuoted, .singleQuoted, .plain, .any:
                return line
            }
        }

        static func indentation(_ line: Substring) -> Int {
            line.prefix { $0 == " " }.count
        }

        /// YAML 1.2 core schema resolution of a plain scalar; quoted and explicitly tagged strings stay strings.
        static func resolve(_ scalar: Node.Scalar) -> ConfigNode.Value {
            let text = scalar.string
            // `Tag.name` is internal to Yams; its raw value is "" for untagged scalars and "!" for `!`.
            let tag = scalar.tag.rawValue
            switch tag {
            case "", "!":
                return scalar.style == .plain ? resolvePlain(text) : .string(text)
            case "tag:yaml.org,2002:str": return .string(text)
            case "tag:yaml.org,2002:int": return Int(text).map(ConfigNode.Value.int) ?? .string(text)
            case "tag:yaml.org,2002:float": return Double(text).map(ConfigNode.Value.float) ?? .string(text)
            case "tag:yaml.org,2002:bool": return resolvePlain(text.lowercased())
            case "tag:yaml.org,2002:null": return .null
            default: return .string(text)
            }
        }

        static func resolvePlain(_ text: String) -> ConfigNode.Value {
            switch text {
            case "", "~", "null", "Null", "NULL": return .null
            case "true", "True", "TRUE": return .bool(true)
            case "false", "False", "FALSE": return .bool(false)
            default: break
            }
            guard let first = text.utf8.first,
                first == UInt8(ascii: "-") || first == UInt8(ascii: "+")
                    || first == UInt8(ascii: ".") || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
            else { return .string(text) }
            if let int = Int(text) { return .int(int) }
            if text.hasPrefix("0x"), let int = Int(text.dropFirst(2), radix: 16) { return .int(int) }
            if text.hasPrefix("0o"), let int = Int(text.dropFirst(2), radix: 8) { return .int(int) }
            switch text {
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
            case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
            case ".nan", ".NaN", ".NAN": return .float(.nan)
            default: break
            }
            let isFloat =
                text.unicodeScalars.allSatisfy { "0123456789.eE+-".unicodeScalars.contains($0) }
                && text.contains(where: \.isNumber)
            if isFloat, let double = Double(text) { return .float(double) }
            return .string(text)
        }
    }
}

extension ConfigParseError {
    /// The YAML library's error in our terms, with its line.
    static func fromYams(_ error: YamlError) -> ConfigParseError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return ConfigParseError("YAML syntax: \(prefix)\(problem)", line: context?.mark.line ?? mark.line)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigParseError(
                "YAML: duplicate key(s) \(duplicates.joined(separator: ", ")) in one mapping", line: context.mark.line)
        case .reader(let problem, _, _, _):
            return ConfigParseError("YAML: \(problem)")
        default:
            return ConfigParseError("YAML: \(error)")
        }
    }
}
