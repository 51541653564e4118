/// Reads compiled programs (Trivy types `gobinary` and `rustbinary`): every file with an executable bit,
/// and every file directly in the usual `bin` folders, identified by content.
public struct ExecutableAnalyzer: ExecutableFileAnalyzer {
    /// The folders whose files are read whatever their mode.
    public static let binaryFolders = ["bin/", "sbin/", "usr/bin/", "usr/sbin/", "usr/local/bin/", "usr/local/sbin/"]

    /// See `CatalogAnalyzer.name`.
    public var name: String { "lang-binary" }
    /// See `CatalogAnalyzer.version`.
    public var version: Int { 1 }
    /// See `CatalogAnalyzer.selector`.
    public var selector: FileSelector { FileSelector(prefixes: Self.binaryFolders.map { PathPrefix($0) }) }
    /// See `CatalogAnalyzer.sizeLimit`.
    public var sizeLimit: Int { 512 << 20 }

    /// Creates the analyzer.
    public init() {}

    /// See `CatalogAnalyzer.analyze(path:content:)`. Not a Go or auditable Rust program: no packages.
    public func analyze(path: String, content: [UInt8]) throws(CatalogError) -> FileFinding {
        guard ExecutableFile.format(ofPrefix: content.prefix(4)) != nil else {
            return .languageFile(LanguageFile(type: .gobinary, packages: []))
        }
        if let info = try GoBinaryParser.buildInfo(content, path: path) {
            return .languageFile(LanguageFile(type: .gobinary, packages: GoBinaryParser.packages(info, path: path)))
        }
        if let packages = try RustAuditableParser.packages(content, path: path) {
            return .languageFile(LanguageFile(type: .rustbinary, packages: packages))
        }
        return .languageFile(LanguageFile(type: .gobinary, packages: []))
    }
}
