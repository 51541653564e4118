import DrydockModel

/// Reads CocoaPods' `Podfile.lock` (YAML): every `NAME (VERSION)` entry of `PODS`, subspecs
/// (`AppCenter/Analytics`) included as Trivy lists them. Pods named under `DEPENDENCIES` (the Podfile's
/// own requirements) are direct, the others indirect. The list under a `NAME (VERSION):` entry gives its
/// `dependsOn`: each named pod at the version `PODS` locks it to.
public enum CocoaPodsLockParser {
    /// Parses one `Podfile.lock`. Throws `CatalogError` (`malformed-lockfile`) when the file is not a YAML
    /// mapping or `PODS` is not a list; an entry that is not `NAME (VERSION)` is skipped with a warning.
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        let root = try YAMLReader.parse(bytes, path: path)
        guard case .object = root else {
            throw CatalogError(
                code: .malformedLockfile, reason: "not a YAML mapping: not a Podfile.lock", location: path)
        }
        guard let pods = root["PODS"] else { return LanguageFile(type: .cocoapods, packages: []) }
        guard let entries = pods.array else {
            throw CatalogError(code: .malformedLockfile, reason: "PODS is not a list", location: path)
        }
        let direct = Set(
            (root["DEPENDENCIES"]?.array ?? []).compactMap { $0.string.map(requirementName) })
        var packages: [Package] = []
        var warnings: [CatalogWarning] = []
        var required: [[String]] = []
        for entry in entries {
            // `- NAME (VERSION)` is a scalar; `- NAME (VERSION):` followed by its dependencies a mapping.
            guard let text = entry.string ?? entry.entries?.first?.key, let (name, version) = pod(text) else {
                warnings.append(
                    CatalogWarning(path: path, message: "PODS entry is not `NAME (VERSION)`; skipped"))
                continue
            }
            packages.append(
                LanguagePackage.make(
                    name: name, version: version, ecosystem: .cocoaPods, path: path,
                    relationship: direct.isEmpty ? nil : (direct.contains(name) ? .direct : .indirect)))
            required.append((entry.entries?.first?.value.array ?? []).compactMap { $0.string.map(requirementName) })
        }
        let ids = Dictionary(packages.map { ($0.name, $0.id) }, uniquingKeysWith: { first, _ in first })
        for index in packages.indices {
            packages[index].dependsOn = Set(required[index].compactMap { ids[$0] }).sorted()
        }
        return LanguageFile(type: .cocoapods, packages: packages, warnings: warnings)
    }

    /// `AppCenter/Core (4.2.0)` → (`AppCenter/Core`, `4.2.0`); `nil` without a parenthesised version.
    static func pod(_ text: String) -> (String, String)? {
        guard let open = text.range(of: " ("), text.hasSuffix(")") else { return nil }
        let name = String(text[..<open.lowerBound])
        let version = String(text[open.upperBound..<text.index(before: text.endIndex)])
        guard !name.isEmpty, !version.isEmpty, !version.contains(" ") else { return nil }
        return (name, version)
    }

    /// `AppCenter (~> 4.2)` or `KeychainAccess` → the pod name.
    static func requirementName(_ text: String) -> String {
        String(text.prefix { $0 != " " })
    }
}
