/// Drydock's documented process exit codes (see `docs/exit-codes.md`).
///
/// A tool error is never mistaken for a gate failure: `--exit-code` may not use 2, 3 or 4.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// The gate passed (or no `--exit-code` was set).
    case passed = 0
    /// The command line is wrong: unknown flag, bad value, unwritable `--output`.
    case usage = 2
    /// The target could not be read: missing, truncated, corrupt, not an image.
    case target = 3
    /// The vulnerability DB is missing, unreadable or of another schema version.
    case database = 4
    /// The scan did not finish within `--timeout`.
    case timeout = 5

    /// Exit codes `--exit-code` may not take because they mean a tool error.
    public static let reserved: Set<Int32> = [
        usage.rawValue, target.rawValue, database.rawValue, timeout.rawValue,
    ]
}

/// An error that ends the command with a message and one of the documented exit codes.
public struct CommandFailure: Error, CustomStringConvertible {
    public var status: ExitStatus
    public var message: String

    public init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { message }
}
