import Foundation

/// Finds the credentials for a registry, in this order:
/// 1. explicit ones (`--registry-token`, `--username`/`--password`), for every registry;
/// 2. the Docker config's `credHelpers` entry for the host (`docker-credential-NAME`);
/// 3. its `credsStore` helper (when it is missing or fails, the next step is tried);
/// 4. its `auths` entry for the host (`auth` base64, `username`/`password`, `identitytoken`);
/// 5. none: anonymous access.
public struct CredentialResolver: Sendable {
    /// Credentials given on the command line; used for every registry.
    public var explicit: RegistryCredential?
    /// The parsed Docker config, when one was found.
    public var dockerConfig: DockerConfig?
    /// Where the Docker config was read from (for messages).
    public var dockerConfigPath: String?
    /// `PATH` for credential helpers; the process's own when `nil`.
    public var helperSearchPath: String?

    /// A resolver from its parts.
    public init(
        explicit: RegistryCredential? = nil, dockerConfig: DockerConfig? = nil, dockerConfigPath: String? = nil,
        helperSearchPath: String? = nil
    ) {
        self.explicit = explicit
        self.dockerConfig = dockerConfig
        self.dockerConfigPath = dockerConfigPath
        self.helperSearchPath = helperSearchPath
    }

    /// A resolver with `explicit` credentials and the Docker config at `dockerConfigPath` (default
    /// `DockerConfig.defaultPath()`); a missing file is fine, an invalid one throws `credentials`.
    public static func load(
        explicit: RegistryCredential? = nil, dockerConfigPath: String? = nil
    ) throws(NetworkError) -> CredentialResolver {
        let path = dockerConfigPath ?? DockerConfig.defaultPath()
        guard let data = FileManager.default.contents(atPath: path) else {
            return CredentialResolver(explicit: explicit)
        }
        let config = try DockerConfig.parse(Array(data), location: path)
        return CredentialResolver(explicit: explicit, dockerConfig: config, dockerConfigPath: path)
    }

    /// The credential for `registry` (a host as in `ImageReference.registry`), or `nil` for anonymous.
    public func credential(for registry: String) throws(NetworkError) -> ResolvedCredential? {
        if let explicit { return ResolvedCredential(explicit, source: "the command line") }
        guard let config = dockerConfig else { return nil }
        let key = DockerConfig.normalizeKey(registry)
        let configName = dockerConfigPath ?? "the Docker config"
        let serverURL = key == ImageReference.dockerHub ? "https://index.docker.io/v1/" : key
        if let helper = config.credHelpers[key] {
            let runner = CredentialHelper(name: helper, searchPath: helperSearchPath)
            if let found = try runner.get(serverURL: serverURL) {
                return ResolvedCredential(found, source: runner.program)
            }
            return nil
        }
        if let store = config.credsStore {
            // A default store that is missing or fails (a `desktop` store copied onto a CI runner) falls
            // through to `auths`, as anonymous pulls must keep working; a per-host helper's failure is fatal.
            let runner = CredentialHelper(name: store, searchPath: helperSearchPath)
            if let found = (try? runner.get(serverURL: serverURL)) ?? nil {
                return ResolvedCredential(found, source: runner.program)
            }
        }
        if let credential = config.auths[key]?.credential {
            return ResolvedCredential(credential, source: configName)
        }
        return nil
    }
}
