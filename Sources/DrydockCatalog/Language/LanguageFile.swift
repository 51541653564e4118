import DrydockModel

/// The packages one lockfile or metadata file lists, as parsed, before layers are merged.
///
/// Packages carry `ecosystem`, `purl`, `filePath` and, where the file says, licenses, relationship and
/// the development flag; `layer` is set when layers are merged.
public struct LanguageFile: Sendable, Hashable, Codable {
    /// Which format the file is in: Trivy's `Type`.
    public var type: LanguageFileType
    /// The packages, in file order.
    public var packages: [Package]
    /// Records that were skipped, with file and line.
    public var warnings: [CatalogWarning]
    /// What the file leaves for the pass over the whole tree that combines files of one project (a go.mod
    /// with its go.sum, a POM with its parents); `nil` for files that stand alone.
    public var project: ProjectFile?
    /// A Go binary's function names, from its function table (`GoFunctionTable`), for telling whether the
    /// functions an advisory names are in the binary; `nil` for other files and for binaries whose table
    /// could not be read.
    public var goSymbols: GoSymbolSet?

    /// Creates a parsed file.
    public init(
        type: LanguageFileType, packages: [Package], warnings: [CatalogWarning] = [], project: ProjectFile? = nil,
        goSymbols: GoSymbolSet? = nil
    ) {
        self.type = type
        self.packages = packages
        self.warnings = warnings
        self.project = project
        self.goSymbols = goSymbols
    }
}

/// The language package formats Drydock reads; raw values are Trivy's result `Type`.
public enum LanguageFileType: String, Sendable, Hashable, Codable, CaseIterable {
    case pip, pipenv, poetry, uv, pylock, pdm
    case pythonPackage = "python-pkg"
    case npm, yarn, pnpm, bun
    case nodePackage = "node-pkg"
    case bundler, gemspec, composer
    case composerVendor = "composer-vendor"
    case nuget
    case dotnetCore = "dotnet-core"
    case packagesProps = "packages-props"
    case pub, swift, hex, conan, cocoapods
    case condaPackage = "conda-pkg"
    case condaEnvironment = "conda-environment"
    case julia
    case jar, pom, gradle, sbt, gomod, gobinary, cargo, rustbinary
    /// `go.sum`: read only to complete an old `go.mod` beside it, never reported on its own.
    case gosum
    /// Files read only for the licenses of other files' packages (`PackageLicenseFiles`), never reported on
    /// their own: NuGet `.nuspec`, a vendored crate's `Cargo.toml`, a Go module cache's or a Python
    /// distribution's license file.
    case nuspec
    case cargoManifest = "cargo-manifest"
    case goModuleLicense = "gomod-license"
    case pythonLicense = "python-license"
    /// A `conda-meta/*.json` in a project directory, read only for the license of the `environment.yml` packages
    /// of its name and version (in images and root filesystems it is an installed package, `conda-pkg`).
    case condaMetaLicense = "conda-meta-license"
    /// A project's `package.json`, read only to complete the `yarn.lock` beside it (`YarnProject`).
    case nodeManifest = "node-manifest"
    /// A project's `Cargo.toml`, read only to complete the `Cargo.lock` beside it (`CargoProject`).
    case cargoProject = "cargo-project"
    /// A Julia `Project.toml`, read only to complete the `Manifest.toml` beside it (`JuliaProject`).
    case juliaProject = "julia-project"

    /// Whether packages from every file of this type are reported as one target (installed metadata,
    /// one file per package), named `aggregateName`, as Trivy does.
    public var aggregateName: String? {
        switch self {
        case .pythonPackage: "Python"
        case .nodePackage: "Node.js"
        case .gemspec: "Ruby"
        case .condaPackage: "Conda"
        default: nil
        }
    }
}
