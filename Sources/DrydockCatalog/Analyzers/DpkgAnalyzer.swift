/// Reads dpkg's `var/lib/dpkg/status`, the distroless `status.d/*` files (not `*.md5sums`) and the
/// per-package file lists `info/*.list`.
public struct DpkgAnalyzer: CatalogAnalyzer {
    /// See `CatalogAnalyzer.name`.
    public var name: String { "dpkg" }
    /// See `CatalogAnalyzer.version`.
    public var version: Int { 1 }
    /// See `CatalogAnalyzer.selector`.
    public var selector: FileSelector {
        FileSelector(
            exactPaths: [DpkgStatusParser.statusPath],
            prefixes: [
                PathPrefix(DpkgStatusParser.statusDirectory, excludedSuffixes: [".md5sums"]),
                PathPrefix(DpkgFileList.directory, requiredSuffix: ".list"),
            ])
    }
    /// See `CatalogAnalyzer.sizeLimit`.
    public var sizeLimit: Int { 256 * 1024 * 1024 }

    /// Creates the analyzer.
    public init() {}

    /// See `CatalogAnalyzer.analyze(path:content:)`.
    public func analyze(path: String, content: [UInt8]) throws(CatalogError) -> FileFinding {
        if let owner = DpkgFileList.owner(ofListAt: path) {
            return .fileList(owner: owner.name, architecture: owner.architecture, files: DpkgFileList.parse(content))
        }
        let inStatusDirectory = path.hasPrefix(DpkgStatusParser.statusDirectory)
        return .packageDatabase(try DpkgStatusParser.parse(content, path: path, requireStatus: !inStatusDirectory))
    }
}
