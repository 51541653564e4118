import DrydockModel
import Foundation
import Yams

/// Reading a YAML document node by node, keeping every value's line so errors and decisions can cite it.
///
/// A thin layer over Yams' composed `Node` tree: typed accessors that throw ``PolicyError`` naming the file
/// and line, and a record of the keys a reader used so the rest can be reported as unknown fields.
struct YAMLReader {
    /// The file, as errors name it.
    let file: String

    /// The document's root, or `nil` for an empty document.
    func root(of text: String) throws(PolicyError) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            // libyaml places an error at the end of input one line past the last; name the last line instead.
            let lastLine = max(
                1, text.split(separator: "\n", omittingEmptySubsequences: false).count - (text.hasSuffix("\n") ? 1 : 0))
            let line = YAMLReader.line(of: error).map { min($0, lastLine) }
            throw PolicyError(.yaml, YAMLReader.describe(error), at: location(line: line))
        } catch {
            throw PolicyError(.yaml, "not YAML: \(error)", at: location(line: nil))
        }
    }

    func location(line: Int?) -> SourceLocation { SourceLocation(file: file, line: line) }

    func location(_ node: Node) -> SourceLocation { location(line: node.mark?.line) }

    /// The members of a mapping, in file order, with their keys as text.
    func mapping(_ node: Node, _ what: String) throws(PolicyError) -> [(key: String, keyNode: Node, value: Node)] {
        guard case .mapping(let mapping) = node else {
            throw PolicyError(.schema, "\(what) must be a mapping (key: value), not \(kind(node))", at: location(node))
        }
        var members: [(key: String, keyNode: Node, value: Node)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                throw PolicyError(.schema, "\(what) has a key that is not a plain word", at: location(key))
            }
            members.append((scalar.string, key, value))
        }
        return members
    }

    /// The items of a sequence.
    func sequence(_ node: Node, _ what: String) throws(PolicyError) -> [Node] {
        guard case .sequence(let sequence) = node else {
            throw PolicyError(.schema, "\(what) must be a list, not \(kind(node))", at: location(node))
        }
        return Array(sequence)
    }

    /// The items of a sequence, or the node itself when a single value stands for a one-item list.
    func list(_ node: Node, _ what: String) -> [Node] {
        if case .sequence(let sequence) = node { return Array(sequence) }
        return [node]
    }

    /// A scalar's text (any scalar: quoted or plain, numbers and dates as written).
    func string(_ node: Node, _ what: String) throws(PolicyError) -> String {
        guard case .scalar(let scalar) = node else {
            throw PolicyError(.schema, "\(what) must be a single value, not \(kind(node))", at: location(node))
        }
        return scalar.string
    }

    /// A non-empty scalar text.
    func nonEmptyString(_ node: Node, _ what: String) throws(PolicyError) -> String {
        let text = try string(node, what).trimmingWhitespace
        guard !text.isEmpty else { throw PolicyError(.schema, "\(what) is empty", at: location(node)) }
        return text
    }

    /// A list of scalar texts (a single scalar counts as a list of one).
    func strings(_ node: Node, _ what: String) throws(PolicyError) -> [String] {
        var result: [String] = []
        for item in list(node, what) { result.append(try nonEmptyString(item, what)) }
        return result
    }

    /// A strict list of scalar texts (Trivy's `[]string` fields: a lone string is an error).
    func stringList(_ node: Node, _ what: String) throws(PolicyError) -> [String] {
        var result: [String] = []
        for item in try sequence(node, what) { result.append(try string(item, what)) }
        return result
    }

    /// A date: `YYYY-MM-DD` (00:00 UTC) or an RFC 3339 time.
    func date(_ node: Node, _ what: String) throws(PolicyError) -> Date {
        let text = try nonEmptyString(node, what)
        guard let date = PolicyDate.parse(text) else {
            throw PolicyError(
                .schema, "\(what) '\(text)' is not a date (YYYY-MM-DD or RFC 3339)", at: location(node))
        }
        return date
    }

    /// Package URLs written under `node`.
    func purls(_ texts: [String], at node: Node, _ what: String) throws(PolicyError) -> [PackageURL] {
        var purls: [PackageURL] = []
        for text in texts {
            guard let purl = PackageURL(text) else {
                throw PolicyError(.schema, "\(what): '\(text)' is not a package URL", at: location(node))
            }
            purls.append(purl)
        }
        return purls
    }

    /// `true` / `false` (YAML 1.1's yes/no/on/off accepted as Yams reads them).
    func bool(_ node: Node, _ what: String) throws(PolicyError) -> Bool {
        guard case .scalar = node, let value = node.bool else {
            throw PolicyError(.schema, "\(what) must be true or false", at: location(node))
        }
        return value
    }

    private func kind(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): "'\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        case .duplicatedKeysInMapping(_, let context): context.mark.line
        default: nil
        }
    }

    static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
            .composer(let context, let problem, _, _):
            let prefix = context.map { "\($0.text), " } ?? ""
            return "invalid YAML: \(prefix)\(problem)"
        case .duplicatedKeysInMapping(let duplicates, _):
            return "invalid YAML: key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) given twice"
        case .reader(let problem, _, _, _):
            return "invalid YAML: \(problem)"
        default:
            return "invalid YAML: \(error)"
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and newlines.
    var trimmingWhitespace: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return String(text)
    }
}
