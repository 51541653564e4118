/// A lockfile or package-metadata format: which files it reads and how.
public struct LanguageFormat: Sendable {
    /// Trivy's `Type` for results from these files.
    public var type: LanguageFileType
    /// The files read, by name, in any folder.
    public var rules: [NameRule]
    /// The pure parser: bytes and the file's path in, packages out.
    public var parse: @Sendable ([UInt8], String) throws(CatalogError) -> LanguageFile

    /// Creates a format.
    public init(
        type: LanguageFileType, rules: [NameRule],
        parse: @escaping @Sendable ([UInt8], String) throws(CatalogError) -> LanguageFile
    ) {
        self.type = type
        self.rules = rules
        self.parse = parse
    }
}

/// Reads one language format's files wherever they are in the tree.
public struct LanguageAnalyzer: CatalogAnalyzer {
    /// The format read.
    public let format: LanguageFormat

    /// See `CatalogAnalyzer.name`: `lang-` and Trivy's type (`lang-npm`).
    public var name: String { "lang-\(format.type.rawValue)" }
    /// See `CatalogAnalyzer.version`.
    public var version: Int { 1 }
    /// See `CatalogAnalyzer.selector`.
    public var selector: FileSelector { FileSelector(names: format.rules) }
    /// See `CatalogAnalyzer.sizeLimit`.
    public var sizeLimit: Int { 64 * 1024 * 1024 }

    /// Creates an analyzer for `format`.
    public init(_ format: LanguageFormat) {
        self.format = format
    }

    /// See `CatalogAnalyzer.analyze(path:content:)`.
    public func analyze(path: String, content: [UInt8]) throws(CatalogError) -> FileFinding {
        .languageFile(try format.parse(content, path))
    }
}
