import DrydockModel

/// The lookup key under which a package name is stored and searched for in one namespace.
///
/// The importers and the matcher must both use this function, so that a name spelled differently by
/// an advisory and by the installed metadata still meets in one indexed lookup.
public enum PackageNameKey {
    /// The normalised key for `name` in `namespace`.
    ///
    /// PyPI names are normalised per PEP 503 (lowercase, every run of `-`, `_` and `.` becomes one
    /// `-`); NuGet package IDs are case-insensitive (`Newtonsoft.Json`, `newtonsoft.json`), so lowercased;
    /// every other ecosystem compares names exactly.
    public static func make(name: String, namespace: String) -> String {
        switch AdvisoryNamespace.ecosystemName(of: namespace) {
        case "PyPI": pep503(name)
        case "NuGet": name.lowercased()
        default: name
        }
    }

    /// PEP 503 normalisation: lowercase, runs of `-_.` collapsed to one `-`.
    public static func pep503(_ name: String) -> String {
        PythonName.normalize(name)
    }
}
