import Foundation
import TOMLKit
import Yams

// For each lockfile argument: the median time of the hand-written reader and of the library, as JSON lines.

/// Yams' tree as the `TreeValue` lockfile parsers read.
func yamlDocuments(_ bytes: [UInt8]) throws -> [TreeValue] {
    let parser = try Parser(yaml: String(decoding: bytes, as: UTF8.self), resolver: .basic)
    var documents: [TreeValue] = []
    while let node = try parser.nextRoot() { documents.append(tree(node)) }
    return documents
}

func tree(_ node: Node) -> TreeValue {
    switch node {
    case .scalar(let scalar):
        if scalar.style == .plain, ["~", "null", ""].contains(scalar.string) { return .null }
        return .string(scalar.string)
    case .sequence(let sequence): return .array(sequence.map(tree))
    case .mapping(let mapping):
        var values: [String: TreeValue] = [:]
        var keys: [String] = []
        for (key, value) in mapping {
            let name = key.scalar?.string ?? ""
            if values.updateValue(tree(value), forKey: name) == nil { keys.append(name) }
        }
        return .object(values, keys: keys)
    case .alias: return .null
    }
}

/// TOMLKit's table as a `TreeValue`.
func tomlDocument(_ bytes: [UInt8]) throws -> TreeValue {
    tree(try TOMLTable(string: String(decoding: bytes, as: UTF8.self)))
}

func tree(_ value: any TOMLValueConvertible) -> TreeValue {
    if let table = value.table {
        var values: [String: TreeValue] = [:]
        for key in table.keys { if let child = table[key] { values[key] = tree(child) } }
        return .object(values, keys: table.keys)
    }
    if let array = value.array { return .array(array.map { tree($0) }) }
    if let string = value.string { return .string(string) }
    if let bool = value.bool { return .string(bool ? "true" : "false") }
    if let int = value.int { return .string(String(int)) }
    return .string(value.debugDescription)
}

/// The tree with every mapping's keys in sorted order: TOML tables are unordered, and TOMLKit (toml++) hands
/// its keys back sorted, so trees are compared without the written order.
func unordered(_ value: TreeValue) -> TreeValue {
    switch value {
    case .object(let values, let keys): .object(values.mapValues(unordered), keys: keys.sorted())
    case .array(let items): .array(items.map(unordered))
    case .string, .null: value
    }
}

func median(_ samples: [Double]) -> Double { samples.sorted()[samples.count / 2] }

/// Median seconds of one call, over enough calls to last `budget` seconds (at least 5).
func time(budget: Double = 0.3, _ body: () throws -> Void) rethrows -> Double {
    var samples: [Double] = []
    let start = Date()
    while samples.count < 5 || Date().timeIntervalSince(start) < budget {
        let clock = Date()
        try body()
        samples.append(Date().timeIntervalSince(clock))
        if samples.count >= 2000 { break }
    }
    return median(samples)
}

let tomlNames: Set<String> = ["Cargo.lock", "poetry.lock", "uv.lock", "pdm.lock", "pylock.toml"]
for path in CommandLine.arguments.dropFirst() {
    guard let data = FileManager.default.contents(atPath: path) else { continue }
    let bytes = Array(data)
    let name = (path as NSString).lastPathComponent
    let isTOML = tomlNames.contains(name) || name.hasSuffix(".toml")
    var line: [String: Any] = ["file": path, "format": isTOML ? "toml" : "yaml", "bytes": bytes.count]
    do {
        if isTOML {
            let own = try TOMLReader.parse(bytes, path: path)
            let library = try tomlDocument(bytes)
            line["same_tree"] = unordered(own) == unordered(library)
            line["handwritten_s"] = try time { _ = try TOMLReader.parse(bytes, path: path) }
            line["library_s"] = try time { _ = try tomlDocument(bytes) }
        } else {
            let own = try HandWrittenYAMLReader.parseDocuments(bytes, path: path)
            let library = try yamlDocuments(bytes)
            line["same_tree"] = own == library
            line["handwritten_s"] = try time { _ = try HandWrittenYAMLReader.parseDocuments(bytes, path: path) }
            line["library_s"] = try time { _ = try yamlDocuments(bytes) }
        }
    } catch {
        line["error"] = String(describing: error)
    }
    let json = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
    print(String(decoding: json, as: UTF8.self))
}
