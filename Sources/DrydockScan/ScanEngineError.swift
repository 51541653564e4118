/// Why a scan could not produce a report: the target holds nothing checkable, or the advisory source failed.
public struct ScanEngineError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for front ends to map to exit codes or HTTP statuses.
    public enum Code: String, Sendable, Hashable {
        /// Nothing in the target can be checked (no OS detected and no packages, or an unsupported OS).
        case nothingToCheck = "nothing-to-check"
        /// The advisory source (the vulnerability DB) could not be read.
        case source
    }

    public var code: Code
    /// The reason in words, naming the target or the source.
    public var reason: String
    /// The error the advisory source threw, when there was one.
    public var underlying: (any Error & Sendable)?

    public init(_ code: Code, _ reason: String, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.reason = reason
        self.underlying = underlying
    }

    public var description: String { reason }
}
