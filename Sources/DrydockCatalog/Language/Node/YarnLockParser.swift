import DrydockModel

/// Reads `yarn.lock`, both classic (v1) and Berry (v2+, YAML), line by line.
///
/// Each block starts with its unindented descriptor line (`"a@^1", a@^2:`) and holds a `version`.
/// Only registry packages are kept: descriptors (or Berry `resolution`s) using the git, file, link,
/// workspace, portal or exec protocols, or URLs, are left out. A name@version listed twice is
/// kept once. Patched registry packages (`patch:`) keep their registry version. An alias
/// (`foo@npm:bar@^1`) is reported under the package it installs (`bar`).
public enum YarnLockParser {
    /// Parses one `yarn.lock`.
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        var packages: [Package] = []
        var warnings: [CatalogWarning] = []
        var seen: Set<String> = []
        var descriptor: (text: Substring, line: Int)?
        var version: String?
        var resolution: String?
        func flush() {
            guard let current = descriptor else { return }
            defer { descriptor = nil; version = nil; resolution = nil }
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
            guard seen.insert("\(name)@\(version)").inserted else { return }
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
            guard descriptor != nil, line.hasPrefix("  "), !line.hasPrefix("   ") else { continue }
            let body = line.dropFirst(2)
            if body.hasPrefix("version ") || body.hasPrefix("version:") {
                version = unquote(body.dropFirst(8))
            } else if body.hasPrefix("\"version\" ") {
                version = unquote(body.dropFirst(10))
            } else if body.hasPrefix("resolution:") {
                resolution = unquote(body.dropFirst(11))
            }
        }
        flush()
        return LanguageFile(type: .yarn, packages: packages, warnings: warnings)
    }

    private static func unquote(_ text: Substring) -> String {
        var value = text.drop { $0 == " " }
        if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
        return String(value)
    }

    /// The first descriptor of a block header, unquoted.
    private static func firstSpec(_ header: Substring) -> Substring {
        var first = header.split(separator: ",").first ?? header
        first = first.drop { $0 == " " }
        if first.hasPrefix("\""), first.hasSuffix("\""), first.count >= 2 { first = first.dropFirst().dropLast() }
        return first
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
