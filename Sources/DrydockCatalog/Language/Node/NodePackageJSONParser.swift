import DrydockModel

/// Reads an installed package's `package.json` under `node_modules`.
public enum NodePackageJSONParser {
    /// Parses one `package.json`. A manifest without name or version is no installed package: it
    /// yields nothing (no error), as such files are common in test fixtures and build folders.
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        let root = try TreeValue.json(bytes, path: path)
        guard let name = root["name"]?.string, !name.isEmpty, let version = root["version"]?.string,
            !version.isEmpty
        else {
            return LanguageFile(type: .nodePackage, packages: [])
        }
        return LanguageFile(
            type: .nodePackage,
            packages: [
                LanguagePackage.make(
                    name: name, version: version, ecosystem: .npm, path: path,
                    licenses: PackageLockParser.licenses(root))
            ])
    }
}
