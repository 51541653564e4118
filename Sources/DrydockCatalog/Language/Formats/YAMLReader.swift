import Foundation
import Yams

/// Reads YAML lockfiles (`pnpm-lock.yaml`, Yarn Berry's `yarn.lock`, `pubspec.lock`, `Podfile.lock`) with
/// Yams into `TreeValue`s: scalars keep their text as written (`1.0.0`, `true`), plain `~`/`null`/empty are
/// null, anchors and aliases are expanded within a bound (see `YAMLSafety`).
///
/// This replaced a hand-written reader of the subset lockfiles use: on the real lockfiles of
/// `../shared/fixtures/trivy` Yams gives the same trees and is faster (BENCHMARKS.md).
public enum YAMLReader {
    /// Parses every document of `bytes`; `path` names the file in errors.
    public static func parseDocuments(_ bytes: [UInt8], path: String) throws(CatalogError) -> [TreeValue] {
        let text = String(decoding: bytes, as: UTF8.self)
        if let line = YAMLSafety.aliasKeyLine(in: text) {
            throw CatalogError(
                code: .malformedLockfile, reason: "an alias is used as a mapping key; not read",
                location: "\(path):\(line)")
        }
        var budget = YAMLSafety.nodeBudget(forBytes: bytes.count)
        var documents: [TreeValue] = []
        do {
            let parser = try Parser(yaml: text, resolver: .basic)
            while let node = try parser.nextRoot() {
                documents.append(try tree(node, budget: &budget, path: path))
            }
        } catch let error as CatalogError {
            throw error
        } catch let error as YamlError {
            throw YAMLSafety.catalogError(error, path: path)
        } catch {
            throw CatalogError(code: .malformedLockfile, reason: "not valid YAML: \(error)", location: path)
        }
        return documents
    }

    /// Parses a one-document file (the last document when there are several).
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> TreeValue {
        try parseDocuments(bytes, path: path).last ?? .null
    }

    static func tree(_ node: Node, budget: inout Int, path: String) throws(CatalogError) -> TreeValue {
        budget -= 1
        guard budget >= 0 else {
            throw CatalogError(
                code: .malformedLockfile, reason: "the document expands to too many values (an alias bomb?); not read",
                location: "\(path):\(node.mark?.line ?? 1)")
        }
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain, scalar.string == "~" || scalar.string == "null" || scalar.string.isEmpty {
                return .null
            }
            return .string(scalar.string)
        case .sequence(let sequence):
            var items: [TreeValue] = []
            for item in sequence { items.append(try tree(item, budget: &budget, path: path)) }
            return .array(items)
        case .mapping(let mapping):
            var pairs: [(String, TreeValue)] = []
            for (key, value) in mapping {
                pairs.append((key.scalar?.string ?? "", try tree(value, budget: &budget, path: path)))
            }
            return .object(pairs)
        case .alias:
            return .null
        }
    }
}

/// Guards shared by every reader of untrusted YAML (lockfiles here, manifests in `DrydockMisconfig`).
public enum YAMLSafety {
    /// The line of an alias used as a mapping key (`*a: x`, `? *a`), or `nil`. Yams hashes keys whole, so an
    /// aliased bomb there would hang before any bound applied; such keys have no use in these files.
    public static func aliasKeyLine(in text: String) -> Int? {
        guard text.utf8.contains(UInt8(ascii: "*")) else { return nil }
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            guard line.contains("*") else { continue }
            var trimmed = line.drop { $0 == " " || $0 == "\t" }
            while trimmed.hasPrefix("- ") { trimmed = trimmed.dropFirst(2).drop { $0 == " " } }
            if trimmed.hasPrefix("? *") || trimmed.hasPrefix("?\t*") { return lineNumber }
            guard trimmed.hasPrefix("*") else { continue }
            let name = trimmed.dropFirst().prefix { !" \t:,]}".contains($0) }
            let rest = trimmed.dropFirst(1 + name.count).drop { $0 == " " || $0 == "\t" }
            if rest.hasPrefix(":") && (rest.count == 1 || rest.dropFirst().first == " ") { return lineNumber }
        }
        return nil
    }

    /// How many values a file of `bytes` bytes may expand to: far above what any real file holds (each value
    /// takes at least a couple of bytes), far below what an alias bomb needs.
    public static func nodeBudget(forBytes bytes: Int) -> Int {
        max(100_000, bytes * 4)
    }

    /// Yams' error as a `CatalogError` naming the line where the problem starts.
    static func catalogError(_ error: YamlError, path: String) -> CatalogError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let line = context?.mark.line ?? mark.line
            let prefix = context.map { "\($0.text) " } ?? ""
            return CatalogError(
                code: .malformedLockfile, reason: "not valid YAML: \(prefix)\(problem)", location: "\(path):\(line)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return CatalogError(
                code: .malformedLockfile,
                reason: "not valid YAML: duplicate key(s) \(duplicates.joined(separator: ", "))",
                location: "\(path):\(context.mark.line)")
        default:
            return CatalogError(code: .malformedLockfile, reason: "not valid YAML: \(error)", location: path)
        }
    }
}
