import DrydockModel

/// Reads Bun's text lockfile `bun.lock` (JSON with trailing commas).
///
/// Each `packages` entry is an array whose first item is `name@version`; workspace, file, link, git and
/// tarball entries are left out. Names any workspace declares are direct, the rest indirect.
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
        for (key, entry) in entries {
            guard let identifier = entry.array?.first?.string else {
                warnings.append(CatalogWarning(path: path, message: "package '\(key)' has no identifier; skipped"))
                continue
            }
            let searchStart = identifier.hasPrefix("@") ? identifier.index(after: identifier.startIndex) : identifier.startIndex
            guard let at = identifier[searchStart...].firstIndex(of: "@") else { continue }
            let name = String(identifier[..<at])
            let version = String(identifier[identifier.index(after: at)...])
            guard !version.isEmpty, !version.contains(":"), !version.contains("/") else { continue }
            packages.append(
                LanguagePackage.make(
                    name: name, version: version, ecosystem: .npm, path: path,
                    relationship: direct.contains(key) ? .direct : .indirect))
        }
        return LanguageFile(type: .bun, packages: packages, warnings: warnings)
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
