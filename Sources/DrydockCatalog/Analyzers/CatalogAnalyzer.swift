import DrydockLicenses

/// Reads one kind of file from image layers: release files, a package database.
///
/// Analyzers are pure: they see a path and its bytes and never touch the file system, so the same analyzer
/// serves image layers, root filesystems and directories. Their results go into `LayerAnalysis`, which is
/// cached by layer diffID together with each analyzer's `name` and `version`.
public protocol CatalogAnalyzer: Sendable {
    /// Stable identifier (`apk`, `dpkg`, `os-release`), part of cache keys.
    var name: String { get }
    /// Bumped whenever the analyzer's output for the same bytes changes, to invalidate caches.
    var version: Int { get }
    /// The files it wants; the walker reads no others.
    var selector: FileSelector { get }
    /// The largest file it will read, in bytes; larger ones are skipped, with a warning when
    /// `warnsAboutLargeFiles`.
    var sizeLimit: Int { get }
    /// Whether a file over `sizeLimit` is worth a warning (a package database is; a large source file that a
    /// license analyzer passes over is not).
    var warnsAboutLargeFiles: Bool { get }
    /// Turns one wanted file's bytes into a finding. Throws when the file cannot be used at all.
    func analyze(path: String, content: [UInt8]) throws(CatalogError) -> FileFinding
    /// Whether it reads the files of Trivy's analyzer type `type` (`--file-patterns TYPE:REGEX`); by default
    /// when `type` is its name (without `lang-`) or Trivy's name for it.
    func answers(toFilePatternType type: String) -> Bool
}

extension CatalogAnalyzer {
    /// See `CatalogAnalyzer.warnsAboutLargeFiles`: by default, yes.
    public var warnsAboutLargeFiles: Bool { true }
}

/// What an analyzer made of one file.
public enum FileFinding: Sendable, Hashable, Codable {
    /// A parsed package database.
    case packageDatabase(PackageDatabase)
    /// A dpkg file list: the files the package `owner` (of `architecture`, for multi-arch lists) installed.
    case fileList(owner: String, architecture: String?, files: [String])
    /// The file's bytes, kept as they are (small release files).
    case raw([UInt8])
    /// A lockfile's or language package metadata file's packages.
    case languageFile(LanguageFile)
    /// A file kept whole for a scanner that runs after the catalog (misconfiguration checks).
    case scannable(ScannableFile)
    /// The licenses a Debian package's copyright file declares (normalised SPDX names, `DebianCopyright`).
    case copyright([String])
    /// The licenses a license file's text holds (`--license-full`).
    case licenseText([LicenseMatch])
}

extension CatalogAnalyzer {
    /// Whether this analyzer reads the files of Trivy's analyzer type `type` (`pip`, `npm`,
    /// `gradle-lockfile`), the first half of a `--file-patterns` entry.
    public func answers(toFilePatternType type: String) -> Bool {
        let own = name.hasPrefix("lang-") ? String(name.dropFirst(5)) : name
        return own == type || CatalogAnalyzerTypes.trivyAliases[type] == own
    }
}

/// Trivy's analyzer type names that differ from Drydock's.
public enum CatalogAnalyzerTypes {
    /// Trivy's name → Drydock's (`gradle-lockfile` → `gradle`).
    public static let trivyAliases: [String: String] = [
        "gradle-lockfile": "gradle", "sbt-lockfile": "sbt", "conan-lock": "conan", "mix-lock": "hex",
        "pubspec-lock": "pub", "python-egg": "python-pkg",
    ]

    /// Whether some analyzer of `analyzers` answers to `type`.
    public static func isKnown(_ type: String, in analyzers: [any CatalogAnalyzer]) -> Bool {
        analyzers.contains { $0.answers(toFilePatternType: type) }
    }
}
