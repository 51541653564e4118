import DrydockModel

/// Reads central package management files (`Directory.Packages.props`, `*Packages.props`):
/// `PackageVersion` and `PackageReference` elements with `Include` (or `Update`) and `Version`.
///
/// Versions taken from MSBuild properties (`$(X)`) cannot be resolved without evaluating the build and
/// are left out.
public enum PackagesPropsParser {
    /// Parses one props file.
    public static func parse(_ bytes: [UInt8], path: String) throws(CatalogError) -> LanguageFile {
        var packages: [Package] = []
        for element in try XMLElements.collect(bytes, names: ["PackageVersion", "PackageReference"], path: path) {
            let attributes = element.attributes
            guard let name = (attributes["Include"] ?? attributes["Update"])?.trimmed(), !name.isEmpty,
                let version = attributes["Version"]?.trimmed(), !version.isEmpty,
                !name.contains("$("), !version.contains("$(")
            else { continue }
            packages.append(LanguagePackage.make(name: name, version: version, ecosystem: .nuget, path: path))
        }
        return LanguageFile(type: .packagesProps, packages: packages)
    }
}
