import Crypto

/// What a bundle must have been signed by.
public enum VerificationPolicy: Sendable, Hashable {
    /// Keyless: a Fulcio certificate for this SAN identity, issued after a login at this OIDC issuer
    /// (both compared exactly).
    case identity(subjectAlternativeName: String, oidcIssuer: String)
    /// Keyless, whoever the identity: the chain, SCT and log evidence are verified and the certificate's
    /// identity is returned for the caller to judge (policy rules with regular expressions).
    case anyCertificate
    /// A known public key.
    case key(VerificationKey)
}

/// The artifact a bundle is verified against: its bytes, or only its SHA-256 digest.
public enum VerificationArtifact: Sendable, Hashable {
    case bytes([UInt8])
    case sha256Digest([UInt8])

    /// Reads the conformance protocol's `FILE_OR_DIGEST` digest form: `sha256:` and 64 hex digits.
    public static func digest(fromArgument argument: String) -> VerificationArtifact? {
        guard argument.hasPrefix("sha256:") else { return nil }
        let text = argument.dropFirst("sha256:".count)
        guard text.count == 64, let bytes = hexBytes(String(text)) else { return nil }
        return .sha256Digest(bytes)
    }

    /// The SHA-256 digest of the artifact.
    public var sha256: [UInt8] {
        switch self {
        case .bytes(let bytes): return Array(SHA256.hash(data: bytes))
        case .sha256Digest(let digest): return digest
        }
    }
}

/// What a successful verification established.
public struct VerificationResult: Sendable, Hashable {
    /// The time the signature is judged at: the transparency log's integrated time (or a timestamp's);
    /// `nil` for a key-based signature accepted without transparency-log evidence.
    public var signingTime: Int64?
    /// The certificate's identity, for keyless bundles.
    public var identity: FulcioIdentity?
    /// The log entries that were checked, by log index.
    public var logIndexes: [Int64]
    /// The in-toto statement's predicate type, for DSSE bundles carrying one.
    public var predicateType: String?
    /// What the caller must tell the user about this acceptance (a signature without transparency-log evidence).
    public var warning: String?

    public init(
        signingTime: Int64?, identity: FulcioIdentity?, logIndexes: [Int64], predicateType: String?,
        warning: String? = nil
    ) {
        self.signingTime = signingTime
        self.identity = identity
        self.logIndexes = logIndexes
        self.predicateType = predicateType
        self.warning = warning
    }
}
