import DrydockModel

/// Reads a conda `environment.yml` (or `.yaml`), as Trivy's `conda-environment` type: every entry of
/// `dependencies`, and every entry of a nested package-manager list (`- pip: [...]`). The version is the one a
/// spec pins exactly (`numpy=1.8.1`, `numpy==1.8.1`, `numpy 1.8.1 py27_0`, `numpy=1.8.1=py27_0`); a range, a
/// wildcard or an alternative (`>=3.9`, `2.40.*`, `13.2|13.3`) pins nothing and the package is listed without a
/// version, as Trivy lists it. The file names no licenses: a pinned package gets the one a `conda-meta/*.json`
/// of its name and version in the scanned project declares (`PackageLicenseFiles.condaMeta`).
///
/// Entries of the `pip` list are PyPI packages and are recorded as such (purl `pkg:pypi/…`, matched against PyPI
/// advisories), where Trivy lists them as conda packages; entries of other lists are conda packages.
public enum CondaEnvironmentParser {
    /// Parses one `environment.yml`. Throws `CatalogError` (`malformed-lockfile`) when the file is not a YAML
    /// mapping, `dependencies` is not a list, a nested entry is not a list of specs, or an entry is neither.
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        let root = try YAMLReader.parse(bytes, path: path)
        guard case .object = root else {
            throw CatalogError(
                code: .malformedLockfile, reason: "not a YAML mapping: not a conda environment file", location: path)
        }
        guard let dependencies = root["dependencies"] else {
            return LanguageFile(type: .condaEnvironment, packages: [])
        }
        guard let entries = dependencies.array else {
            throw CatalogError(code: .malformedLockfile, reason: "dependencies is not a list", location: path)
        }
        var packages: [Package] = []
        for (position, entry) in entries.enumerated() {
            if let spec = entry.string {
                if let package = package(spec, ecosystem: .conda, path: path) { packages.append(package) }
                continue
            }
            guard let nested = entry.entries else {
                throw CatalogError(
                    code: .malformedLockfile, reason: "dependency \(position + 1) is neither a spec nor a list",
                    location: path)
            }
            for (manager, list) in nested {
                guard let specs = list.array else {
                    throw CatalogError(
                        code: .malformedLockfile, reason: "'\(manager)' is not a list of specs", location: path)
                }
                for spec in specs {
                    guard let text = spec.string else {
                        throw CatalogError(
                            code: .malformedLockfile, reason: "an entry of '\(manager)' is not a spec", location: path)
                    }
                    let ecosystem: Ecosystem = manager == "pip" ? .pypi : .conda
                    if let package = package(text, ecosystem: ecosystem, path: path) { packages.append(package) }
                }
            }
        }
        return LanguageFile(type: .condaEnvironment, packages: packages)
    }

    /// The package a spec names, with the version it pins exactly (empty when it pins none); `nil` for a spec
    /// with no name (`"=="`).
    static func package(_ spec: String, ecosystem: Ecosystem, path: String) -> Package? {
        let (name, version) = split(spec)
        guard !name.isEmpty else { return nil }
        guard !version.isEmpty else {
            let purl = LanguagePackageURL.make(name: name, version: "", ecosystem: ecosystem).map {
                String($0.dropLast())  // no version: no `@`
            }
            return Package(name: name, version: "", ecosystem: ecosystem, purl: purl, filePath: path)
        }
        return LanguagePackage.make(name: name, version: version, ecosystem: ecosystem, path: path)
    }

    /// `libffi==3.4.2=h3557bc0_5` → (`libffi`, `3.4.2`); `libblas>=3.9` → (`libblas`, ``): comparison operators
    /// start a new word, `=` separates words, and the second word is the version when it is a plain version.
    public static func split(_ spec: String) -> (name: String, version: String) {
        var spaced = ""
        for character in spec {
            switch character {
            case ">", "<": spaced += " \(character)"
            case "=": spaced += " "
            default: spaced.append(character)
            }
        }
        let words = spaced.split(whereSeparator: \.isWhitespace)
        guard let name = words.first else { return ("", "") }
        guard words.count > 1, isPlainVersion(words[1]) else { return (String(name), "") }
        return (String(name), String(words[1]))
    }

    /// Whether `text` is a version without operators, wildcards or alternatives: digits first, then digits,
    /// letters, `.`, `-`, `+` and `_` (`1.0`, `2024.2`, `1.0.8`, `3.0.0rc1`).
    static func isPlainVersion(_ text: Substring) -> Bool {
        guard let first = text.first, first.isASCII, first.isNumber else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-+".contains($0)) }
    }
}
