import DrydockLicenses

/// Reads license files and the headers of source and text files for `--license-full`, and recognises the
/// licenses their text holds (`LicenseTextClassifier`: license texts, notices, `SPDX-License-Identifier`
/// tags).
///
/// The files are Trivy's: names `LICENSE`, `LICENCE` and `COPYRIGHT` in any case, and files with the
/// extensions Trivy's license analyzer reads (`.c`, `.h`, `.js`, `.py`, `.java`, `.sh`, `.md`, `.txt`, …), plus names Trivy misses (`COPYING`, `UNLICENSE`, `LICENSE-MIT`, `COPYING.LESSER`, …). As in
/// Trivy, paths holding `node_modules/`, `usr/share/doc/` (the package analyzers read those), `usr/lib`,
/// `usr/include`, `usr/local/go` and a few other folders of installed software are skipped. A license file
/// is read whole (up to 1 MiB); of other files only the first `headerLength` bytes, where headers are.
/// Binary files (control bytes in the first 300) are not classified. Every match is kept with its
/// confidence; the license scanner applies `--license-confidence-level`.
public struct LicenseFileAnalyzer: CatalogAnalyzer {
    /// License file names read whole.
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

    /// The extensions of files whose header is read (Trivy's list; either case).
    public static let headerExtensions = [
        ".asp", ".aspx", ".bas", ".bat", ".b", ".c", ".cue", ".cgi", ".cs", ".css", ".fish", ".html", ".h", ".ini",
        ".java", ".js", ".jsx", ".markdown", ".md", ".py", ".php", ".pl", ".r", ".rb", ".sh", ".sql", ".ts", ".tsx",
        ".txt", ".vue", ".zsh",
    ]

    /// Path parts Trivy's license analyzer skips (matched as text anywhere in the path, as Trivy matches them).
    public static let skippedPathParts = [
        "node_modules/", "usr/share/doc/", "usr/lib", "usr/local/include", "usr/include", "usr/local/go",
        "opt/yarn", "usr/src/wordpress",
    ]

    /// How much of a file that is not a license file is classified.
    public static let headerLength = 8 * 1024

    private static let nameSet = Set(names)

    /// See `CatalogAnalyzer.name`.
    public var name: String { "license-file" }
    /// See `CatalogAnalyzer.version`.
    public var version: Int { 2 }
    /// See `CatalogAnalyzer.selector`.
    public var selector: FileSelector {
        let skipped = Self.skippedPathParts
        let named = Self.names.map { NameRule(name: $0, excludedPathParts: skipped) }
        let extensions = Self.headerExtensions.flatMap { [$0, $0.uppercased()] }.map {
            NameRule(suffix: $0, excludedPathParts: skipped)
        }
        return FileSelector(names: named + extensions)
    }
    /// See `CatalogAnalyzer.sizeLimit`.
    public var sizeLimit: Int { 1024 * 1024 }
    /// Larger files (minified bundles, data) are not license files; they are passed over without a warning.
    public var warnsAboutLargeFiles: Bool { false }

    /// Creates the analyzer.
    public init() {}

    /// See `CatalogAnalyzer.analyze(path:content:)`.
    public func analyze(path: String, content: [UInt8]) throws(CatalogError) -> FileFinding {
        guard Self.isText(content.prefix(300)) else { return .licenseText([]) }
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        let text = Self.nameSet.contains(fileName) ? content[...] : content.prefix(Self.headerLength)
        return .licenseText(LicenseTextClassifier.classify(String(decoding: text, as: UTF8.self), confidenceLevel: 0))
    }

    /// Whether `head` has no control bytes other than tabs, newlines, form feeds and escapes (as `file` judges text).
    static func isText(_ head: some Collection<UInt8>) -> Bool {
        !head.contains { byte in
            byte < 7 || byte == 11 || (14...26).contains(byte) || (28...31).contains(byte) || byte == 0x7f
        }
    }
}
