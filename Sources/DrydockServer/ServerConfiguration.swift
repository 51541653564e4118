import DrydockAdmission
import DrydockRepository
import Foundation

/// Everything `drydock server` is started with.
public struct ServerConfiguration: Sendable {
    /// Address to listen on.
    public var host: String
    public var port: Int
    /// The repository store.
    public var store: StoreLocation
    /// The vulnerability DB file the server matches with and keeps current.
    public var databasePath: String
    /// The bearer tokens; empty with ``authenticationRequired`` off means anyone may do anything.
    public var tokens: AccessTokenSet
    public var authenticationRequired: Bool
    /// PEM certificate chain and private key: serve HTTPS.
    public var tlsCertificate: String?
    public var tlsKey: String?
    /// The largest request body accepted (bytes).
    public var maxBodySize: Int
    /// Days per severity before an open finding is overdue (`/api/v1/findings/overdue`).
    public var sla: SLAPolicy
    /// How the admission webhook decides (`--admission-config`; the defaults without one).
    public var admission = AdmissionConfiguration()

    public init(
        host: String = "127.0.0.1", port: Int = 8080, store: StoreLocation, databasePath: String,
        tokens: AccessTokenSet = AccessTokenSet([]), authenticationRequired: Bool = true,
        tlsCertificate: String? = nil, tlsKey: String? = nil, maxBodySize: Int = 64 << 20, sla: SLAPolicy = .standard
    ) {
        self.host = host
        self.port = port
        self.store = store
        self.databasePath = databasePath
        self.tokens = tokens
        self.authenticationRequired = authenticationRequired
        self.tlsCertificate = tlsCertificate
        self.tlsKey = tlsKey
        self.maxBodySize = maxBodySize
        self.sla = sla
    }

    /// Parses `--listen`: `HOST:PORT`, `:PORT` (all interfaces) or `[IPV6]:PORT`.
    public static func parseListen(_ text: String) throws(ServerConfigurationError) -> (host: String, port: Int) {
        var host = "0.0.0.0"
        var portText = Substring(text)
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                throw ServerConfigurationError("--listen \(text): missing ']'")
            }
            host = String(text[text.index(after: text.startIndex)..<close])
            portText = text[text.index(after: close)...].drop { $0 == ":" }
        } else if let colon = text.lastIndex(of: ":") {
            if colon != text.startIndex { host = String(text[..<colon]) }
            portText = text[text.index(after: colon)...]
        }
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw ServerConfigurationError("--listen \(text): expected HOST:PORT (127.0.0.1:8080, :8080, [::1]:8080)")
        }
        return (host, port)
    }
}
