import DrydockModel

/// Reads Bun's text lockfile `bun.lock` (JSON with trailing commas).
///
/// Each `packages` entry is an array whose first item is `name@version`; workspace, file, link, git and
/// tarball entries are left out. Names any workspace declares are direct, the rest indirect. A package's
/// `dependencies` and `optionalDependencies` (in the entry's information object) become `dependsOn` IDs,
/// resolved as Node resolves them through Bun's keys: `parent/name` (the copy nested under the package)
/// first, then up the nesting to the top-level `name`. Names with no listed package are dropped.
public enum BunLockParser {
    /// Parses one `bun.lock`.
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        let root = try TreeValue.json(withoutTrailingCommas(bytes), path: path)
        guard let entries = root["packages"]?.entries else {
            throw CatalogError(code: .malformedLockfile, reason: "no 'packages' object", location: path)
        }
        var direct: Set<String> = []
        for (_, workspace) in root["workspaces"]?.entries ?? [] {
            for field in ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"] {
                for (name, _) in workspace[field]?.entries ?? [] { direct.insert(name) }
            }
        }
        var packages: [Package] = []
        var warnings: [CatalogWarning] = []
        var listed: [(key: String, entry: TreeValue)] = []
        var byKey: [String: Int] = [:]
        for (key, entry) in entries {
            guard let identifier = entry.array?.first?.string else {
                warnings.append(CatalogWarning(path: path, message: "package '\(key)' has no identifier; skipped"))
                continue
            }
            let searchStart =
                identifier.hasPrefix("@") ? identifier.index(after: identifier.startIndex) : identifier.startIndex
            guard let at = identifier[searchStart...].firstIndex(of: "@") else { continue }
            let name = String(identifier[..<at])
            let version = String(identifier[identifier.index(after: at)...])
            guard !version.isEmpty, !version.contains(":"), !version.contains("/") else { continue }
            byKey[key] = packages.count
            listed.append((key, entry))
            packages.append(
                LanguagePackage.make(
                    name: name, version: version, ecosystem: .npm, path: path,
                    relationship: direct.contains(key) ? .direct : .indirect))
        }
        for (index, (key, entry)) in listed.enumerated() {
            // The information object is the first object after the identifier (its place varies by entry kind).
            let information = entry.array?.dropFirst().first { $0.entries != nil }
            var ids: Set<String> = []
            for field in ["dependencies", "optionalDependencies"] {
                for (name, _) in information?[field]?.entries ?? [] {
                    if let found = resolve(name, from: key, in: byKey) { ids.insert(packages[found].id) }
                }
            }
            packages[index].dependsOn = ids.sorted()
        }
        return LanguageFile(type: .bun, packages: packages, warnings: warnings)
    }

    /// The package `name` resolves to from the package at `key`: `key/name`, then the same from each enclosing
    /// package (`a/b` → `a`), then the top-level `name`.
    static func resolve(_ name: String, from key: String, in byKey: [String: Int]) -> Int? {
        var segments = packageSegments(key)
        while !segments.isEmpty {
            if let found = byKey[(segments + [name]).joined(separator: "/")] { return found }
            segments.removeLast()
        }
        return byKey[name]
    }

    /// `a/@s/b/c` → `["a", "@s/b", "c"]`: a scoped name keeps its scope.
    static func packageSegments(_ key: String) -> [String] {
        var segments: [String] = []
        var scope: Substring?
        for part in key.split(separator: "/") {
            if let pending = scope {
                segments.append("\(pending)/\(part)")
                scope = nil
            } else if part.hasPrefix("@") {
                scope = part
            } else {
                segments.append(String(part))
            }
        }
        return segments
    }

    /// Drops commas that directly precede `}` or `]` (outside strings), which JSON forbids.
    static func withoutTrailingCommas(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var inString = false
        var escaped = false
        var pendingComma: Int?
        for byte in bytes {
            if inString {
                out.append(byte)
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                pendingComma = nil
                inString = true
            case UInt8(ascii: ","):
                pendingComma = out.count
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if let comma = pendingComma { out[comma] = UInt8(ascii: " ") }
                pendingComma = nil
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                break
            default:
                pendingComma = nil
            }
            out.append(byte)
        }
        return out
    }
}
