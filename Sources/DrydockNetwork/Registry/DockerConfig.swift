import Foundation

/// The parts of Docker's `config.json` that hold registry credentials: `auths`, `credsStore` and
/// `credHelpers`.
public struct DockerConfig: Sendable, Hashable {
    /// One `auths` entry.
    public struct AuthEntry: Sendable, Hashable {
        /// User name (from `username`, or decoded from `auth`).
        public var username: String?
        /// Password (from `password`, or decoded from `auth`).
        public var password: String?
        /// `identitytoken`: an OAuth refresh token.
        public var identityToken: String?
        /// `registrytoken`: a bearer token used as is.
        public var registryToken: String?

        /// An entry from its parts.
        public init(
            username: String? = nil, password: String? = nil, identityToken: String? = nil, registryToken: String? = nil
        ) {
            self.username = username
            self.password = password
            self.identityToken = identityToken
            self.registryToken = registryToken
        }

        /// The credential this entry gives, or `nil` for an empty entry (a marker left by a creds store).
        public var credential: RegistryCredential? {
            if let registryToken, !registryToken.isEmpty { return .bearer(token: registryToken) }
            if let identityToken, !identityToken.isEmpty { return .identityToken(identityToken) }
            if let username, let password, !username.isEmpty { return .basic(username: username, password: password) }
            return nil
        }
    }

    /// `auths`, keyed by registry host (keys are normalised: scheme and path removed, so
    /// `https://index.docker.io/v1/` is `index.docker.io`).
    public var auths: [String: AuthEntry]
    /// `credsStore`: the default helper's suffix (`desktop`, `pass`, `osxkeychain`).
    public var credsStore: String?
    /// `credHelpers`: per-registry helper suffixes, keyed like `auths`.
    public var credHelpers: [String: String]

    /// A config from its parts.
    public init(auths: [String: AuthEntry] = [:], credsStore: String? = nil, credHelpers: [String: String] = [:]) {
        self.auths = auths
        self.credsStore = credsStore
        self.credHelpers = credHelpers
    }

    /// Parses a `config.json`; throws `credentials` naming `location` when it is not valid JSON or an
    /// `auth` value is not base64 `user:password`.
    public static func parse(_ bytes: [UInt8], location: String) throws(NetworkError) -> DockerConfig {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            throw NetworkError(
                code: .credentials, reason: "is not valid JSON", location: location, underlying: "\(error)")
        }
        guard let root = object as? [String: Any] else {
            throw NetworkError(code: .credentials, reason: "is not a JSON object", location: location)
        }
        var config = DockerConfig()
        config.credsStore = (root["credsStore"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        for (key, value) in root["credHelpers"] as? [String: Any] ?? [:] {
            if let helper = value as? String { config.credHelpers[normalizeKey(key)] = helper }
        }
        for (key, value) in root["auths"] as? [String: Any] ?? [:] {
            guard let fields = value as? [String: Any] else { continue }
            var entry = AuthEntry(
                username: fields["username"] as? String, password: fields["password"] as? String,
                identityToken: fields["identitytoken"] as? String, registryToken: fields["registrytoken"] as? String)
            if let auth = fields["auth"] as? String, !auth.isEmpty {
                guard let decoded = Data(base64Encoded: auth).map({ String(decoding: $0, as: UTF8.self) }),
                    let colon = decoded.firstIndex(of: ":")
                else {
                    throw NetworkError(
                        code: .credentials,
                        reason: "auths[\"\(key)\"].auth is not base64 of user:password", location: location)
                }
                entry.username = String(decoded[..<colon])
                entry.password = String(decoded[decoded.index(after: colon)...])
            }
            config.auths[normalizeKey(key)] = entry
        }
        return config
    }

    /// `https://index.docker.io/v1/` → `index.docker.io`; Docker Hub's aliases all become `docker.io`.
    public static func normalizeKey(_ key: String) -> String {
        var host = Substring(key.lowercased())
        if let range = host.range(of: "://") { host = host[range.upperBound...] }
        if let slash = host.firstIndex(of: "/") { host = host[..<slash] }
        switch host {
        case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com": return ImageReference.dockerHub
        default: return String(host)
        }
    }

    /// The config file Docker reads: `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let directory = environment["DOCKER_CONFIG"], !directory.isEmpty { return directory + "/config.json" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.docker/config.json"
    }
}
