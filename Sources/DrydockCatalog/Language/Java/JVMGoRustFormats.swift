/// The build files of the JVM, Go and Rust ecosystems, as `LanguageFormat`s.
public enum JVMGoRustFormats {
    /// Maven's `pom.xml` (parents and BOMs outside the file are not resolved here).
    public static let pom = LanguageFormat(
        type: .pom, rules: [NameRule(name: "pom.xml")],
        parse: { bytes, path throws(CatalogError) in
            let resolved = PomParser.packages(try PomParser.parse(bytes, path: path), path: path)
            return LanguageFile(type: .pom, packages: resolved.packages, warnings: resolved.warnings)
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
    public static let gomod = LanguageFormat(
        type: .gomod, rules: [NameRule(name: "go.mod", excludedAncestor: "mod")],
        parse: { bytes, path throws(CatalogError) in
            LanguageFile(
                type: .gomod, packages: GoModParser.packages(try GoModParser.parse(bytes, path: path), path: path))
        })
    /// `Cargo.lock`.
    public static let cargo = LanguageFormat(
        type: .cargo, rules: [NameRule(name: "Cargo.lock")],
        parse: { bytes, path throws(CatalogError) in
            let parsed = try CargoLockParser.parse(bytes, path: path)
            return LanguageFile(type: .cargo, packages: parsed.packages, warnings: parsed.warnings)
        })

    /// Read in images and root filesystems (with `JavaArchiveAnalyzer` and `ExecutableAnalyzer`).
    public static let installed: [LanguageFormat] = [gomod, cargo]
    /// Read in project directories.
    public static let lockfiles: [LanguageFormat] = [pom, gradle, sbt, gomod, cargo]

    /// The analyzers for images and root filesystems: archives, programs, `go.mod`, `Cargo.lock`.
    public static var installedAnalyzers: [any CatalogAnalyzer] {
        [JavaArchiveAnalyzer(), ExecutableAnalyzer()] + LanguageFormats.analyzers(installed)
    }
    /// The analyzers for project directories.
    public static var lockfileAnalyzers: [any CatalogAnalyzer] { LanguageFormats.analyzers(lockfiles) }
}
