import DrydockModel

/// Reads compiled programs (Trivy types `gobinary` and `rustbinary`): every file with an executable bit,
/// and every file directly in the usual `bin` folders, identified by content.
public struct ExecutableAnalyzer: ExecutableFileAnalyzer {
    /// The folders whose files are read whatever their mode.
    public static let binaryFolders = ["bin/", "sbin/", "usr/bin/", "usr/sbin/", "usr/local/bin/", "usr/local/sbin/"]

    /// See `CatalogAnalyzer.name`.
    public var name: String { "lang-binary" }
    /// See `CatalogAnalyzer.version`.
    public var version: Int { 3 }
    /// See `CatalogAnalyzer.selector`.
    public var selector: FileSelector { FileSelector(prefixes: Self.binaryFolders.map { PathPrefix($0) }) }
    /// See `CatalogAnalyzer.sizeLimit`.
    public var sizeLimit: Int { 512 << 20 }

    /// Creates the analyzer.
    public init() {}

    /// See `CatalogAnalyzer.analyze(path:content:)`. Not a Go or auditable Rust program: no packages.
    /// A universal (fat) Mach-O file is read slice by slice; identical build information is read once.
    public func analyze(path: String, content: [UInt8]) throws(CatalogError) -> FileFinding {
        if let slices = FatMachO.slices(content) {
            var goInfos: [GoBuildInfo] = []
            var rustPackages: [Package] = []
            for slice in slices {
                let thin = Array(content[slice])
                if let info = try GoBinaryParser.buildInfo(thin, path: path) {
                    if !goInfos.contains(info) { goInfos.append(info) }
                } else if let packages = try RustAuditableParser.packages(thin, path: path) {
                    rustPackages += packages.filter { !rustPackages.contains($0) }
                }
            }
            if !goInfos.isEmpty {
                var packages: [Package] = []
                for info in goInfos {
                    packages += GoBinaryParser.packages(info, path: path).filter { !packages.contains($0) }
                }
                return .languageFile(LanguageFile(type: .gobinary, packages: packages))
            }
            return .languageFile(
                LanguageFile(type: rustPackages.isEmpty ? .gobinary : .rustbinary, packages: rustPackages))
        }
        guard ExecutableFile.format(ofPrefix: content.prefix(4)) != nil else {
            return .languageFile(LanguageFile(type: .gobinary, packages: []))
        }
        if let info = try GoBinaryParser.buildInfo(content, path: path) {
            return .languageFile(LanguageFile(type: .gobinary, packages: GoBinaryParser.packages(info, path: path)))
        }
        if let packages = try RustAuditableParser.packages(content, path: path) {
            return .languageFile(LanguageFile(type: .rustbinary, packages: packages))
        }
        if let reason = ExecutableDamage.cutShort(content) {
            throw CatalogError(
                code: .malformedBinary, reason: "executable is cut short: \(reason) (damaged or incompletely copied)",
                location: path)
        }
        return .languageFile(LanguageFile(type: .gobinary, packages: []))
    }
}
