import Hummingbird
import Logging

/// The request context of `drydock server`: Hummingbird's core storage (the logger carries the request ID
/// as `hb.request.id`) and the caller's identity once the bearer token is checked.
public struct ServerRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The token's identity; `nil` on the unauthenticated endpoints (`/healthz`, `/readyz`, `/metrics`).
    public var identity: AccessToken?

    public init(source: Source) {
        coreContext = .init(source: source)
        identity = nil
    }

    /// Who is asking, for the audit log.
    public var actor: String { identity?.name ?? "anonymous" }
}
