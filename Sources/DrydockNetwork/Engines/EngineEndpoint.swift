/// Where a local engine's API listens: a Unix socket, or TCP (with TLS as Docker configures it).
public enum EngineEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// A Unix socket at this path.
    case unix(path: String)
    /// A TCP address; `tls` is set for `DOCKER_TLS_VERIFY` / `DOCKER_CERT_PATH` setups.
    case tcp(host: String, port: Int, tls: EngineTLS?)

    /// Parses `unix:///run/docker.sock`, a bare `/run/docker.sock`, `tcp://host:2376`, `http://host:2375`
    /// or `https://host:2376` (TLS with the system's CAs unless `tls` says otherwise).
    ///
    /// `tls` is applied to TCP addresses only; `ssh://` (Docker's SSH transport) is refused with a hint.
    public static func parse(_ text: String, tls: EngineTLS? = nil) throws(EngineError) -> EngineEndpoint {
        if text.hasPrefix("/") { return .unix(path: text) }
        if text.hasPrefix("unix://") {
            let path = String(text.dropFirst("unix://".count))
            guard path.hasPrefix("/") else {
                throw EngineError(
                    code: .invalidInput, reason: "a unix:// address needs an absolute path (unix:///run/docker.sock)",
                    location: text)
            }
            return .unix(path: path)
        }
        for (scheme, defaultPort, forcesTLS) in [
            ("tcp://", 2375, false), ("http://", 2375, false), ("https://", 2376, true),
        ]
        where text.hasPrefix(scheme) {
            var rest = String(text.dropFirst(scheme.count))
            if let slash = rest.firstIndex(of: "/") { rest = String(rest[..<slash]) }
            let (host, port) = try hostAndPort(
                rest, defaultPort: tls == nil && !forcesTLS ? defaultPort : 2376, text: text)
            let security = tls ?? (forcesTLS ? EngineTLS(verify: true) : nil)
            return .tcp(host: host, port: port, tls: security)
        }
        if text.hasPrefix("ssh://") {
            throw EngineError(
                code: .invalidInput,
                reason:
                    "ssh:// engine addresses are not supported; forward the socket (ssh -L) and use unix:// or tcp://",
                location: text)
        }
        throw EngineError(
            code: .invalidInput, reason: "expected unix:///PATH, /PATH or tcp://HOST:PORT", location: text)
    }

    private static func hostAndPort(_ authority: String, defaultPort: Int, text: String) throws(EngineError) -> (
        String, Int
    ) {
        var host = authority
        var port = defaultPort
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                guard let value = Int(after.dropFirst()) else {
                    throw EngineError(code: .invalidInput, reason: "the port is not a number", location: text)
                }
                port = value
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            guard let value = Int(authority[authority.index(after: colon)...]) else {
                throw EngineError(code: .invalidInput, reason: "the port is not a number", location: text)
            }
            port = value
        }
        guard !host.isEmpty, (1...65535).contains(port) else {
            throw EngineError(code: .invalidInput, reason: "expected tcp://HOST:PORT", location: text)
        }
        return (host, port)
    }

    /// `unix:///path` or `tcp://host:port`, as Docker writes it.
    public var description: String {
        switch self {
        case .unix(let path): return "unix://\(path)"
        case .tcp(let host, let port, _):
            return "tcp://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        }
    }
}

/// TLS towards a TCP engine: Docker's `ca.pem`, `cert.pem` and `key.pem` (`DOCKER_CERT_PATH`), and
/// whether the server's certificate is verified (`DOCKER_TLS_VERIFY`).
public struct EngineTLS: Sendable, Hashable {
    /// CA certificates to trust instead of the system's (`ca.pem`), when present.
    public var caPath: String?
    /// The client certificate (`cert.pem`), when present.
    public var certificatePath: String?
    /// The client key (`key.pem`), when present.
    public var keyPath: String?
    /// Whether the server's certificate and name are verified.
    public var verify: Bool

    /// TLS settings from their parts.
    public init(caPath: String? = nil, certificatePath: String? = nil, keyPath: String? = nil, verify: Bool) {
        self.caPath = caPath
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        self.verify = verify
    }
}
