/// Why a local container engine (Docker, Podman, containerd) could not answer.
public struct EngineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it is; stable, for programs to switch on.
    public enum Code: String, Sendable, Hashable {
        /// No socket at the address, or nothing listening: the engine is not running here.
        case unreachable
        /// The engine answered but has no image by that name (or not for the wanted platform).
        case notFound
        /// The engine answered with an error of its own (its message is in the reason).
        case engineFailed
        /// The engine's answer could not be understood (bad JSON, a broken gRPC or protobuf message).
        case protocolError
        /// The address, TLS files or another input is wrong.
        case invalidInput
        /// The connection broke or timed out mid-way.
        case interrupted
    }

    /// The kind of problem.
    public var code: Code
    /// What went wrong, in words a user can act on.
    public var reason: String
    /// The engine's address (`unix:///var/run/docker.sock`), with the image where it matters.
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
