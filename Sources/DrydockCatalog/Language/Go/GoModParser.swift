import DrydockModel

/// A parsed `go.mod`: the module, the `go` directive, requirements and replacements.
public struct GoModFile: Sendable, Hashable, Codable {
    /// One `require` line.
    public struct Requirement: Sendable, Hashable, Codable {
        /// Module path.
        public var path: String
        /// Required version.
        public var version: String
        /// Marked `// indirect`.
        public var indirect: Bool
    }

    /// One `replace` line: `OLD [VERSION] => NEW [VERSION]`.
    public struct Replacement: Sendable, Hashable, Codable {
        /// The replaced module.
        public var oldPath: String
        /// The replaced version, when the directive names one.
        public var oldVersion: String?
        /// The replacement module or local folder.
        public var newPath: String
        /// The replacement's version; `nil` for a local folder.
        public var newVersion: String?
    }

    /// The `module` path.
    public var module: String?
    /// The `go` directive (`1.21`, `1.22.0`).
    public var goVersion: String?
    /// Requirements, in file order.
    public var requirements: [Requirement]
    /// Replacements, in file order.
    public var replacements: [Replacement]

    /// Whether the file predates Go 1.17, whose `go.mod` files do not list every indirect dependency
    /// (a file without a `go` line is as old).
    public var listsIndirectDependencies: Bool {
        guard let goVersion else { return false }
        let parts = goVersion.split(separator: ".").map { Int($0.prefix { $0.isNumber }) ?? 0 }
        guard parts.count >= 2 else { return false }
        return parts[0] > 1 || parts[1] >= 17
    }
}

/// Parses `go.mod` files (Trivy type `gomod`), following Trivy's rules:
///
/// - every `require` is a package, except `// indirect` ones in files older than Go 1.17;
/// - a `replace` whose old side matches a required module (and version, when given) substitutes the new
///   module and version; a replacement by a local folder (no version) removes the package;
/// - the main module is the `root`, without a version (a `go.mod` names none), depending on the direct
///   requirements, as Trivy reports it; it is listed, not matched.
public enum GoModParser {
    /// Parses `bytes`. Throws `CatalogError` (`malformed-database`) for a line that is not go.mod syntax
    /// (an unterminated block or quote, a `require` without a version).
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> GoModFile {
        var file = GoModFile(module: nil, goVersion: nil, requirements: [], replacements: [])
        var block: String?
        for (index, rawLine) in String(decoding: bytes, as: UTF8.self).split(
            omittingEmptySubsequences: false, whereSeparator: \.isNewline
        ).enumerated() {
            let lineNumber = index + 1
            var line = Substring(rawLine)
            var comment = ""
            if let range = line.range(of: "//") {
                comment = line[range.upperBound...].trimmingSpaces()
                line = line[..<range.lowerBound]
            }
            var words = try tokens(line, path: path, line: lineNumber)
            if words.isEmpty { continue }
            if block != nil, words == [")"] {
                block = nil
                continue
            }
            let verb: String
            if let current = block {
                verb = current
            } else {
                verb = words.removeFirst()
                if words == ["("] {
                    block = verb
                    continue
                }
            }
            switch verb {
            case "module":
                file.module = words.first
            case "go":
                file.goVersion = words.first
            case "require":
                guard words.count >= 2 else {
                    throw CatalogError(
                        code: .malformedDatabase, reason: "require needs a module path and a version",
                        location: "\(path):\(lineNumber)")
                }
                let indirect = comment.split(separator: ";").contains { $0.trimmingSpaces() == "indirect" }
                file.requirements.append(.init(path: words[0], version: words[1], indirect: indirect))
            case "replace":
                guard let arrow = words.firstIndex(of: "=>"), arrow >= 1, arrow + 1 < words.count else {
                    throw CatalogError(
                        code: .malformedDatabase, reason: "replace needs `OLD [VERSION] => NEW [VERSION]`",
                        location: "\(path):\(lineNumber)")
                }
                file.replacements.append(
                    .init(
                        oldPath: words[0], oldVersion: arrow >= 2 ? words[1] : nil, newPath: words[arrow + 1],
                        newVersion: arrow + 2 < words.count ? words[arrow + 2] : nil))
            default:
                break  // exclude, retract, toolchain, godebug, tool: no packages
            }
        }
        if block != nil {
            throw CatalogError(code: .malformedDatabase, reason: "a ( block is never closed", location: path)
        }
        return file
    }

    /// The packages of `file`, by Trivy's rules (see the type's documentation), sorted by name.
    /// Requirements marked `// indirect` are indirect dependencies, the others direct; the module itself is
    /// the root.
    public static func packages(_ file: GoModFile, path: String) -> [Package] {
        var versions: [String: (version: String, indirect: Bool)] = [:]
        for requirement in file.requirements where file.listsIndirectDependencies || !requirement.indirect {
            versions[requirement.path] = (requirement.version, requirement.indirect)
        }
        for replacement in file.replacements {
            guard let current = versions[replacement.oldPath] else { continue }
            if let oldVersion = replacement.oldVersion, oldVersion != current.version { continue }
            versions[replacement.oldPath] = nil
            if let newVersion = replacement.newVersion {
                versions[replacement.newPath] = (newVersion, current.indirect)
            }
        }
        var packages = versions.keys.sorted().compactMap { name in
            versions[name].map { required in
                var package = GoPackageURL.package(name: name, version: required.version, filePath: path)
                package.relationship = required.indirect ? .indirect : .direct
                return package
            }
        }
        if let module = file.module, !module.isEmpty, versions[module] == nil {
            var root = GoPackageURL.package(name: module, version: "", filePath: path)
            root.relationship = .root
            root.dependsOn = packages.filter { $0.relationship == .direct }.map(\.id).sorted()
            packages.append(root)
            packages.sort { $0.name < $1.name }
        }
        return packages
    }

    /// For files older than Go 1.17, adds the modules `go.sum` lists that `go.mod` does not (Trivy's rule
    /// for old modules, whose `go.mod` omits indirect dependencies). Newer files are returned unchanged.
    public static func packages(_ file: GoModFile, sum: [Package], path: String) -> [Package] {
        var packages = packages(file, path: path)
        guard !file.listsIndirectDependencies else { return packages }
        let known = Set(packages.map(\.name)).union(file.replacements.map(\.oldPath))
        for var package in sum where !known.contains(package.name) && package.name != file.module {
            package.filePath = path
            package.relationship = .indirect
            packages.append(package)
        }
        return packages.sorted { $0.name < $1.name }
    }

    private static func tokens(_ line: Substring, path: String, line number: Int) throws(CatalogError) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        for character in line {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "`" {
                quote = character
            } else if character == " " || character == "\t" || character == "\r" {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if quote != nil {
            throw CatalogError(code: .malformedDatabase, reason: "unterminated quote", location: "\(path):\(number)")
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}

/// Parses `go.sum`: `MODULE VERSION[/go.mod] HASH` lines. Each module is reported once, with the last
/// version listed for it (as Trivy does).
public enum GoSumParser {
    /// Parses `bytes`; malformed lines are skipped.
    public static func parse(_ bytes: [UInt8], path: String) -> [Package] {
        var versions: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard fields.count >= 3 else { continue }
            var version = fields[1]
            if version.hasSuffix("/go.mod") { version = version.dropLast("/go.mod".count) }
            versions[String(fields[0])] = String(version)
        }
        return versions.keys.sorted().compactMap { name in
            versions[name].map { GoPackageURL.package(name: name, version: $0, filePath: path) }
        }
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    fileprivate func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        return String(self.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
