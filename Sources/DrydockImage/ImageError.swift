/// Why an image, archive or layer could not be read.
public struct ImageError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case notFound
        case unreadable
        case malformedArchive
        case malformedManifest
        case corruptCompression
        case truncated
        case unsafeEntry
        case limitExceeded
        case unsupported
        case tagNotFound
    }

    public var code: Code
    /// What went wrong, in words a user can act on.
    public var reason: String
    /// The file (and where useful, the entry inside it) the problem is in.
    public var location: String

    public init(code: Code, reason: String, location: String) {
        self.code = code
        self.reason = reason
        self.location = location
    }

    public var description: String { "\(location): \(reason)" }
}
