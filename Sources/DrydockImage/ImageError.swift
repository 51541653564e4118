/// Why an image, archive or layer could not be read.
public struct ImageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it is; stable, for programs to switch on.
    public enum Code: String, Sendable, Hashable {
        /// The path does not exist.
        case notFound
        /// The file exists but cannot be opened or read.
        case unreadable
        /// Not a tar, a damaged tar header, or layer content that does not match its diffID.
        case malformedArchive
        /// A manifest, index or config is missing or invalid, or names a member that is absent.
        case malformedManifest
        /// Compressed data is damaged.
        case corruptCompression
        /// The input ends early.
        case truncated
        /// An entry would write outside the image root (reserved for the unpacking stages).
        case unsafeEntry
        /// A size or count limit was reached.
        case limitExceeded
        /// A format Drydock cannot read here (zstd layers on a system without `libzstd.so.1`).
        case unsupported
        /// The tag is absent, ambiguous, or needed to choose among several images.
        case tagNotFound
    }

    /// The kind of problem.
    public var code: Code
    /// What went wrong, in words a user can act on.
    public var reason: String
    /// The file (and where useful, the entry inside it) the problem is in.
    public var location: String

    /// An error of kind `code` at `location`.
    public init(code: Code, reason: String, location: String) {
        self.code = code
        self.reason = reason
        self.location = location
    }

    /// `location: reason`, ready to print.
    public var description: String { "\(location): \(reason)" }
}
