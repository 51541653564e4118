/// Which paths a scan leaves out (`--skip-dirs`, `--skip-files`) and which extra files it reads as which
/// kind (`--file-patterns`), applied to image layers, root filesystems and directories alike.
///
/// A file is skipped when a skip-files glob matches its path, or a skip-dirs glob matches one of the folders
/// above it; a folder is not entered when a skip-dirs glob matches it. Paths are relative to the scan root.
public struct PathFilter: Sendable, Hashable {
    public var skipDirectories: [PathGlob]
    public var skipFiles: [PathGlob]
    /// Extra files to read: a regular expression on the path and the analyzer type that reads matches
    /// (`pip` for `requirements-.*\.txt`), in Trivy's `TYPE:REGEX` form.
    public var filePatterns: [FilePattern]

    public init(skipDirectories: [PathGlob] = [], skipFiles: [PathGlob] = [], filePatterns: [FilePattern] = []) {
        self.skipDirectories = skipDirectories
        self.skipFiles = skipFiles
        self.filePatterns = filePatterns
    }

    /// Whether nothing is filtered.
    public var isEmpty: Bool { skipDirectories.isEmpty && skipFiles.isEmpty && filePatterns.isEmpty }

    /// Whether the folder at `path` is left out with everything in it.
    public func skipsDirectory(_ path: String) -> Bool {
        skipDirectories.contains { $0.matches(path) }
    }

    /// Whether the file (or link) at `path` is left out: its own glob, or a skipped folder above it.
    public func skipsFile(_ path: String) -> Bool {
        if skipFiles.contains(where: { $0.matches(path) }) { return true }
        guard !skipDirectories.isEmpty else { return false }
        var folder = Substring(path)
        while let slash = folder.lastIndex(of: "/") {
            folder = folder[..<slash]
            if skipsDirectory(String(folder)) { return true }
        }
        return false
    }

    /// A stable description for cache keys: layer results depend on what was skipped.
    public var fingerprint: String {
        guard !isEmpty else { return "" }
        let dirs = skipDirectories.map(\.pattern).joined(separator: ",")
        let files = skipFiles.map(\.pattern).joined(separator: ",")
        let patterns = filePatterns.map(\.description).joined(separator: ",")
        return "skip-dirs[\(dirs)]skip-files[\(files)]file-patterns[\(patterns)]"
    }
}

/// A `--file-patterns` entry: files whose path matches `expression` are read by the analyzer of `type`.
public struct FilePattern: Sendable, Hashable, CustomStringConvertible {
    /// Trivy's analyzer type (`pip`, `npm`, `dockerfile`).
    public var type: String
    /// The regular expression, as written.
    public var expression: String
    private let regex: RegexBox

    /// Parses `TYPE:REGEX`; `nil` when there is no `:` or the expression does not compile.
    public init?(_ text: String) {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        type = String(text[..<colon])
        expression = String(text[text.index(after: colon)...])
        guard !type.isEmpty, !expression.isEmpty, let regex = RegexBox(expression) else { return nil }
        self.regex = regex
    }

    public var description: String { "\(type):\(expression)" }

    /// Whether `path` matches (anywhere in the path, as Go's `regexp.MatchString`).
    public func matches(_ path: String) -> Bool { regex.matches(path) }

    public static func == (lhs: FilePattern, rhs: FilePattern) -> Bool { lhs.description == rhs.description }
    public func hash(into hasher: inout Hasher) { hasher.combine(description) }
}
