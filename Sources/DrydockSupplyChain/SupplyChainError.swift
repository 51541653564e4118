/// Why a Sigstore bundle, trusted root or key could not be read, or why verification failed.
///
/// `code` tells the two apart (an unreadable input is not a failed signature); `reason` is the message a
/// user reads, `location` names the input (a file path or a JSON field path).
public struct SupplyChainError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of failure.
    public enum Code: String, Sendable, Hashable {
        /// The bundle, trusted root, key or artifact is not well-formed (bad JSON, missing field, bad base64).
        case malformed
        /// The bundle's media type names a version this verifier does not know.
        case unsupportedVersion
        /// The input is well-formed, but a check failed: the signature, the chain, the identity, a proof.
        case verificationFailed
    }

    /// The class of failure.
    public var code: Code
    /// What is wrong, in words a user can act on.
    public var reason: String
    /// The input or field the failure is about (`bundle.verificationMaterial.tlogEntries[0]`), when known.
    public var location: String?

    public init(_ code: Code, _ reason: String, at location: String? = nil) {
        self.code = code
        self.reason = reason
        self.location = location
    }

    public var description: String {
        guard let location else { return reason }
        return "\(location): \(reason)"
    }

    static func malformed(_ reason: String, at location: String? = nil) -> SupplyChainError {
        SupplyChainError(.malformed, reason, at: location)
    }

    static func failed(_ reason: String, at location: String? = nil) -> SupplyChainError {
        SupplyChainError(.verificationFailed, reason, at: location)
    }
}
