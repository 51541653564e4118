/// Reads Java archives (`.jar`, `.war`, `.ear`, `.par`) wherever they are (Trivy type `jar`).
///
/// Archives are read by offset (the central directory, then the metadata entries and nested archives alone),
/// so an archive of any size is read in bounded memory. A link to an archive is not followed: the archive is
/// read where it lies.
public struct JavaArchiveAnalyzer: RandomAccessAnalyzer {
    /// See `CatalogAnalyzer.name`.
    public var name: String { "lang-jar" }
    /// See `CatalogAnalyzer.version`: 2 reads archives of any size by offset and records links as not followed.
    public var version: Int { 2 }
    /// See `CatalogAnalyzer.selector`.
    public var selector: FileSelector {
        FileSelector(names: JavaArchiveParser.archiveExtensions.map { NameRule(suffix: $0) })
    }
    /// See `CatalogAnalyzer.sizeLimit`: 64 GiB; memory does not grow with the size (see the type's notes).
    public var sizeLimit: Int { 64 << 30 }
    /// See `CatalogAnalyzer.followsLinks`: an archive reached through a link is read where it lies.
    public var followsLinks: Bool { false }
    /// The limits archives are read with.
    public var limits: JavaArchiveParser.Limits

    /// Creates the analyzer.
    public init(limits: JavaArchiveParser.Limits = JavaArchiveParser.Limits()) {
        self.limits = limits
    }

    /// See `RandomAccessAnalyzer.analyze(path:file:)`.
    public func analyze(path: String, file: any RandomAccessBytes) throws(CatalogError) -> FileFinding {
        let parsed = try JavaArchiveParser.parse(file, path: path, limits: limits)
        return .languageFile(LanguageFile(type: .jar, packages: parsed.packages, warnings: parsed.warnings))
    }
}
