import DrydockLicenses

/// Reads Debian packages' copyright files, `usr/share/doc/PACKAGE/copyright`, into their licenses
/// (`DebianCopyright`), and notes the entries directly in `usr/share/doc` so that a `usr/share/doc/PACKAGE`
/// that links to another package's folder (`libgcc-s1 -> gcc-12-base`) is followed inside the image.
/// Copyright files deeper down (`usr/share/doc/PKG/examples/debian/copyright`) are not a package's.
public struct DpkgCopyrightAnalyzer: CatalogAnalyzer {
    /// The folder of packages' documentation.
    public static let folder = "usr/share/doc/"

    /// See `CatalogAnalyzer.name`.
    public var name: String { "dpkg-copyright" }
    /// See `CatalogAnalyzer.version`.
    public var version: Int { 1 }
    /// See `CatalogAnalyzer.selector`.
    public var selector: FileSelector {
        FileSelector(prefixes: [
            PathPrefix(Self.folder),
            PathPrefix(Self.folder, requiredSuffix: "/copyright", directChildrenOnly: false),
        ])
    }
    /// See `CatalogAnalyzer.sizeLimit`.
    public var sizeLimit: Int { 4 * 1024 * 1024 }

    /// Creates the analyzer.
    public init() {}

    /// See `CatalogAnalyzer.analyze(path:content:)`.
    public func analyze(path: String, content: [UInt8]) throws(CatalogError) -> FileFinding {
        guard Self.package(ofCopyright: path) != nil else { return .raw([]) }
        return .copyright(DebianCopyright.parse(content).licenses)
    }

    /// `usr/share/doc/zlib1g/copyright` → `zlib1g`; `nil` for other paths.
    public static func package(ofCopyright path: String) -> String? {
        guard path.hasPrefix(folder), path.hasSuffix("/copyright") else { return nil }
        let name = path.dropFirst(folder.count).dropLast("/copyright".count)
        return name.isEmpty || name.contains("/") ? nil : String(name)
    }
}
