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
    /// The largest file it will read, in bytes; larger ones are skipped with a warning.
    var sizeLimit: Int { get }
    /// Turns one wanted file's bytes into a finding. Throws when the file cannot be used at all.
    func analyze(path: String, content: [UInt8]) throws(CatalogError) -> FileFinding
}

/// What an analyzer made of one file.
public enum FileFinding: Sendable, Hashable, Codable {
    /// A parsed package database.
    case packageDatabase(PackageDatabase)
    /// A dpkg file list: the files the package `owner` (of `architecture`, for multi-arch lists) installed.
    case fileList(owner: String, architecture: String?, files: [String])
    /// The file's bytes, kept as they are (small release files).
    case raw([UInt8])
}

/// Reads the release files the OS is recognised from, keeping their bytes.
public struct OSReleaseAnalyzer: CatalogAnalyzer {
    /// The paths read, in the order `OSDetector` prefers them.
    public static let paths = ["etc/os-release", "usr/lib/os-release", "etc/alpine-release", "etc/debian_version"]

    public var name: String { "os-release" }
    public var version: Int { 1 }
    public var selector: FileSelector { FileSelector(exactPaths: Set(Self.paths)) }
    public var sizeLimit: Int { 64 * 1024 }

    /// Creates the analyzer.
    public init() {}

    public func analyze(path: String, content: [UInt8]) throws(CatalogError) -> FileFinding {
        .raw(content)
    }
}

/// Reads Alpine's `lib/apk/db/installed`.
public struct ApkAnalyzer: CatalogAnalyzer {
    public var name: String { "apk" }
    public var version: Int { 1 }
    public var selector: FileSelector { FileSelector(exactPaths: [ApkInstalledParser.path]) }
    public var sizeLimit: Int { 256 * 1024 * 1024 }

    /// Creates the analyzer.
    public init() {}

    public func analyze(path: String, content: [UInt8]) throws(CatalogError) -> FileFinding {
        .packageDatabase(try ApkInstalledParser.parse(content, path: path))
    }
}

/// Reads dpkg's `var/lib/dpkg/status`, the distroless `status.d/*` files (not `*.md5sums`) and the
/// per-package file lists `info/*.list`.
public struct DpkgAnalyzer: CatalogAnalyzer {
    public var name: String { "dpkg" }
    public var version: Int { 1 }
    public var selector: FileSelector {
        FileSelector(
            exactPaths: [DpkgStatusParser.statusPath],
            prefixes: [
                PathPrefix(DpkgStatusParser.statusDirectory, excludedSuffixes: [".md5sums"]),
                PathPrefix(DpkgFileList.directory, requiredSuffix: ".list"),
            ])
    }
    public var sizeLimit: Int { 256 * 1024 * 1024 }

    /// Creates the analyzer.
    public init() {}

    public func analyze(path: String, content: [UInt8]) throws(CatalogError) -> FileFinding {
        if let owner = DpkgFileList.owner(ofListAt: path) {
            return .fileList(owner: owner.name, architecture: owner.architecture, files: DpkgFileList.parse(content))
        }
        let inStatusDirectory = path.hasPrefix(DpkgStatusParser.statusDirectory)
        return .packageDatabase(try DpkgStatusParser.parse(content, path: path, requireStatus: !inStatusDirectory))
    }
}
