/// Why a network operation (HTTP, registry, credentials) failed.
public struct NetworkError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it is; stable, for programs to switch on.
    public enum Code: String, Sendable, Hashable {
        /// `--offline` is set: nothing may be fetched.
        case offline
        /// A URL, host or reference cannot be used.
        case invalidInput
        /// Plain HTTP to a host that is neither loopback nor allowed by `--insecure`.
        case insecureRefused
        /// The connection failed, timed out or broke off.
        case connectionFailed
        /// The TLS handshake failed: the server's certificate is not trusted or does not match the host.
        /// Never retried.
        case tlsFailed
        /// The server answered with an unexpected status.
        case httpStatus
        /// The registry refused the credentials, or demands credentials none were found for.
        case unauthorized
        /// The repository, tag, manifest or blob does not exist.
        case notFound
        /// Downloaded content does not hash to the digest that names it.
        case digestMismatch
        /// A response is larger than allowed.
        case tooLarge
        /// A response (manifest, token, challenge, index) cannot be parsed.
        case malformedResponse
        /// A credentials file or helper failed.
        case credentials
        /// A configuration file (registries.json) is invalid.
        case configuration
        /// The requested platform is not in the image index.
        case platformNotFound
    }

    /// The kind of problem.
    public var code: Code
    /// What went wrong, in words a user can act on.
    public var reason: String
    /// The URL, reference or file concerned.
    public var location: String
    /// The lower-level error, as text, when there is one.
    public var underlying: String?
    /// The HTTP status when `code` is `httpStatus`, `unauthorized` or `notFound`.
    public var status: Int?

    /// An error of kind `code` at `location`.
    public init(code: Code, reason: String, location: String, underlying: String? = nil, status: Int? = nil) {
        self.code = code
        self.reason = reason
        self.location = location
        self.underlying = underlying
        self.status = status
    }

    /// `location: reason (underlying)`, ready to print.
    public var description: String {
        let prefix = location.isEmpty ? "" : "\(location): "
        return prefix + reason + (underlying.map { " (\($0))" } ?? "")
    }
}
