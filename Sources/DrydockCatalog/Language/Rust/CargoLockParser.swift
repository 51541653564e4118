import DrydockModel

/// Parses `Cargo.lock`, lockfile versions 1 to 4 (Trivy type `cargo`).
///
/// Every `[[package]]` table with a `name` and a `version` is a package, workspace members and path
/// dependencies included (Trivy reports them too). Other tables (`[metadata]` in version 1, `[patch]`) and
/// keys are ignored. Each package's `dependencies` (`"name"`, `"name version"` or `"name version (source)"`)
/// become its `dependsOn` IDs; a bare name resolves to the one package of that name. Only the TOML Cargo
/// writes is understood: `key = "string"`, integers and arrays of
/// strings, possibly spanning lines.
public enum CargoLockParser {
    /// Parses `bytes`. Throws `CatalogError` (`malformed-database`) for a line that is not TOML of that
    /// shape; a `[[package]]` without `name` or `version` is skipped with a warning.
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> (
        packages: [Package], warnings: [CatalogWarning]
    ) {
        var packages: [Package] = []
        var dependencies: [[String]] = []
        var warnings: [CatalogWarning] = []
        var current: [String: String]?
        var currentDependencies: [String] = []
        var currentLine = 0
        var inPackage = false
        var openArray = false
        var collecting = false
        func finish() {
            guard let fields = current else { return }
            if let name = fields["name"], let version = fields["version"] {
                packages.append(
                    Package(
                        name: name, version: version, ecosystem: .cratesIO,
                        purl: "pkg:cargo/\(PackageURLEncoding.encode(name))@\(PackageURLEncoding.encode(version))",
                        filePath: path))
                dependencies.append(currentDependencies)
            } else {
                warnings.append(
                    CatalogWarning(
                        path: path, line: currentLine, message: "[[package]] without name or version; skipped"))
            }
            current = nil
            currentDependencies = []
        }
        let lines = String(decoding: bytes, as: UTF8.self).split(
            omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingWhitespace()
            if openArray {
                if collecting { currentDependencies += Self.quotedStrings(line) }
                if Self.closesArray(line) { openArray = false }
                continue
            }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                finish()
                inPackage = line == "[[package]]"
                if inPackage {
                    current = [:]
                    currentLine = index + 1
                }
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw CatalogError(
                    code: .malformedDatabase, reason: "expected `key = value` or a [table] header",
                    location: "\(path):\(index + 1)")
            }
            let key = String(line[..<equals]).trimmingWhitespace()
            let value = String(line[line.index(after: equals)...]).trimmingWhitespace()
            if value.hasPrefix("[") {
                collecting = inPackage && key == "dependencies"
                if collecting { currentDependencies += Self.quotedStrings(value) }
                openArray = !Self.closesArray(value)
                continue
            }
            guard inPackage else { continue }
            guard let string = Self.string(value) else {
                if value.first?.isNumber == true || value == "true" || value == "false" { continue }
                throw CatalogError(
                    code: .malformedDatabase, reason: "value of `\(key)` is not a TOML string",
                    location: "\(path):\(index + 1)")
            }
            current?[key] = string
        }
        if openArray {
            throw CatalogError(code: .malformedDatabase, reason: "an array is never closed", location: path)
        }
        finish()
        return (resolve(packages, dependencies), warnings)
    }

    /// Sets each package's `dependsOn` from its `dependencies` entries.
    static func resolve(_ packages: [Package], _ dependencies: [[String]]) -> [Package] {
        var versions: [String: [String]] = [:]
        for package in packages { versions[package.name, default: []].append(package.version) }
        var resolved = packages
        for (index, entries) in dependencies.enumerated() {
            let ids = entries.compactMap { entry -> String? in
                let words = entry.split(separator: " ")
                guard let name = words.first.map(String.init) else { return nil }
                if words.count > 1 { return "\(name)@\(words[1])" }
                guard let candidates = versions[name], candidates.count == 1 else { return nil }
                return "\(name)@\(candidates[0])"
            }
            resolved[index].dependsOn = Array(Set(ids)).sorted()
        }
        return resolved
    }

    /// The double-quoted strings on one line of an array.
    static func quotedStrings(_ text: String) -> [String] {
        var strings: [String] = []
        var current: String?
        for character in text {
            if var open = current {
                if character == "\"" {
                    strings.append(open)
                    current = nil
                } else {
                    open.append(character)
                    current = open
                }
            } else if character == "\"" {
                current = ""
            } else if character == "#" {
                break
            }
        }
        return strings
    }

    /// `"text"` (with escapes) or `'text'`, followed by nothing but a comment.
    static func string(_ value: String) -> String? {
        for triple in ["\"\"\"", "\'\'\'"] where value.hasPrefix(triple) {
            // A multi-line string closed on the same line (`"""1.7.2"""`); spanning lines is not Cargo's.
            let rest = value.dropFirst(3)
            guard let close = rest.range(of: triple) else { return nil }
            let tail = String(rest[close.upperBound...]).trimmingWhitespace()
            return tail.isEmpty || tail.hasPrefix("#") ? String(rest[..<close.lowerBound]) : nil
        }
        guard let quote = value.first, quote == "\"" || quote == "'" else { return nil }
        var result = ""
        var escaped = false
        var rest = value.dropFirst()
        while let character = rest.first {
            rest = rest.dropFirst()
            if escaped {
                result.append(character == "n" ? "\n" : character == "t" ? "\t" : character)
                escaped = false
            } else if quote == "\"", character == "\\" {
                escaped = true
            } else if character == quote {
                let tail = String(rest).trimmingWhitespace()
                return tail.isEmpty || tail.hasPrefix("#") ? result : nil
            } else {
                result.append(character)
            }
        }
        return nil
    }

    /// Whether `text` ends an array: its last `]` lies outside quotes.
    static func closesArray(_ text: String) -> Bool {
        var quote: Character?
        var closed = false
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#" {
                break
            } else if character == "]" {
                closed = true
            } else if !character.isWhitespace, character != "," {
                closed = false
            }
        }
        return closed
    }
}

extension StringProtocol {
    /// Without leading and trailing whitespace.
    func trimmingWhitespace() -> String {
        String(self.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
