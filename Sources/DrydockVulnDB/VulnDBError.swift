/// Why the vulnerability database could not be built, opened or read.
///
/// The CLI maps every `VulnDBError` met while opening or reading the DB to exit code 4.
public struct VulnDBError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is; stable for callers that branch on it.
    public enum Code: String, Sendable, Hashable {
        /// The DB file or an input source does not exist.
        case notFound
        /// The file exists but is not an SQLite database (or is corrupt).
        case notADatabase
        /// The DB was written with another schema version.
        case schemaMismatch
        /// An explicitly named input file is in no format an importer recognises.
        case unknownFormat
        /// An input file could not be parsed.
        case malformedInput
        /// Reading or writing a file failed.
        case ioFailure
        /// SQLite reported an error while building or querying.
        case databaseFailure
        /// A feed or DB download failed (connection, HTTP status, truncated or corrupt archive).
        case downloadFailed
        /// A downloaded or imported DB failed verification (digest, schema) and was not installed.
        case verificationFailed
    }

    /// What kind of failure this is.
    public var code: Code
    /// What went wrong, in words a user can act on.
    public var reason: String
    /// The file the problem is in (DB file or input source).
    public var location: String
    /// The lower-level error's description, when there was one.
    public var underlying: String?

    /// Creates an error.
    public init(code: Code, reason: String, location: String, underlying: String? = nil) {
        self.code = code
        self.reason = reason
        self.location = location
        self.underlying = underlying
    }

    /// `location: reason (underlying)`.
    public var description: String {
        if let underlying { return "\(location): \(reason) (\(underlying))" }
        return "\(location): \(reason)"
    }
}
