import DrydockModel

/// Reads Bundler's `Gemfile.lock`: the `specs:` of its `GEM` sections (four-space `name (version)`
/// lines); gems listed under `DEPENDENCIES` are direct, the rest indirect. The six-space lines under a spec
/// name its dependencies; each becomes a `dependsOn` ID with the version the lockfile resolves that gem to.
///
/// Platform suffixes (`nokogiri (1.13.6-x86_64-linux)`) are dropped from versions: RubyGems versions
/// never contain `-`.
public enum GemfileLockParser {
    /// Parses one `Gemfile.lock`.
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        var section = ""
        var inSpecs = false
        var found: [(name: String, version: String)] = []
        var requires: [[String]] = []
        var direct: Set<String> = []
        var warnings: [CatalogWarning] = []
        var sawSource = false
        for (offset, line) in TextLines.lines(bytes).enumerated() {
            if line.isEmpty { continue }
            if line.first != " " {
                section = String(line)
                inSpecs = false
                if section == "GEM" || section == "PATH" || section == "GIT" { sawSource = true }
                continue
            }
            if section == "DEPENDENCIES", line.hasPrefix("  "), !line.hasPrefix("   ") {
                let name = line.dropFirst(2).prefix { $0 != " " && $0 != "!" }
                direct.insert(String(name))
                continue
            }
            guard section == "GEM" || section == "PATH" || section == "GIT" else { continue }
            if line == "  specs:" {
                inSpecs = true
                continue
            }
            if inSpecs, section == "GEM", line.hasPrefix("      "), !line.hasPrefix("       "), !requires.isEmpty {
                let name = line.dropFirst(6).prefix { $0 != " " && $0 != "(" }
                requires[requires.count - 1].append(String(name))
                continue
            }
            guard inSpecs, section == "GEM", line.hasPrefix("    "), !line.hasPrefix("     ") else { continue }
            let body = line.dropFirst(4)
            guard let open = body.firstIndex(of: "("), body.hasSuffix(")") else {
                warnings.append(
                    CatalogWarning(path: path, line: offset + 1, message: "'\(body)' is not 'name (version)'; skipped"))
                continue
            }
            let name = body[..<open].trimmed()
            var version = body[body.index(after: open)..<body.index(before: body.endIndex)]
            if let dash = version.firstIndex(of: "-") { version = version[..<dash] }
            found.append((name, String(version)))
            requires.append([])
        }
        guard sawSource else {
            throw CatalogError(code: .malformedLockfile, reason: "no GEM section: not a Gemfile.lock", location: path)
        }
        var versions: [String: String] = [:]
        for gem in found where versions[gem.name] == nil { versions[gem.name] = gem.version }
        let packages = zip(found, requires).map { gem, names in
            var package = LanguagePackage.make(
                name: gem.name, version: gem.version, ecosystem: .rubyGems, path: path,
                relationship: direct.isEmpty ? nil : (direct.contains(gem.name) ? .direct : .indirect))
            package.dependsOn = Set(names.compactMap { name in versions[name].map { "\(name)@\($0)" } }).sorted()
            return package
        }
        return LanguageFile(type: .bundler, packages: packages, warnings: warnings)
    }
}
