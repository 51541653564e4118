import Foundation

/// Per-registry settings from `registries.json`: mirrors to try first, and plain-HTTP permission.
///
/// ```json
/// {
///   "registries": {
///     "docker.io": { "mirrors": ["mirror.internal:5000", "http://127.0.0.1:5001"], "fallback": true },
///     "registry.local:5000": { "insecure": true }
///   }
/// }
/// ```
/// A mirror is `host[:port]`, optionally prefixed with `http://` (plain HTTP) or `https://`. Mirrors are
/// tried in order for the manifest; the first that serves it also serves the blobs; when every mirror
/// fails, the registry itself is used — unless `"fallback": false`, which keeps every request on the mirrors.
public struct RegistryConfiguration: Sendable, Hashable {
    /// Settings for one registry host.
    public struct Registry: Sendable, Hashable {
        /// Mirrors, tried in order before the registry itself.
        public var mirrors: [RegistryEndpoint]
        /// Allow plain HTTP to this registry (like `--insecure`, for one host).
        public var insecure: Bool
        /// Try the registry itself when every mirror failed (default true).
        public var fallback: Bool

        /// Settings from their parts.
        public init(mirrors: [RegistryEndpoint] = [], insecure: Bool = false, fallback: Bool = true) {
            self.mirrors = mirrors
            self.insecure = insecure
            self.fallback = fallback
        }
    }

    /// Settings by registry host (`docker.io` for Docker Hub).
    public var registries: [String: Registry]

    /// A configuration from its parts (empty by default).
    public init(registries: [String: Registry] = [:]) {
        self.registries = registries
    }

    /// Parses a `registries.json`; throws `configuration` naming `location`.
    public static func parse(_ bytes: [UInt8], location: String) throws(NetworkError) -> RegistryConfiguration {
        func invalid(_ why: String) -> NetworkError {
            NetworkError(code: .configuration, reason: why, location: location)
        }
        guard let root = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else {
            throw invalid("is not a JSON object")
        }
        guard let entries = root["registries"] as? [String: Any] else {
            throw invalid("has no \"registries\" object")
        }
        var result = RegistryConfiguration()
        for (host, value) in entries {
            guard let fields = value as? [String: Any] else {
                throw invalid("registries[\"\(host)\"] is not an object")
            }
            var registry = Registry()
            if let insecure = fields["insecure"] {
                guard let flag = insecure as? Bool else {
                    throw invalid("registries[\"\(host)\"].insecure is not true/false")
                }
                registry.insecure = flag
            }
            if let fallback = fields["fallback"] {
                guard let flag = fallback as? Bool else {
                    throw invalid("registries[\"\(host)\"].fallback is not true/false")
                }
                registry.fallback = flag
            }
            if let mirrors = fields["mirrors"] {
                guard let list = mirrors as? [String] else {
                    throw invalid("registries[\"\(host)\"].mirrors is not a list of strings")
                }
                for text in list {
                    guard let endpoint = RegistryEndpoint.parse(text) else {
                        throw invalid("registries[\"\(host)\"].mirrors: '\(text)' is not [http://|https://]host[:port]")
                    }
                    registry.mirrors.append(endpoint)
                }
            }
            result.registries[DockerConfig.normalizeKey(host)] = registry
        }
        return result
    }

    /// Loads `path`, or the default location when `nil`: `$XDG_CONFIG_HOME/drydock/registries.json`
    /// (`~/.config/drydock/registries.json`). A missing default file gives an empty configuration; a
    /// missing explicit one throws.
    public static func load(
        path: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(NetworkError) -> RegistryConfiguration {
        let location = path ?? defaultPath(environment: environment)
        guard let data = FileManager.default.contents(atPath: location) else {
            if path != nil {
                throw NetworkError(code: .configuration, reason: "registry config file not found", location: location)
            }
            return RegistryConfiguration()
        }
        return try parse(Array(data), location: location)
    }

    /// `$XDG_CONFIG_HOME/drydock/registries.json`, else `~/.config/drydock/registries.json`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let base = environment["XDG_CONFIG_HOME"], !base.isEmpty { return base + "/drydock/registries.json" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/drydock/registries.json"
    }

    /// The endpoints to try for `registry`, mirrors first; `insecureAll` (`--insecure`) makes the
    /// registry itself plain HTTP.
    public func endpoints(for registry: String, apiHost: String, insecureAll: Bool) -> [RegistryEndpoint] {
        let settings = registries[DockerConfig.normalizeKey(registry)] ?? Registry()
        let plain = insecureAll || settings.insecure
        let origin = RegistryEndpoint(host: apiHost, plainHTTP: plain, isMirror: false)
        return settings.mirrors + (settings.fallback || settings.mirrors.isEmpty ? [origin] : [])
    }
}

/// Where a registry's API is reached: a host and a scheme.
public struct RegistryEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// `host[:port]`.
    public var host: String
    /// Plain HTTP instead of HTTPS.
    public var plainHTTP: Bool
    /// Whether this is a mirror rather than the registry itself.
    public var isMirror: Bool

    /// An endpoint from its parts.
    public init(host: String, plainHTTP: Bool = false, isMirror: Bool = false) {
        self.host = host
        self.plainHTTP = plainHTTP
        self.isMirror = isMirror
    }

    /// Parses `[http://|https://]host[:port]` (a trailing `/` is allowed) as a mirror.
    public static func parse(_ text: String) -> RegistryEndpoint? {
        var rest = Substring(text)
        var plain = false
        if rest.hasPrefix("http://") {
            plain = true
            rest = rest.dropFirst(7)
        } else if rest.hasPrefix("https://") {
            rest = rest.dropFirst(8)
        }
        while rest.hasSuffix("/") { rest = rest.dropLast() }
        let host = String(rest)
        guard ImageReference.isValidHost(host), !host.contains("/") else { return nil }
        return RegistryEndpoint(host: host, plainHTTP: plain, isMirror: true)
    }

    /// `http(s)://host`.
    public var baseURL: String { (plainHTTP ? "http://" : "https://") + host }

    /// `https://host` (or `http://`), marked `(mirror)` when it is one.
    public var description: String { baseURL + (isMirror ? " (mirror)" : "") }
}
