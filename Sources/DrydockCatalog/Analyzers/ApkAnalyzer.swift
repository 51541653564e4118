/// Reads Alpine's `lib/apk/db/installed`.
public struct ApkAnalyzer: CatalogAnalyzer {
    /// See `CatalogAnalyzer.name`.
    public var name: String { "apk" }
    /// See `CatalogAnalyzer.version`.
    public var version: Int { 1 }
    /// See `CatalogAnalyzer.selector`.
    public var selector: FileSelector { FileSelector(exactPaths: [ApkInstalledParser.path]) }
    /// See `CatalogAnalyzer.sizeLimit`.
    public var sizeLimit: Int { 256 * 1024 * 1024 }

    /// Creates the analyzer.
    public init() {}

    /// See `CatalogAnalyzer.analyze(path:content:)`.
    public func analyze(path: String, content: [UInt8]) throws(CatalogError) -> FileFinding {
        .packageDatabase(try ApkInstalledParser.parse(content, path: path))
    }
}
