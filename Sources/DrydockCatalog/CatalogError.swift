/// Why the catalog stage could not read an image or one of its package databases.
///
/// Problems confined to one record of a database are not errors: they become `CatalogWarning`s and
/// the record is skipped. An error means a whole file or layer could not be used.
public struct CatalogError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it is; stable for programs, not meant for display.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The code's stable spelling (`malformed-database`).
        public var rawValue: String
        /// Wraps a spelling.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// A package database or release file is not text in the expected format.
        public static let malformedDatabase = Code(rawValue: "malformed-database")
        /// A layer could not be read (the image module's error is in `underlying`).
        public static let unreadableLayer = Code(rawValue: "unreadable-layer")
        /// The image has layers the archive did not stream.
        public static let missingLayer = Code(rawValue: "missing-layer")

        /// The raw value.
        public var description: String { rawValue }
    }

    /// What kind of problem it is.
    public var code: Code
    /// What went wrong, in words a user can act on.
    public var reason: String
    /// The file (and, where known, the line or layer) the problem is in.
    public var location: String
    /// The lower-level error, when there is one (rendered as text so the error stays `Hashable`).
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
        if let underlying {
            return "\(location): \(reason) (\(underlying))"
        }
        return "\(location): \(reason)"
    }
}
