import Yams

/// A configuration file (`drydock.yaml`, or Trivy's `trivy.yaml`) flattened into dotted keys.
///
/// Nested mappings become dotted keys (`scan: {skip-dirs: [a]}` is `scan.skip-dirs`), as in Trivy's layout;
/// flat keys (`skip-dirs: [a]`) are Drydock's own layout. Each entry keeps its line for messages.
struct ConfigFile: Equatable {
    /// One key with its value.
    struct Entry: Equatable {
        /// The dotted key (`vulnerability.ignore-unfixed`).
        var key: String
        /// The value: one string for a scalar, one per element for a sequence.
        var values: [String]
        /// Whether the value was a sequence.
        var isList: Bool
        /// 1-based line of the key.
        var line: Int
    }

    /// The file's path, as given.
    var path: String
    var entries: [Entry]

    /// Parses `text` read from `path`. An empty file is an empty configuration; anything but a mapping at the
    /// top, a mapping inside a sequence, or malformed YAML is an error naming the line.
    static func parse(_ text: String, path: String) throws(ConfigFileError) -> ConfigFile {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigFileError(path: path, line: error.line, reason: error.problem)
        } catch {
            throw ConfigFileError(path: path, line: nil, reason: "\(error)")
        }
        guard let root else { return ConfigFile(path: path, entries: []) }
        guard case .mapping(let mapping) = root else {
            throw ConfigFileError(path: path, line: root.mark?.line, reason: "expected a mapping of keys to values")
        }
        var entries: [Entry] = []
        try flatten(mapping, prefix: "", path: path, into: &entries)
        return ConfigFile(path: path, entries: entries)
    }

    private static func flatten(
        _ mapping: Node.Mapping, prefix: String, path: String, into entries: inout [Entry]
    ) throws(ConfigFileError) {
        for (keyNode, value) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                throw ConfigFileError(path: path, line: keyNode.mark?.line, reason: "a key must be a plain name")
            }
            let key = prefix.isEmpty ? keyScalar.string : "\(prefix).\(keyScalar.string)"
            let line = keyNode.mark?.line ?? 0
            switch value {
            case .mapping(let nested):
                try flatten(nested, prefix: key, path: path, into: &entries)
            case .sequence(let sequence):
                var values: [String] = []
                for element in sequence {
                    guard case .scalar(let scalar) = element else {
                        throw ConfigFileError(
                            path: path, line: element.mark?.line ?? line,
                            reason: "'\(key)': expected a list of plain values")
                    }
                    values.append(scalar.string)
                }
                entries.append(Entry(key: key, values: values, isList: true, line: line))
            case .scalar(let scalar):
                // `key:` with nothing after it is YAML null: the key is present but sets nothing.
                if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) { continue }
                entries.append(Entry(key: key, values: [scalar.string], isList: false, line: line))
            case .alias:
                throw ConfigFileError(path: path, line: line, reason: "'\(key)': aliases are not supported here")
            }
        }
    }
}

/// Why a configuration file could not be used: a usage error naming the file and line.
struct ConfigFileError: Error, Equatable, CustomStringConvertible {
    var path: String
    var line: Int?
    var reason: String

    var description: String { line.map { "\(path):\($0): \(reason)" } ?? "\(path): \(reason)" }
}

extension YamlError {
    /// The 1-based line the error points at, when it has one.
    fileprivate var line: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }

    /// What libyaml says is wrong.
    fileprivate var problem: String {
        switch self {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
            .composer(let context, let problem, _, _):
            [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
        default: "\(self)"
        }
    }
}
