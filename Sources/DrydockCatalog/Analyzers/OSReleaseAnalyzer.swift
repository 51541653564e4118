/// Reads the release files the OS is recognised from, keeping their bytes.
public struct OSReleaseAnalyzer: CatalogAnalyzer {
    /// The paths read, in the order `OSDetector` prefers them.
    public static let paths = ["etc/os-release", "usr/lib/os-release", "etc/alpine-release", "etc/debian_version"]

    /// See `CatalogAnalyzer.name`.
    public var name: String { "os-release" }
    /// See `CatalogAnalyzer.version`.
    public var version: Int { 2 }
    /// See `CatalogAnalyzer.selector`.
    public var selector: FileSelector {
        FileSelector(
            exactPaths: Set(Self.paths + OSReleaseFiles.legacyPaths + [OSReleaseFiles.ubuntuAdvantageStatusPath]),
            prefixes: [PathPrefix(OSReleaseFiles.aptSourcesFolder)])
    }
    /// See `CatalogAnalyzer.sizeLimit`.
    public var sizeLimit: Int { 64 * 1024 }

    /// Creates the analyzer.
    public init() {}

    /// See `CatalogAnalyzer.analyze(path:content:)`.
    public func analyze(path: String, content: [UInt8]) throws(CatalogError) -> FileFinding {
        .raw(content)
    }
}
