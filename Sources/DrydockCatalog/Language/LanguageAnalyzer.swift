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
    /// See `CatalogAnalyzer.version`: 4 records links as not followed; 5 gives `mix.lock` packages their
    /// `dependsOn` and `conda-meta` files their license declarations (layer analyses cached before are redone).
    public var version: Int { 5 }
    /// See `CatalogAnalyzer.selector`.
    public var selector: FileSelector { FileSelector(names: format.rules) }
    /// See `CatalogAnalyzer.sizeLimit`.
    public var sizeLimit: Int { 64 * 1024 * 1024 }
    /// See `CatalogAnalyzer.followsLinks`: a lockfile or metadata file is reported where it lies, never through a
    /// link.
    public var followsLinks: Bool { false }

    /// Creates an analyzer for `format`.
    public init(_ format: LanguageFormat) {
        self.format = format
    }

    /// See `CatalogAnalyzer.analyze(path:content:)`. A file that parses but is not valid UTF-8 (nor UTF-16
    /// with a byte-order mark) is most likely damaged: what could be read is kept, with a warning naming it.
    public func analyze(path: String, content: [UInt8]) throws(CatalogError) -> FileFinding {
        var file = try format.parse(content, path)
        let utf16 = content.starts(with: [0xff, 0xfe]) || content.starts(with: [0xfe, 0xff])
        if !utf16, String(validating: content, as: UTF8.self) == nil {
            file.warnings.append(
                CatalogWarning(
                    path: path,
                    message: "not valid UTF-8 text (damaged, or in another encoding); packages may be missing"))
        }
        return .languageFile(file)
    }
}
