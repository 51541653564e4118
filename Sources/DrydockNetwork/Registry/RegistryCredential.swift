/// Credentials for one registry.
public enum RegistryCredential: Sendable, Hashable {
    /// A user name and password (or personal access token), sent as Basic auth or to the token server.
    case basic(username: String, password: String)
    /// A registry bearer token used as is on every request (`--registry-token`).
    case bearer(token: String)
    /// An OAuth refresh token from `docker login` (`identitytoken`), exchanged at the token server.
    case identityToken(String)
}

/// A credential and where it came from, for messages (`--username`, `~/.docker/config.json`,
/// `docker-credential-pass`).
public struct ResolvedCredential: Sendable, Hashable {
    /// The credential.
    public var credential: RegistryCredential
    /// Where it was found.
    public var source: String

    /// A credential found at `source`.
    public init(_ credential: RegistryCredential, source: String) {
        self.credential = credential
        self.source = source
    }
}
