/// The build files of the JVM, Go and Rust ecosystems, as `LanguageFormat`s.
public enum JVMGoRustFormats {
    /// Maven's `pom.xml`, and the `ARTIFACT-VERSION.pom` files of a Maven local repository (a folder named
    /// `repository`, as `~/.m2/repository`) inside the tree, read only as parents and BOMs. Parents and BOMs
    /// are resolved once the whole tree is known (`ProjectResolver`); the packages parsed here are the POM's
    /// own, resolved alone.
    public static let pom = LanguageFormat(
        type: .pom, rules: [NameRule(name: "pom.xml"), NameRule(suffix: ".pom", ancestor: "repository")],
        parse: { bytes, path throws(CatalogError) in
            let file = try PomParser.parse(bytes, path: path)
            let alone = path.hasSuffix(".pom") ? [] : PomParser.packages(file, path: path).packages
            return LanguageFile(type: .pom, packages: alone, project: .pom(file))
        })
    /// Gradle's `gradle.lockfile`.
    public static let gradle = LanguageFormat(
        type: .gradle, rules: [NameRule(name: "gradle.lockfile")],
        parse: { bytes, path throws(CatalogError) in
            let parsed = JavaLockfileParser.parseGradle(bytes, path: path)
            return LanguageFile(type: .gradle, packages: parsed.packages, warnings: parsed.warnings)
        })
    /// sbt-dependency-lock's `*.sbt.lock`.
    public static let sbt = LanguageFormat(
        type: .sbt, rules: [NameRule(suffix: ".sbt.lock")],
        parse: { bytes, path throws(CatalogError) in
            LanguageFile(type: .sbt, packages: try JavaLockfileParser.parseSbt(bytes, path: path))
        })
    /// `go.mod`, except in the module cache (`…/pkg/mod/…`: dependencies' own files, as Trivy skips them).
    /// A file older than Go 1.17 is completed with the `go.sum` beside it once the whole tree is known.
    public static let gomod = LanguageFormat(
        type: .gomod, rules: [NameRule(name: "go.mod")],
        parse: { bytes, path throws(CatalogError) in
            guard !isInModuleCache(path) else { return LanguageFile(type: .gomod, packages: []) }
            let file = try GoModParser.parse(bytes, path: path)
            return LanguageFile(
                type: .gomod, packages: GoModParser.packages(file, path: path),
                project: file.listsIndirectDependencies ? nil : .goModule(file))
        })
    /// `go.sum`, read only to complete an old `go.mod` in the same folder (never reported on its own).
    public static let gosum = LanguageFormat(
        type: .gosum, rules: [NameRule(name: "go.sum")],
        parse: { bytes, path throws(CatalogError) in
            guard !isInModuleCache(path) else { return LanguageFile(type: .gosum, packages: []) }
            return LanguageFile(type: .gosum, packages: [], project: .goSum(GoSumParser.parse(bytes, path: path)))
        })
    /// Whether `path` is below a Go module cache (`…/pkg/mod/…`), whose `go.mod` files are dependencies'.
    static func isInModuleCache(_ path: String) -> Bool {
        path.hasPrefix("pkg/mod/") || path.contains("/pkg/mod/")
    }

    /// `Cargo.lock`.
    public static let cargo = LanguageFormat(
        type: .cargo, rules: [NameRule(name: "Cargo.lock")],
        parse: { bytes, path throws(CatalogError) in
            let parsed = try CargoLockParser.parse(bytes, path: path)
            return LanguageFile(
                type: .cargo, packages: parsed.packages, warnings: parsed.warnings, project: .cargoLock)
        })

    /// A project's `Cargo.toml` (not a vendored crate's nor one in Cargo's registry sources), for the
    /// `Cargo.lock` beside it.
    public static let cargoProject = LanguageFormat(
        type: .cargoProject,
        rules: [NameRule(name: "Cargo.toml", excludedAncestor: "vendor", excludedPathParts: ["registry/src/"])],
        parse: { bytes, path in CargoManifest.parse(bytes, path: path) })

    /// Read in images and root filesystems (with `JavaArchiveAnalyzer` and `ExecutableAnalyzer`).
    public static let installed: [LanguageFormat] = [gomod, gosum, cargo]
    /// Read in project directories.
    public static let lockfiles: [LanguageFormat] = [pom, gradle, sbt, gomod, gosum, cargo, cargoProject]

    /// The analyzers for images and root filesystems: archives, programs, `go.mod`, `Cargo.lock`.
    public static var installedAnalyzers: [any CatalogAnalyzer] {
        [JavaArchiveAnalyzer(), ExecutableAnalyzer()] + LanguageFormats.analyzers(installed)
    }
    /// The analyzers for project directories.
    public static var lockfileAnalyzers: [any CatalogAnalyzer] { LanguageFormats.analyzers(lockfiles) }
}
