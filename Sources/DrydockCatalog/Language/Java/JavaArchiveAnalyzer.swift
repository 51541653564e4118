/// Reads Java archives (`.jar`, `.war`, `.ear`, `.par`) wherever they are (Trivy type `jar`).
public struct JavaArchiveAnalyzer: CatalogAnalyzer {
    /// See `CatalogAnalyzer.name`.
    public var name: String { "lang-jar" }
    /// See `CatalogAnalyzer.version`.
    public var version: Int { 1 }
    /// See `CatalogAnalyzer.selector`.
    public var selector: FileSelector {
        FileSelector(names: JavaArchiveParser.archiveExtensions.map { NameRule(suffix: $0) })
    }
    /// See `CatalogAnalyzer.sizeLimit`: executable Spring Boot jars reach a few hundred MiB.
    public var sizeLimit: Int { 512 << 20 }

    /// Creates the analyzer.
    public init() {}

    /// See `CatalogAnalyzer.analyze(path:content:)`.
    public func analyze(path: String, content: [UInt8]) throws(CatalogError) -> FileFinding {
        let parsed = try JavaArchiveParser.parse(content, path: path)
        return .languageFile(LanguageFile(type: .jar, packages: parsed.packages, warnings: parsed.warnings))
    }
}
