import DrydockModel

/// Reads one installed Conda package's metadata, `conda-meta/NAME-VERSION-BUILD.json` (Trivy type
/// `conda-pkg`): `name`, `version` and, when present, `license`.
public enum CondaMetaParser {
    /// Parses one `conda-meta/*.json` file. Throws `CatalogError` (`malformed-lockfile`) when it is not a
    /// JSON object or lacks `name` or `version`.
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        let root = try TreeValue.json(bytes, path: path)
        guard case .object = root else {
            throw CatalogError(code: .malformedLockfile, reason: "not a JSON object", location: path)
        }
        guard let name = root["name"]?.string, !name.isEmpty, let version = root["version"]?.string,
            !version.isEmpty
        else {
            throw CatalogError(
                code: .malformedLockfile, reason: "no `name` and `version`: not Conda package metadata",
                location: path)
        }
        let licenses = (root["license"]?.string).map { [$0] }?.filter { !$0.isEmpty } ?? []
        return LanguageFile(
            type: .condaPackage,
            packages: [
                LanguagePackage.make(name: name, version: version, ecosystem: .conda, path: path, licenses: licenses)
            ])
    }
}
