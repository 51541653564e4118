import DrydockModel

/// Reads `yarn.lock`, both classic (v1) and Berry (v2+, YAML), line by line.
///
/// Each block starts with its unindented descriptor line (`"a@^1", a@^2:`) and holds a `version`.
/// Only registry packages are kept: descriptors (or Berry `resolution`s) using the git, file, link,
/// workspace, portal or exec protocols, or URLs, are left out. A name@version listed twice is
/// kept once. Patched registry packages (`patch:`) keep their registry version. An alias
/// (`foo@npm:bar@^1`) is reported under the package it installs (`bar`).
///
/// A block's `dependencies` and `optionalDependencies` (`name "range"`, Berry `name: range`) become
/// `dependsOn` IDs: the version of the block whose descriptor is `name@range` (Berry: `name@npm:range`).
///
/// The descriptors are kept (`ProjectFile.yarnLock`) so that the `package.json` beside the lockfile can name
/// the project's root package and its direct, indirect and development dependencies (`YarnProject`).
public enum YarnLockParser {
    /// Parses one `yarn.lock`.
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        var packages: [Package] = []
        var warnings: [CatalogWarning] = []
        var seen: Set<String> = []
        var descriptor: (text: Substring, line: Int)?
        var version: String?
        var resolution: String?
        var requires: [(String, String)] = []
        var inDependencies = false
        var resolved: [String: String] = [:]  // descriptor -> ID
        var edges: [String: [(String, String)]] = [:]  // ID -> (name, range)
        func flush() {
            guard let current = descriptor else { return }
            defer {
                descriptor = nil
                version = nil
                resolution = nil
                requires = []
                inDependencies = false
            }
            if current.text.hasPrefix("__metadata") { return }
            let spec = firstSpec(current.text)
            guard let (written, range) = split(resolution.map { Substring($0) } ?? spec) else {
                warnings.append(
                    CatalogWarning(path: path, line: current.line, message: "unreadable descriptor; skipped"))
                return
            }
            guard isRegistry(range) else { return }
            let name = aliasTarget(range) ?? written
            guard let version else {
                warnings.append(
                    CatalogWarning(path: path, line: current.line, message: "\(name) has no version; skipped"))
                return
            }
            let id = "\(name)@\(version)"
            for spec in specs(current.text) { resolved[String(spec)] = id }
            edges[id, default: []] += requires
            guard seen.insert(id).inserted else { return }
            packages.append(LanguagePackage.make(name: name, version: version, ecosystem: .npm, path: path))
        }
        for (offset, line) in TextLines.lines(bytes).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.first != " " {
                flush()
                guard line.hasSuffix(":") else {
                    throw CatalogError(
                        code: .malformedLockfile, reason: "descriptor line does not end with ':'",
                        location: "\(path):\(offset + 1)")
                }
                descriptor = (line.dropLast(), offset + 1)
                continue
            }
            if inDependencies, line.hasPrefix("    "), !line.hasPrefix("     ") {
                if let requirement = dependencyLine(line.dropFirst(4)) { requires.append(requirement) }
                continue
            }
            guard descriptor != nil, line.hasPrefix("  "), !line.hasPrefix("   ") else { continue }
            let body = line.dropFirst(2)
            inDependencies = body == "dependencies:" || body == "optionalDependencies:"

            if body.hasPrefix("version ") || body.hasPrefix("version:") {
                version = unquote(body.dropFirst(8))
            } else if body.hasPrefix("\"version\" ") {
                version = unquote(body.dropFirst(10))
            } else if body.hasPrefix("resolution:") {
                resolution = unquote(body.dropFirst(11))
            }
        }
        flush()
        for index in packages.indices {
            let ids = (edges[packages[index].id] ?? []).compactMap { name, range in
                resolved["\(name)@\(range)"] ?? resolved["\(name)@npm:\(range)"]
            }
            packages[index].dependsOn = Set(ids).sorted()
        }
        return LanguageFile(
            type: .yarn, packages: packages, warnings: warnings,
            project: .yarnLock(YarnDescriptors(ids: resolved)))
    }

    /// `name "range"` (classic) or `name: range` (Berry), names and ranges unquoted.
    private static func dependencyLine(_ body: Substring) -> (String, String)? {
        let separator: Substring.Index?
        if body.hasPrefix("\"") {
            separator = body.dropFirst().firstIndex(of: "\"").map { body.index(after: $0) }
        } else {
            separator = body.firstIndex { $0 == " " || $0 == ":" }
        }
        guard let end = separator else { return nil }
        var name = body[..<end]
        if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = name.dropFirst().dropLast() }
        var rest = body[end...]
        if rest.hasPrefix(":") { rest = rest.dropFirst() }
        let range = unquote(rest)
        guard !name.isEmpty, !range.isEmpty else { return nil }
        return (String(name), range)
    }

    /// Every descriptor of a block header, unquoted.
    private static func specs(_ header: Substring) -> [Substring] {
        header.split(separator: ",").map { part in
            var spec = part.drop { $0 == " " }
            if spec.hasPrefix("\""), spec.hasSuffix("\""), spec.count >= 2 { spec = spec.dropFirst().dropLast() }
            return spec
        }
    }

    private static func unquote(_ text: Substring) -> String {
        var value = text.drop { $0 == " " }
        if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
        return String(value)
    }

    /// The first descriptor of a block header, unquoted.
    private static func firstSpec(_ header: Substring) -> Substring {
        specs(header).first ?? header
    }

    /// `@scope/name@npm:^1` → (`@scope/name`, `npm:^1`).
    private static func split(_ spec: Substring) -> (String, Substring)? {
        let searchStart = spec.hasPrefix("@") ? spec.index(after: spec.startIndex) : spec.startIndex
        guard let at = spec[searchStart...].firstIndex(of: "@") else { return nil }
        let name = spec[..<at]
        guard !name.isEmpty else { return nil }
        return (String(name), spec[spec.index(after: at)...])
    }

    /// The package an alias installs (`foo-json@npm:@types/jsonstream@0.8.33` → `@types/jsonstream`,
    /// `foo-ms@npm:ms` → `ms`), which is the name advisories use; `nil` when `range` is a plain range.
    static func aliasTarget(_ range: Substring) -> String? {
        guard range.hasPrefix("npm:") else { return nil }
        let target = range.dropFirst(4)
        if let (name, _) = split(target) { return name }
        // A scoped name without a range (`npm:@types/uuid`), or a bare name that is not a dist-tag.
        if target.hasPrefix("@"), target.contains("/") { return String(target) }
        guard let first = target.first, first.isLetter, !["latest", "next"].contains(target) else { return nil }
        return String(target)
    }

    private static let localProtocols = [
        "git", "file:", "link:", "workspace:", "portal:", "exec:", "http:", "https:", "github:",
    ]

    private static func isRegistry(_ range: Substring) -> Bool {
        !localProtocols.contains { range.hasPrefix($0) } && !range.contains("://")
    }
}
