import DrydockCatalog

/// One target per lockfile and metadata format the catalog reads (`lang-npm`, `lang-pom`, ...), made from the
/// formats themselves so a new format is fuzzed as soon as it is registered.
enum LanguageTargets {
    /// Every language format, once per Trivy type.
    static let formats: [LanguageFormat] = {
        var seen: Set<LanguageFileType> = []
        return (LanguageFormats.all + JVMGoRustFormats.lockfiles).filter { seen.insert($0.type).inserted }
    }()

    static let all: [FuzzTarget] = formats.map { format in
        let path = samplePath(format.rules[0])
        return FuzzTarget(
            "lang-\(format.type.rawValue)", "\(format.type.rawValue) files such as \(path)",
            seeds: seeds[format.type] ?? []
        ) { bytes in
            FuzzOutcome.of {
                let file = try format.parse(bytes, path)
                return "\(counted(file.packages.count, "package")), \(counted(file.warnings.count, "warning"))"
            }
        }
    }

    /// A path `rule` accepts: its ancestor and parent folders, then its file name.
    static func samplePath(_ rule: NameRule) -> String {
        let name = rule.name ?? rule.prefix.map { $0 + "sample" } ?? ("sample" + (rule.suffix ?? ""))
        var folders = ["project"]
        if let ancestor = rule.ancestor { folders.append(ancestor) }
        if let parent = rule.parent {
            folders.append(parent)
        } else if let parentSuffix = rule.parentSuffix {
            folders.append("sample" + parentSuffix)
        }
        return (folders + [name]).joined(separator: "/")
    }

    /// Seed globs under `../shared/fixtures` (Trivy's parser and analyzer test data) per format.
    static let seeds: [LanguageFileType: [String]] = [
        .pip: ["**/pip/**/*.txt"],
        .pipenv: ["**/pipenv/**/*.lock"],
        .poetry: ["**/poetry/**/*.lock"],
        .uv: ["**/uv/**/*.lock"],
        .pylock: ["**/pylock/**/*.toml"],
        .pdm: ["**/pdm/**/*.lock"],
        .pythonPackage: ["**/packaging/**/*METADATA", "**/packaging/**/*PKG-INFO", "**/*.egg-info"],
        .npm: ["**/npm/**/*.json"],
        .yarn: ["**/yarn/**/*.lock", "**/yarn.lock"],
        .pnpm: ["**/pnpm/**/*.yaml"],
        .bun: ["**/bun/**/*.lock"],
        .nodeManifest: ["**/packagejson/**/*.json"],
        .nodePackage: ["**/node_modules/**/package.json", "**/packagejson/**/*.json"],
        .bundler: ["**/bundler/**/*.lock", "**/Gemfile*.lock"],
        .gemspec: ["**/gemspec/**/*"],
        .composer: ["**/composer/**/*.lock"],
        .composerVendor: ["**/installed.json"],
        .nuget: ["**/nuget/**/*.json", "**/nuget/**/*.config"],
        .dotnetCore: ["**/*.deps.json"],
        .packagesProps: ["**/packagesprops/**/*"],
        .pub: ["**/pub/**/*.lock"],
        .swift: ["**/swift/**/*.resolved", "**/Package.resolved"],
        .hex: ["**/*mix.lock"],
        .conan: ["**/conan/**/*.lock"],
        .cocoapods: ["**/cocoapods/**/*.lock"],
        .condaPackage: ["**/conda-meta/*.json", "**/conda/meta/**/*.json"],
        .condaMetaLicense: ["**/conda-meta/*.json", "**/conda/meta/**/*.json"],
        .condaEnvironment: ["**/conda/environment/**/*.yaml", "**/environment.y*ml"],
        .julia: ["**/julia/**/Manifest*.toml"],
        .juliaProject: ["**/julia/**/Project.toml"],
        .pom: ["**/pom.xml", "**/*.pom"],
        .gradle: ["**/*.lockfile"],
        .sbt: ["**/*.sbt.lock"],
        .gomod: ["**/go.mod", "**/gomod"],
        .gosum: ["**/*.sum"],
        .cargo: ["**/cargo/**/*.lock", "**/Cargo.lock", "**/cargo/**/*.txtar"],
        .cargoProject: ["**/Cargo.toml", "**/cargo/**/*.txtar"],
        .nuspec: ["**/*.nuspec"],
        .cargoManifest: ["**/Cargo.toml"],
        .goModuleLicense: ["**/LICENSE*"],
        .pythonLicense: ["**/LICENSE*"],
    ]
}
