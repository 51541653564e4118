import DrydockLicenses

/// Reads license files — `LICENSE`, `LICENCE`, `COPYING`, `COPYRIGHT`, `UNLICENSE`, with `.txt`, `.md` or
/// `.rst`, and `LICENSE-MIT`-style names — and recognises the licenses in their text
/// (`LicenseTextClassifier`), for `--license-full`. Every match is kept with its confidence; the license
/// scanner applies `--license-confidence-level`. Files under `node_modules` and `usr/share/doc` are left to
/// the package analyzers, as Trivy leaves them.
public struct LicenseFileAnalyzer: CatalogAnalyzer {
    /// The file names read.
    public static let names: [String] = {
        let stems = ["LICENSE", "LICENCE", "COPYING", "COPYRIGHT", "UNLICENSE"]
        var names: [String] = []
        for stem in stems {
            for spelling in [stem, stem.lowercased(), stem.prefix(1) + stem.dropFirst().lowercased()] {
                for suffix in ["", ".txt", ".md", ".rst", ".TXT", ".MD"] { names.append(spelling + suffix) }
            }
        }
        names += [
            "LICENSE-MIT", "LICENSE-APACHE", "LICENSE.MIT", "LICENSE.APACHE", "LICENSE-APACHE-2.0", "LICENSE.BSD",
            "LICENSE.GPL", "COPYING.LIB", "COPYING.LESSER", "COPYING.LGPL",
        ]
        return names
    }()

    /// See `CatalogAnalyzer.name`.
    public var name: String { "license-file" }
    /// See `CatalogAnalyzer.version`.
    public var version: Int { 1 }
    /// See `CatalogAnalyzer.selector`.
    public var selector: FileSelector {
        FileSelector(names: Self.names.map { NameRule(name: $0, excludedAncestor: "node_modules") })
    }
    /// See `CatalogAnalyzer.sizeLimit`.
    public var sizeLimit: Int { 1024 * 1024 }

    /// Creates the analyzer.
    public init() {}

    /// See `CatalogAnalyzer.analyze(path:content:)`.
    public func analyze(path: String, content: [UInt8]) throws(CatalogError) -> FileFinding {
        guard !path.hasPrefix(DpkgCopyrightAnalyzer.folder), Self.isText(content.prefix(300)) else {
            return .licenseText([])
        }
        return .licenseText(LicenseTextClassifier.classify(String(decoding: content, as: UTF8.self), confidenceLevel: 0.5))
    }

    /// Whether `head` has no control bytes other than tabs, newlines, form feeds and escapes (as `file` judges text).
    static func isText(_ head: some Collection<UInt8>) -> Bool {
        !head.contains { byte in byte < 7 || byte == 11 || (14...26).contains(byte) || (28...31).contains(byte) || byte == 0x7f }
    }
}
