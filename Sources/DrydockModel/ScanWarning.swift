/// A problem met while scanning that did not stop it (a link to a missing file, a file over a size limit, a
/// skipped record), with the kind it is grouped under when warnings are summarised (`WarningSummary`).
public struct ScanWarning: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What kind of problem it is; stable for programs (`link-target-missing`).
    public struct Kind: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        /// The kind's stable spelling.
        public var rawValue: String
        /// Wraps a spelling.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// A link a package database or release file depends on leads to a file the image does not have.
        public static let linkTargetMissing = Kind(rawValue: "link-target-missing")
        /// A link a package database or release file depends on leads to a file Drydock does not read.
        public static let linkTargetNotRead = Kind(rawValue: "link-target-not-read")
        /// A wanted file is larger than its analyzer reads; it was not read.
        public static let fileTooLarge = Kind(rawValue: "file-too-large")
        /// A wanted file could not be parsed at all (damaged, not in the expected format); it was ignored.
        public static let fileUnusable = Kind(rawValue: "file-unusable")
        /// A wanted file could not be read (an I/O error, no room for a temporary file); it was ignored.
        public static let fileUnreadable = Kind(rawValue: "file-unreadable")
        /// A record or entry inside a file (a package stanza, a lockfile entry, an archive member) was skipped.
        public static let recordSkipped = Kind(rawValue: "record-skipped")
        /// A package listed by two databases was kept once.
        public static let duplicatePackage = Kind(rawValue: "duplicate-package")
        /// Anything else: a message of its own, never grouped with others.
        public static let general = Kind(rawValue: "general")

        /// What a group of warnings of this kind is about, for a summary line (`links to missing files`).
        public var title: String {
            switch self {
            case .linkTargetMissing: "links to missing files"
            case .linkTargetNotRead: "links to files Drydock does not read"
            case .fileTooLarge: "files over their analyzer's size limit, not read"
            case .fileUnusable: "files that could not be parsed, ignored"
            case .fileUnreadable: "files that could not be read, ignored"
            case .recordSkipped: "records or entries skipped"
            case .duplicatePackage: "packages listed by more than one database"
            default: rawValue
            }
        }

        /// The raw value.
        public var description: String { rawValue }
    }

    /// What kind of problem it is.
    public var kind: Kind
    /// The file inside the scanned target it is about, when it is about one (`usr/lib/os-release`).
    public var path: String?
    /// The 1-based line the problem starts at, when it is tied to one.
    public var line: Int?
    /// What was wrong and what was done about it.
    public var message: String

    /// Creates a warning.
    public init(kind: Kind, path: String? = nil, line: Int? = nil, message: String) {
        self.kind = kind
        self.path = path
        self.line = line
        self.message = message
    }

    /// A warning of its own kind (`general`) that is only a message: never grouped with others.
    public init(_ message: String) {
        self.init(kind: .general, message: message)
    }

    /// `path:line: message`, `path: message` or `message`.
    public var description: String {
        guard let path else { return message }
        if let line { return "\(path):\(line): \(message)" }
        return "\(path): \(message)"
    }
}

extension ScanWarning: ExpressibleByStringLiteral {
    /// A `general` warning written as a literal: `"no advisories for alpine 3.99"`.
    public init(stringLiteral message: String) { self.init(message) }
}
