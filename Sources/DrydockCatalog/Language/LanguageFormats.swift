/// The language formats Drydock reads, and which of them each kind of target reads.
///
/// Follows Trivy's split: built artifacts (`image`, `rootfs`) are read through installed package
/// metadata; projects (`fs`) through lockfiles and manifests. Formats Trivy reads everywhere (.NET,
/// Dart) are in both sets.
public enum LanguageFormats {
    /// Wheel and egg metadata: `*.dist-info/METADATA`, `*.egg-info/PKG-INFO`, `*.egg-info` files.
    public static let pythonPackage = LanguageFormat(
        type: .pythonPackage,
        rules: [
            NameRule(name: "METADATA", parentSuffix: ".dist-info"),
            NameRule(name: "PKG-INFO", parentSuffix: ".egg-info"),
            NameRule(suffix: ".egg-info"),
        ],
        parse: { bytes, path throws(CatalogError) in try PythonMetadataParser.parse(bytes, path: path) })
    /// `requirements.txt`.
    public static let pip = LanguageFormat(
        type: .pip, rules: [NameRule(name: "requirements.txt")],
        parse: { bytes, path throws(CatalogError) in try RequirementsParser.parse(bytes, path: path) })
    /// `Pipfile.lock`.
    public static let pipenv = LanguageFormat(
        type: .pipenv, rules: [NameRule(name: "Pipfile.lock")],
        parse: { bytes, path throws(CatalogError) in try PipfileLockParser.parse(bytes, path: path) })
    /// `poetry.lock`.
    public static let poetry = LanguageFormat(
        type: .poetry, rules: [NameRule(name: "poetry.lock")],
        parse: { bytes, path throws(CatalogError) in try PythonTOMLLockParser.parsePoetry(bytes, path: path) })
    /// `uv.lock`.
    public static let uv = LanguageFormat(
        type: .uv, rules: [NameRule(name: "uv.lock")],
        parse: { bytes, path throws(CatalogError) in try PythonTOMLLockParser.parseUV(bytes, path: path) })
    /// `pylock.toml` (PEP 751).
    public static let pylock = LanguageFormat(
        type: .pylock, rules: [NameRule(name: "pylock.toml")],
        parse: { bytes, path throws(CatalogError) in try PythonTOMLLockParser.parsePylock(bytes, path: path) })
    /// `pdm.lock`.
    public static let pdm = LanguageFormat(
        type: .pdm, rules: [NameRule(name: "pdm.lock")],
        parse: { bytes, path throws(CatalogError) in try PythonTOMLLockParser.parsePDM(bytes, path: path) })
    /// `package-lock.json` outside `node_modules`.
    public static let npm = LanguageFormat(
        type: .npm, rules: [NameRule(name: "package-lock.json", excludedAncestor: "node_modules")],
        parse: { bytes, path throws(CatalogError) in try PackageLockParser.parse(bytes, path: path) })
    /// `yarn.lock`, classic and Berry.
    public static let yarn = LanguageFormat(
        type: .yarn, rules: [NameRule(name: "yarn.lock", excludedAncestor: "node_modules")],
        parse: { bytes, path throws(CatalogError) in try YarnLockParser.parse(bytes, path: path) })
    /// `pnpm-lock.yaml`.
    public static let pnpm = LanguageFormat(
        type: .pnpm, rules: [NameRule(name: "pnpm-lock.yaml", excludedAncestor: "node_modules")],
        parse: { bytes, path throws(CatalogError) in try PnpmLockParser.parse(bytes, path: path) })
    /// `bun.lock`.
    public static let bun = LanguageFormat(
        type: .bun, rules: [NameRule(name: "bun.lock", excludedAncestor: "node_modules")],
        parse: { bytes, path throws(CatalogError) in try BunLockParser.parse(bytes, path: path) })
    /// A project's `package.json` (outside `node_modules`), for the `yarn.lock` beside it.
    public static let nodeManifest = LanguageFormat(
        type: .nodeManifest, rules: [NameRule(name: "package.json", excludedAncestor: "node_modules")],
        parse: { bytes, path in NodeManifest.parse(bytes, path: path) })
    /// Installed `node_modules/**/package.json`.
    public static let nodePackage = LanguageFormat(
        type: .nodePackage, rules: [NameRule(name: "package.json", ancestor: "node_modules")],
        parse: { bytes, path throws(CatalogError) in try NodePackageJSONParser.parse(bytes, path: path) })
    /// `Gemfile.lock`.
    public static let bundler = LanguageFormat(
        type: .bundler, rules: [NameRule(name: "Gemfile.lock")],
        parse: { bytes, path throws(CatalogError) in try GemfileLockParser.parse(bytes, path: path) })
    /// Installed `specifications/*.gemspec`.
    public static let gemspec = LanguageFormat(
        type: .gemspec, rules: [NameRule(suffix: ".gemspec", parent: "specifications")],
        parse: { bytes, path throws(CatalogError) in try GemspecParser.parse(bytes, path: path) })
    /// `composer.lock`.
    public static let composer = LanguageFormat(
        type: .composer, rules: [NameRule(name: "composer.lock", excludedAncestor: "vendor")],
        parse: { bytes, path throws(CatalogError) in try ComposerParser.parseLock(bytes, path: path) })
    /// Installed Composer packages' `installed.json` (normally `vendor/composer/installed.json`), read by file
    /// name wherever it is, as Trivy reads it.
    public static let composerVendor = LanguageFormat(
        type: .composerVendor, rules: [NameRule(name: "installed.json")],
        parse: { bytes, path throws(CatalogError) in try ComposerParser.parseInstalled(bytes, path: path) })
    /// NuGet `packages.lock.json` and `packages.config`.
    public static let nuget = LanguageFormat(
        type: .nuget, rules: [NameRule(name: "packages.lock.json"), NameRule(name: "packages.config")],
        parse: { bytes, path throws(CatalogError) in try NuGetParser.parse(bytes, path: path) })
    /// `*.deps.json`.
    public static let dotnetCore = LanguageFormat(
        type: .dotnetCore, rules: [NameRule(suffix: ".deps.json")],
        parse: { bytes, path throws(CatalogError) in try DotNetDepsParser.parse(bytes, path: path) })
    /// `Directory.Packages.props` and `*Packages.props`.
    public static let packagesProps = LanguageFormat(
        type: .packagesProps, rules: [NameRule(suffix: "Packages.props"), NameRule(name: "Packages.props")],
        parse: { bytes, path throws(CatalogError) in try PackagesPropsParser.parse(bytes, path: path) })
    /// Dart's `pubspec.lock`.
    public static let pub = LanguageFormat(
        type: .pub, rules: [NameRule(name: "pubspec.lock")],
        parse: { bytes, path throws(CatalogError) in try PubspecLockParser.parse(bytes, path: path) })
    /// SwiftPM's `Package.resolved`.
    public static let swift = LanguageFormat(
        type: .swift, rules: [NameRule(name: "Package.resolved")],
        parse: { bytes, path throws(CatalogError) in try PackageResolvedParser.parse(bytes, path: path) })
    /// Elixir's `mix.lock`.
    public static let hex = LanguageFormat(
        type: .hex, rules: [NameRule(name: "mix.lock")],
        parse: { bytes, path throws(CatalogError) in try MixLockParser.parse(bytes, path: path) })
    /// Conan's `conan.lock`.
    public static let conan = LanguageFormat(
        type: .conan, rules: [NameRule(name: "conan.lock")],
        parse: { bytes, path throws(CatalogError) in try ConanLockParser.parse(bytes, path: path) })

    /// CocoaPods' `Podfile.lock`.
    public static let cocoapods = LanguageFormat(
        type: .cocoapods, rules: [NameRule(name: "Podfile.lock")],
        parse: { bytes, path throws(CatalogError) in try CocoaPodsLockParser.parse(bytes, path: path) })
    /// Installed Conda packages' `conda-meta/*.json`.
    public static let conda = LanguageFormat(
        type: .condaPackage, rules: [NameRule(suffix: ".json", parent: "conda-meta")],
        parse: { bytes, path throws(CatalogError) in try CondaMetaParser.parse(bytes, path: path) })

    /// A conda `environment.yml` or `environment.yaml`.
    public static let condaEnvironment = LanguageFormat(
        type: .condaEnvironment, rules: [NameRule(name: "environment.yml"), NameRule(name: "environment.yaml")],
        parse: { bytes, path throws(CatalogError) in try CondaEnvironmentParser.parse(bytes, path: path) })
    /// Julia's `Manifest.toml`, completed with the `Project.toml` beside it.
    public static let julia = LanguageFormat(
        type: .julia, rules: [NameRule(name: "Manifest.toml")],
        parse: { bytes, path throws(CatalogError) in try JuliaManifestParser.parse(bytes, path: path) })
    /// A Julia `Project.toml`, for the `Manifest.toml` beside it.
    public static let juliaProject = LanguageFormat(
        type: .juliaProject, rules: [NameRule(name: "Project.toml")],
        parse: { bytes, path in JuliaProject.parse(bytes, path: path) })

    /// Installed metadata, read in images and root filesystems (with the files that declare licenses).
    public static let installed: [LanguageFormat] =
        [
            pythonPackage, nodePackage, gemspec, composerVendor, nuget, dotnetCore, packagesProps, pub, conda,
            julia, juliaProject,
        ] + PackageLicenseFiles.all

    /// Lockfiles and manifests, read in project directories (`drydock fs`), with the files that declare
    /// licenses.
    public static let lockfiles: [LanguageFormat] =
        [
            pip, pipenv, poetry, uv, pylock, pdm, npm, yarn, nodeManifest, pnpm, bun, bundler, composer, nuget,
            dotnetCore, packagesProps, pub, swift, hex, conan, cocoapods, condaEnvironment, julia, juliaProject,
            PackageLicenseFiles.condaMeta,
        ] + PackageLicenseFiles.all

    /// Every format.
    public static let all: [LanguageFormat] =
        installed
        + lockfiles.filter { format in
            !installed.contains { $0.type == format.type }
        }

    /// Analyzers for `formats`.
    public static func analyzers(_ formats: [LanguageFormat]) -> [any CatalogAnalyzer] {
        formats.map { LanguageAnalyzer($0) }
    }
}
