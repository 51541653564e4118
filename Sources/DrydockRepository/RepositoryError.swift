/// An error of the SBOM repository: the store cannot be reached or migrated, a request is invalid, or
/// something it names does not exist.
public struct RepositoryError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for the server to map to an HTTP status.
    public enum Code: String, Sendable, Hashable {
        /// The store location is malformed (`--store`).
        case location
        /// The store could not be opened, reached or migrated, or a statement failed.
        case storage
        /// A request is invalid (a malformed purl, version constraint or exception).
        case invalid
        /// The thing asked for does not exist.
        case notFound = "not-found"
        /// The store's schema is newer than this build.
        case schema
    }

    public var code: Code
    /// What happened and what to do, naming the store or the input.
    public var reason: String
    public var underlying: (any Error & Sendable)?

    public init(_ code: Code, _ reason: String, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.reason = reason
        self.underlying = underlying
    }

    public var description: String {
        guard let underlying else { return reason }
        return "\(reason): \(underlying)"
    }
}
